import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../core/config/config.ts';
import { createLogger } from '../../core/logging/logger.ts';
import { formatIssue, ImportFileError } from '../../fingerprints/registry/import/import.issue.ts';
import { importLimits, prepareImport, RegistryImportService, reportJson, type ImportReport, type PreparedImport } from '../../fingerprints/registry/import/import.service.ts';
import { exportRegistry, registryTemplate, type ExportFile } from '../../fingerprints/registry/import/registry.export.ts';
import { RegistryService } from '../../fingerprints/registry/registry.service.ts';
import type { RegistryActor } from '../../fingerprints/registry/registry.types.ts';
import { CliError } from './cli-error.ts';
import { openRuntime, type Runtime } from './runtime.ts';

/**
 * `ipwatch registry import|export|template` (DESIGN.md §5). Import: exit 0 when the file went in (or a
 * dry run found nothing to refuse), 1 when a row was refused (nothing written), the arguments are wrong
 * or a file is unreadable (one line naming the file).
 */
export async function registryCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'import') return importCommand(rest);
  if (sub === 'export') return exportCommand(rest);
  if (sub === 'template') return templateCommand(rest);
  throw new CliError('dùng / use: ipwatch registry import|export|template … (ipwatch --help)');
}

function args<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

function oneOf<T extends string>(name: string, value: string | boolean | undefined, allowed: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new CliError(`--${name} phải là / must be ${allowed.join('|')}`);
  return value as T;
}

/** The CLI acts as an officer; the audit log names the operating-system user. */
function cliActor(): RegistryActor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (some containers): the label stays generic
  }
  return { userId: null, role: 'officer', ownerId: null, label: `cli:${user}` };
}

async function withRegistry<T>(purpose: string, fn: (registry: RegistryService, runtime: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Without REDIS_URL a private Redis would vanish with this process: fingerprint requests stay
  // 'pending' in the database and the next worker or `ipwatch start` queues them.
  const useQueues = Boolean(config.redisUrl);
  const runtime = await openRuntime(config, { purpose, redis: useQueues, logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) });
  try {
    const registry = new RegistryService({ db: runtime.db, blobs: runtime.blobs, config: runtime.config, now: runtime.now, logger: runtime.logger, queues: useQueues ? runtime.queues : undefined });
    return await fn(registry, runtime);
  } finally {
    await runtime.close();
  }
}

async function readInput(file: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    size = stat.size;
  } catch (error) {
    throw new CliError(`${file}: không đọc được tệp / cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  // Refused before reading: an oversized upload must not be loaded into memory at all.
  if (size > maxBytes) throw new CliError(`${file}: tệp quá lớn (${size} byte, tối đa ${maxBytes}) / file too large (${size} bytes, limit ${maxBytes})`);
  return fs.readFile(file);
}

async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(() =>
    parseArgs({ args: argv, options: { images: { type: 'string' }, 'dry-run': { type: 'boolean' }, format: { type: 'string' } }, strict: true, allowPositionals: true }),
  );
  if (positionals.length !== 1) throw new CliError('dùng / use: ipwatch registry import <file.csv|file.xlsx> [--images <images.zip>] [--dry-run] [--format json]');
  const format = oneOf('format', values.format, ['json', 'text'] as const, 'text');
  const file = positionals[0]!;
  const config = loadConfig();
  const bytes = await readInput(file, config.importMaxFileBytes);
  if (values.images !== undefined) await readable(values.images);
  const limits = importLimits(config);
  // The file and its images are checked before the database opens: a bad file fails fast, touching nothing.
  let prepared: PreparedImport;
  try {
    prepared = await prepareImport({
      file: { name: file, bytes },
      images: values.images ? { name: values.images, path: values.images } : undefined,
      dryRun: values['dry-run'] ?? false,
      actor: cliActor(),
    }, limits);
  } catch (error) {
    if (error instanceof ImportFileError) throw new CliError(error.message);
    throw error;
  }
  let report: ImportReport;
  try {
    report = prepared.headerRefused ? prepared.report : await withRegistry('ipwatch registry import', (registry) => new RegistryImportService(registry, limits).run(prepared));
  } finally {
    prepared.zip?.close();
  }
  process.stdout.write(format === 'json' ? `${JSON.stringify(reportJson(report))}\n` : humanReport(report));
  return report.rejected.length ? 1 : 0;
}

async function readable(file: string): Promise<void> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
  } catch (error) {
    throw new CliError(`${file}: không đọc được tệp / cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

const OUTCOME_VI = { created: 'tạo mới', updated: 'cập nhật', unchanged: 'không đổi', rejected: 'bị từ chối' } as const;

/** Vietnamese first, reasons per row; a dry run lists every row, a real run the refused ones. */
export function humanReport(report: ImportReport): string {
  const kindVi = report.kind === 'works' ? 'tác phẩm' : 'nhãn hiệu';
  const lines = [`${report.file}: tệp ${kindVi} (${report.kind})${report.dryRun ? ' — chạy thử, không ghi gì / dry run, nothing written' : ''}`];
  if (report.ignoredColumns.length) lines.push(`  bỏ qua cột không dùng / ignored columns: ${report.ignoredColumns.join(', ')}`);
  const shown = report.dryRun ? report.rows : report.rows.filter((r) => r.outcome === 'rejected');
  const headerOnly = report.rejected.filter((r) => !report.rows.some((row) => row.row === r.row));
  for (const r of headerOnly) {
    lines.push(`  dòng ${r.row}: bị từ chối / rejected`);
    for (const e of r.errors) lines.push(`      - ${formatIssue(e, 'both')}`);
  }
  for (const row of shown) {
    lines.push(`  dòng ${String(row.row).padEnd(5)} ${OUTCOME_VI[row.outcome].padEnd(11)} ${row.label.slice(0, 60)}`);
    for (const e of row.errors) lines.push(`      - ${formatIssue(e, 'both')}`);
  }
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const row of report.rows) if (row.outcome !== 'rejected') counts[row.outcome]++;
  const rejected = report.rejected.length;
  const would = report.dryRun || rejected ? ' (dự kiến / would be)' : '';
  lines.push(`Kết quả${would}: tạo mới ${counts.created}, cập nhật ${counts.updated}, không đổi ${counts.unchanged}, bị từ chối ${rejected}.`);
  lines.push(`Summary${would}: created ${counts.created}, updated ${counts.updated}, unchanged ${counts.unchanged}, rejected ${rejected}.`);
  if (rejected && !report.dryRun) lines.push('Có dòng bị từ chối: không ghi gì vào sổ đăng ký. / Rows were rejected: nothing was written.');
  else if (report.written) lines.push('Đã ghi vào sổ đăng ký. / Written to the registry.');
  return `${lines.join('\n')}\n`;
}

async function writeOut(out: string, file: ExportFile): Promise<void> {
  const target = path.resolve(out);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temp, file.bytes);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new CliError(`${out}: không ghi được tệp / cannot write the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function exportArgs(argv: string[]) {
  const { values } = args(() =>
    parseArgs({ args: argv, options: { kind: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, header: { type: 'string' } }, strict: true, allowPositionals: false }),
  );
  const kind = oneOf('kind', values.kind, ['works', 'marks'] as const);
  const format = oneOf('format', values.format, ['csv', 'xlsx'] as const);
  if (!values.out) throw new CliError('--out <tệp/file> là bắt buộc / is required');
  return { kind, format, out: values.out, header: oneOf('header', values.header, ['codes', 'vi'] as const, 'codes') };
}

async function exportCommand(argv: string[]): Promise<number> {
  const { kind, format, out, header } = exportArgs(argv);
  const file = await withRegistry('ipwatch registry export', (registry) => exportRegistry(registry, cliActor(), kind, format, { header }));
  await writeOut(out, file);
  process.stdout.write(`Đã xuất ${file.rows} ${kind === 'works' ? 'tác phẩm' : 'nhãn hiệu'} vào ${out} / exported ${file.rows} ${kind} to ${out}\n`);
  return 0;
}

async function templateCommand(argv: string[]): Promise<number> {
  const { kind, format, out } = exportArgs(argv);
  await writeOut(out, await registryTemplate(kind, format));
  process.stdout.write(`Đã ghi mẫu vào ${out} / template written to ${out}\n`);
  return 0;
}
