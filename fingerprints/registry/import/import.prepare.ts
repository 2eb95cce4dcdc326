import fs from 'node:fs/promises';
import type { Config } from '../../../core/config/config.ts';
import { normalizePartyName } from '../party.normalize.ts';
import type { RegistryActor, UpsertOutcome } from '../registry.types.ts';
import { mapHeader, type RegistryKind } from './import.columns.ts';
import { ImageSource } from './import.images.ts';
import { ImportFileError, issue, type ImportIssue } from './import.issue.ts';
import { readTable } from './import.read.ts';
import { validateRow, type MarkRow, type WorkRow } from './import.validate.ts';
import { IMAGE_ZIP_MAX_ENTRIES, IMAGE_ZIP_MAX_RATIO, SafeZip, type ZipSource } from './import.zip.ts';

/** The part of a registry import that needs no database, and the shapes of its report. */
export interface ImportLimits {
  maxFileBytes: number;
  maxRows: number;
  /** Uncompressed total of the images ZIP (and the ZIP file's own size). */
  maxArchiveBytes: number;
  maxImageBytes: number;
}

export function importLimits(config: Pick<Config, 'importMaxFileBytes' | 'importMaxRows' | 'importMaxArchiveBytes' | 'maxImageBytes'>): ImportLimits {
  return { maxFileBytes: config.importMaxFileBytes, maxRows: config.importMaxRows, maxArchiveBytes: config.importMaxArchiveBytes, maxImageBytes: config.maxImageBytes };
}

export interface RegistryImportRequest {
  file: { name: string; bytes: Uint8Array };
  /** The images ZIP: a path (CLI, read lazily) or bytes (an upload); `name` is for messages. */
  images?: ({ name: string } & ZipSource) | undefined;
  dryRun?: boolean;
  actor: RegistryActor;
}

export type RowOutcome = UpsertOutcome | 'rejected';

export interface ImportRowResult {
  row: number;
  /** The work's title or the mark's name, for people reading the report. */
  label: string;
  outcome: RowOutcome;
  errors: ImportIssue[];
}

export interface ImportReport {
  kind: RegistryKind;
  file: string;
  dryRun: boolean;
  /** True only when the import committed (not a dry run, no rejected row). */
  written: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; errors: ImportIssue[] }[];
  /** Every row with its (would-be) outcome, in file order. */
  rows: ImportRowResult[];
  /** Header cells that are no registry column (e.g. `STT`), left out of the import. */
  ignoredColumns: string[];
}

export type Row = WorkRow | MarkRow;

/** A checked file waiting for its database pass (holds the images ZIP open until run()). */
export interface PreparedImport {
  request: RegistryImportRequest;
  report: ImportReport;
  results: Map<number, ImportRowResult>;
  valid: Row[];
  images: ImageSource;
  zip?: SafeZip | undefined;
  headerRefused: boolean;
}

/**
 * Everything that needs no database: the file read and its header, every row validated, duplicate
 * identities, the images ZIP opened and each named image checked. File-level problems throw
 * ImportFileError (the CLI fails fast on them before opening the database).
 */
export async function prepareImport(request: RegistryImportRequest, limits: ImportLimits): Promise<PreparedImport> {
  const { file } = request;
  const table = await readTable(file.name, file.bytes, limits);
  const header = mapHeader(table.header);
  if (!header) {
    throw new ImportFileError(
      issue('dòng tiêu đề không cho biết đây là tệp tác phẩm (title, type, owners…) hay nhãn hiệu (name, kind, owner…)', 'the header row names neither works columns (title, type, owners…) nor marks columns (name, kind, owner…)'),
      file.name,
      table.headerRow,
    );
  }
  const report: ImportReport = {
    kind: header.kind,
    file: file.name,
    dryRun: request.dryRun ?? false,
    written: false,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rows: [],
    ignoredColumns: header.ignored,
  };
  const results = new Map<number, ImportRowResult>();
  if (header.errors.length) {
    report.rejected.push({ row: table.headerRow, errors: header.errors });
    return { request, report, results, valid: [], images: new ImageSource(undefined, limits.maxImageBytes), headerRefused: true };
  }
  const valid: Row[] = [];
  for (const raw of table.rows) {
    const checked = validateRow(header.kind, header, raw);
    if (checked.ok) valid.push(checked.value);
    results.set(raw.row, checked.ok ? { row: raw.row, label: label(checked.value), outcome: 'unchanged', errors: [] } : { row: raw.row, label: raw.cells[0] ?? '', outcome: 'rejected', errors: checked.errors });
  }
  rejectDuplicates(valid, results);
  const zip = request.images ? await openImages(request.images, limits) : undefined;
  const images = new ImageSource(zip, limits.maxImageBytes);
  try {
    for (const row of valid) {
      for (const name of imageNames(row)) {
        if (!images.locate(name)) continue; // may already be stored: decided against the database in run()
        const problem = await images.check(name);
        if (problem) reject(results, row.row, problem);
      }
    }
  } catch (error) {
    zip?.close();
    throw error;
  }
  return { request, report, results, valid, images, zip, headerRefused: false };
}


async function openImages(source: { name: string } & ZipSource, limits: ImportLimits): Promise<SafeZip> {
  const size = 'path' in source ? await fileSize(source.path, source.name) : source.bytes.byteLength;
  if (size > limits.maxArchiveBytes) {
    throw new ImportFileError(issue(`tệp ZIP quá lớn (${size} byte, tối đa ${limits.maxArchiveBytes})`, `ZIP file too large (${size} bytes, limit ${limits.maxArchiveBytes})`), source.name, undefined, 413);
  }
  return SafeZip.open(source, source.name, {
    maxEntries: IMAGE_ZIP_MAX_ENTRIES,
    maxEntryBytes: limits.maxImageBytes,
    maxTotalBytes: limits.maxArchiveBytes,
    maxRatio: IMAGE_ZIP_MAX_RATIO,
  });
}


export function imageNames(row: Row): string[] {
  return 'title' in row ? row.images : row.image ? [row.image] : [];
}

export function baseName(name: string): string {
  return name.normalize('NFC').split(/[\\/]/).pop() ?? name;
}

function label(row: Row): string {
  return 'title' in row ? row.title : row.name;
}

export function reject(results: Map<number, ImportRowResult>, row: number, problem: ImportIssue): void {
  const result = results.get(row)!;
  result.outcome = 'rejected';
  result.errors.push(problem);
}

/** The identity of DESIGN.md §5 as the service resolves it (titles by spacing, parties by normalised name). */
function identityKey(row: Row): string {
  if (row.certificateNo) return `cert\u0000${row.certificateNo}`;
  const title = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return 'title' in row ? `work\u0000${title(row.title)}\u0000${normalizePartyName(row.owners[0]!)}` : `mark\u0000${title(row.name)}\u0000${normalizePartyName(row.owner)}`;
}

function rejectDuplicates(rows: Row[], results: Map<number, ImportRowResult>): void {
  const groups = new Map<string, number[]>();
  for (const row of rows) groups.set(identityKey(row), [...(groups.get(identityKey(row)) ?? []), row.row]);
  for (const [key, lines] of groups) {
    if (lines.length < 2) continue;
    const what = key.startsWith('cert') ? `số giấy chứng nhận/văn bằng ${key.split('\u0000')[1]}` : 'tên và chủ sở hữu';
    const whatEn = key.startsWith('cert') ? `certificate number ${key.split('\u0000')[1]}` : 'title/name and owner';
    for (const line of lines) {
      const others = lines.filter((l) => l !== line).join(', ');
      reject(results, line, issue(`trùng ${what} với dòng ${others}`, `same ${whatEn} as row ${others}`));
    }
  }
}

async function fileSize(file: string, name: string): Promise<number> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    return stat.size;
  } catch (error) {
    throw new ImportFileError(issue(`không đọc được tệp (${(error as Error).message})`, `cannot read the file (${(error as Error).message})`), name);
  }
}
