import fs from 'node:fs/promises';
import { ExternalInputError } from '../../../core/errors/errors.ts';
import { loadOpenCv } from '../../../fingerprints/features/opencv.ts';
import { fingerprintRows } from '../../../fingerprints/fingerprint.service.ts';
import {
  MatchSnapshot, toIndexedFeatures, toIndexedFingerprint, toIndexedWork, type IndexedFeatures, type IndexedFingerprint, type IndexedWork,
} from '../../../matcher/match.index.ts';
import { CliError } from '../cli-error.ts';
import { imageFiles, readImage } from './images.ts';
import { readJsonLines } from './jsonl.ts';

/** A work's id as the user wrote it: a JSONL id keeps its JSON type, a file's id is its name. */
export type ExternalId = string | number;

/**
 * The registry of an offline run, held in memory: the same MatchSnapshot the pipeline loads from the
 * database, built from the same rows (fingerprintRows for images, toIndexedWork for texts and marks).
 * The snapshot wants numeric ids, so works are numbered 1… and mapped back for the output.
 */
export interface OfflineRegistry {
  snapshot: MatchSnapshot;
  /** External id of snapshot work n at index n − 1. */
  ids: ExternalId[];
  /** File name of each registered image, by asset id: names the matched image in the explanation. */
  assetNames: Map<number, string>;
}

export type Log = (message: string) => void;

/** The one-line refusal of a path that is not there, before any work is done. */
export async function statInput(input: string, flag: string) {
  return fs.stat(input).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`${flag} ${input}: ${error.code === 'ENOENT' ? 'no such file or directory' : `cannot read (${error.code})`}`);
  });
}

export async function loadWorks(input: string, maxImageBytes: number, log: Log): Promise<OfflineRegistry> {
  const stat = await statInput(input, '--works');
  // Registered and candidate images both get ORB features, computed synchronously once this resolves.
  await loadOpenCv();
  const registry = stat.isDirectory() ? await imageWorks(input, maxImageBytes, log) : await textWorks(input, log);
  if (!registry.ids.length) log(`no works in ${input}: every candidate will have no matches`);
  return registry;
}

async function imageWorks(dir: string, maxImageBytes: number, log: Log): Promise<OfflineRegistry> {
  const ids: ExternalId[] = [];
  const workIds = new Map<string, number>();
  const assetNames = new Map<number, string>();
  const fingerprints: IndexedFingerprint[] = [];
  const features: IndexedFeatures[] = [];
  const now = new Date();
  const started = Date.now();
  let nextFingerprint = 1;
  try {
    for await (const { id, file } of imageFiles(dir)) {
      let image;
      try {
        image = await readImage(file, maxImageBytes);
      } catch (error) {
        if (error instanceof ExternalInputError) throw new CliError(`${file}: ${error.message}`);
        throw error;
      }
      // "a.jpg" and "a.png" are two images of one work "a", as a registered work may have several.
      let workId = workIds.get(id);
      if (workId === undefined) {
        workId = ids.push(id);
        workIds.set(id, workId);
      }
      const assetId = assetNames.size + 1;
      assetNames.set(assetId, file.slice(dir.length).replace(/^[/\\]+/, ''));
      for (const rows of fingerprintRows(image, { id: assetId, workId }, now).values()) {
        for (const row of rows) {
          const indexed = toIndexedFingerprint({
            ...row,
            id: nextFingerprint++,
            region: row.region ?? 'full',
            quality: row.quality ?? null,
            box: row.box ?? null,
            computedAt: now,
          });
          if (indexed) fingerprints.push(indexed);
          const orb = toIndexedFeatures({ ...row, box: row.box ?? null });
          if (orb) features.push(orb);
        }
      }
      if (assetNames.size % 100 === 0) log(`works: ${assetNames.size} images fingerprinted`);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`--works ${dir}: cannot read directory${code ? ` (${code})` : ''}`);
  }
  log(`works: ${assetNames.size} images of ${ids.length} works fingerprinted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { snapshot: new MatchSnapshot(fingerprints, [], Date.now(), features), ids, assetNames };
}

function optionalString(value: unknown, field: string, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new CliError(`${where}: "${field}" must be a string`);
  return value;
}

/** A bad works line stops the run: matching against a registry with a hole in it would mislead. */
async function textWorks(file: string, log: Log): Promise<OfflineRegistry> {
  const ids: ExternalId[] = [];
  const seen = new Map<string, number>();
  const works: IndexedWork[] = [];
  try {
    for await (const line of readJsonLines(file)) {
      const where = `${file}:${line.number}`;
      if (line.error !== undefined || line.text === undefined) throw new CliError(`${where}: ${line.error ?? 'unreadable line'}`);
      if (line.legacyEncoding) log(`${where}: not UTF-8, read as ${line.legacyEncoding}`);
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch (error) {
        throw new CliError(`${where}: not valid JSON (${(error as Error).message})`);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError(`${where}: not a JSON object`);
      const record = value as Record<string, unknown>;
      const id = record.id;
      if (!((typeof id === 'string' && id.trim()) || (typeof id === 'number' && Number.isFinite(id)))) {
        throw new CliError(`${where}: "id" missing (a non-empty string or a number)`);
      }
      const kind = record.kind ?? 'work';
      if (kind !== 'work' && kind !== 'mark') throw new CliError(`${where}: "kind" must be "work" or "mark"`);
      const title = optionalString(record.title, 'title', where)?.trim() ?? '';
      const text = optionalString(record.text, 'text', where) ?? '';
      // A mark is its name: "text" per the contract, the title when only that was given.
      const name = kind === 'mark' ? text.trim() || title : '';
      if (kind === 'mark' ? !name : !text.trim() && !title) throw new CliError(`${where}: "text" missing or empty`);
      const key = `${typeof id}:${id}`;
      const first = seen.get(key);
      if (first !== undefined) throw new CliError(`${where}: duplicate id ${JSON.stringify(id)} (first on line ${first})`);
      seen.set(key, line.number);
      const workId = ids.push(id);
      works.push(toIndexedWork(kind === 'mark'
        ? { id: workId, title: name, keywords: [], text: null, kind: 'mark' }
        : { id: workId, title, keywords: [], text }));
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`--works ${file}: cannot read${code ? ` (${code})` : ''}`);
  }
  log(`works: ${works.length} texts and marks read from ${file}`);
  return { snapshot: new MatchSnapshot([], works, Date.now()), ids, assetNames: new Map() };
}
