import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../core/config/config.ts';
import { ExternalInputError } from '../../core/errors/errors.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../../fingerprints/image/image.decode.ts';
import { ListingOcr, snapshotWantsOcr } from '../../matcher/listing.ocr.ts';
import { hashListingImage, matchCandidate, type WorkCandidate } from '../../matcher/match.candidates.ts';
import type { Signal } from '../../matcher/matcher.schema.ts';
import { REPORT_THRESHOLD } from '../../matcher/scoring.ts';
import { CliError } from './cli-error.ts';
import { readCandidates, type Candidate } from './match/candidates.ts';
import { readImageBytes } from './match/images.ts';
import { loadWorks, statInput, type ExternalId, type OfflineRegistry } from './match/works.ts';

/**
 * `ipwatch match` (DESIGN.md §5): offline batch matching for inspectors and independent evaluation.
 * No database, no Redis: works are fingerprinted in memory with the registration code and every
 * candidate goes through matchCandidate, the pipeline's own matching, at its default threshold.
 */

/** The line of DESIGN.md §5; independent checks parse exactly `query`, `matches[].work/score`, `error`. */
export interface MatchLine {
  query: ExternalId;
  matches: MatchEntry[];
  error?: string;
}

export interface MatchEntry {
  work: ExternalId;
  score: number;
  explanation: string;
  signals: Record<string, unknown>[];
}

/** Decoding runs on libuv's threads while hashing runs on the main one: a few in flight keep both busy. */
const IN_FLIGHT = 3;
/** The listing image id of an image candidate: it is the listing's only image. */
const CANDIDATE_IMAGE_ID = 1;

const usageLine = 'usage: ipwatch match --works <dir|works.jsonl> --candidates <dir|candidates.jsonl> [--format jsonl]';

export async function matchCommand(argv: string[]): Promise<number> {
  const { values } = parseArgsOrFail(argv);
  if (!values.works) throw new CliError(`--works is required (${usageLine})`);
  if (!values.candidates) throw new CliError(`--candidates is required (${usageLine})`);
  if ((values.format ?? 'jsonl') !== 'jsonl') throw new CliError('--format must be jsonl');
  const threshold = values.threshold === undefined ? REPORT_THRESHOLD : Number(values.threshold);
  if (!(threshold > 0 && threshold <= 1)) throw new CliError('--threshold must be a number in (0, 1]');

  const config = loadConfig();
  await statInput(values.candidates, '--candidates');
  // Progress only for a person watching: a script reading stderr gets one line on failure, as contracted.
  const say = (message: string) => process.stderr.write(`ipwatch match: ${message}\n`);
  const log = process.stderr.isTTY ? say : () => {};
  const registry = await loadWorks(values.works, config.maxImageBytes, log);
  // Image candidates against marks or texts: their printed text is read and matched, as in the pipeline.
  const ocr = config.ocr && snapshotWantsOcr(registry.snapshot) ? new ListingOcr() : undefined;
  try {
    return await matchAll(registry, values.candidates, { maxImageBytes: config.maxImageBytes, threshold, ocr }, say, log);
  } finally {
    await ocr?.close();
  }
}

interface MatchSettings {
  maxImageBytes: number;
  threshold: number;
  ocr: ListingOcr | undefined;
}

async function matchAll(registry: OfflineRegistry, candidates: string, settings: MatchSettings, say: (m: string) => void, log: (m: string) => void): Promise<number> {
  let closed = false;
  // A reader that stops early (`| head`) is not an error of ours: stop matching, exit quietly.
  process.stdout.on('error', () => (closed = true));
  const write = async (line: MatchLine) => {
    if (closed) return;
    if (process.stdout.write(`${JSON.stringify(line)}\n`)) return;
    try {
      await once(process.stdout, 'drain');
    } catch {
      closed = true; // once() rejects on the stream's 'error': the reader went away.
    }
  };

  const started = Date.now();
  let count = 0;
  let unreadable = 0;
  let withMatches = 0;
  const running = new Set<Promise<void>>();
  for await (const candidate of readCandidates(candidates, log)) {
    if (closed) break;
    const task = matchOne(registry, candidate, settings, say)
      .then(async (line) => {
        count += 1;
        if (line.error !== undefined) unreadable += 1;
        if (line.matches.length) withMatches += 1;
        if (count % 500 === 0) log(`${count} candidates matched`);
        await write(line);
      })
      .finally(() => running.delete(task));
    running.add(task);
    if (running.size >= IN_FLIGHT) await Promise.race(running);
  }
  await Promise.all(running);

  const seconds = (Date.now() - started) / 1000;
  const rate = seconds > 0 ? (count / seconds).toFixed(1) : String(count);
  say(`${count} candidates, ${withMatches} with matches, ${unreadable} unreadable; ${seconds.toFixed(1)} s (${rate}/s)`);
  return unreadable ? 2 : 0;
}

/** Never rejects: whatever goes wrong with one candidate becomes its `error`, and the run goes on. */
async function matchOne(registry: OfflineRegistry, candidate: Candidate, settings: MatchSettings, log: (m: string) => void): Promise<MatchLine> {
  const { query } = candidate;
  const { maxImageBytes, threshold } = settings;
  try {
    if ('error' in candidate) return { query, matches: [], error: candidate.error };
    let found: WorkCandidate[];
    if ('file' in candidate) {
      const bytes = await readImageBytes(candidate.file, maxImageBytes);
      const image = await decodeImage(bytes, { maxBytes: maxImageBytes, maxSide: HASH_DECODE_MAX_SIDE });
      // OCR problems (timeout, huge image) only mean no OCR'd text; the image is matched all the same.
      const ocrFields = settings.ocr ? (await settings.ocr.read([{ position: 0, bytes }])).fields : [];
      found = matchCandidate(registry.snapshot, { title: '', description: null }, hashListingImage(image, CANDIDATE_IMAGE_ID, 0), threshold, ocrFields);
    } else {
      found = matchCandidate(registry.snapshot, candidate.listing, [], threshold);
    }
    return { query, matches: found.filter((c) => c.reported).map((c) => entryOf(registry, c)) };
  } catch (error) {
    if (error instanceof ExternalInputError) return { query, matches: [], error: error.message };
    // Not the input's fault (a bug, or the machine): still one line, and the reason on stderr.
    const message = error instanceof Error ? error.message : String(error);
    log(`${String(query)}: internal error: ${message}`);
    return { query, matches: [], error: `internal error: ${message}` };
  }
}

function entryOf(registry: OfflineRegistry, candidate: WorkCandidate): MatchEntry {
  return {
    work: registry.ids[candidate.workId - 1]!,
    score: candidate.score,
    explanation: candidate.explanation,
    signals: candidate.signals.filter((s) => (s.evidence ?? 0) > 0).map((s) => signalOf(registry, s)),
  };
}

/** A signal as the reviewer reads it; the pipeline's row ids mean nothing outside a database. */
function signalOf(registry: OfflineRegistry, signal: Signal): Record<string, unknown> {
  const { listingImageId: _listing, assetId, ...rest } = signal;
  const workImage = assetId === undefined ? undefined : registry.assetNames.get(assetId);
  return workImage === undefined ? rest : { ...rest, workImage };
}

function parseArgsOrFail(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { works: { type: 'string' }, candidates: { type: 'string' }, format: { type: 'string' }, threshold: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message} (${usageLine})`);
  }
}
