import type { Context } from 'hono';
import { AppError, UnsupportedMediaError, ValidationError } from '../../../core/errors/errors.ts';
import { formatIssue, ImportFileError, type IssueLanguage } from '../../../fingerprints/registry/import/import.issue.ts';
import type { ImportReport, RegistryImportService } from '../../../fingerprints/registry/import/import.service.ts';
import type { Config } from '../../../core/config/config.ts';
import type { AppEnv, SessionUser } from '../../app.types.ts';
import { toActor } from './registry.actor.ts';
import { assertContentLength, fileBytes, isFile } from './upload.form.ts';

/**
 * An upload buffers in memory (multipart parsing), so the web takes smaller archives than the CLI,
 * which streams the ZIP from disk: bigger image sets go through `ipwatch registry import`.
 */
export const WEB_MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

/** An import file problem, in the words of the import (both languages), as an HTTP error. */
export class ImportFileProblem extends AppError {
  readonly type = 'import-file';
  readonly title = 'The file cannot be imported';
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
    readonly vi: string,
  ) {
    super(message, { vi });
  }
}

/** Rows were refused: nothing was written. The body carries the CLI's summary next to the problem fields. */
export class ImportRejectedError extends AppError {
  readonly status = 422;
  readonly type = 'import-rejected';
  readonly title = 'Some rows were rejected; nothing was written';
}

const TRUE = /^(1|true|yes|on)$/i;

export interface ImportUpload {
  file: { name: string; bytes: Uint8Array };
  images?: { name: string; bytes: Uint8Array } | undefined;
  dryRun: boolean;
}

/** The multipart fields `file` (CSV/XLSX), `images` (ZIP, optional) and `dryRun`, with the size limits. */
export async function readImportUpload(c: Context<AppEnv>, config: Pick<Config, 'importMaxFileBytes' | 'importMaxArchiveBytes'>): Promise<ImportUpload> {
  const maxArchive = Math.min(config.importMaxArchiveBytes, WEB_MAX_ARCHIVE_BYTES);
  assertContentLength(c, config.importMaxFileBytes + maxArchive);
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) throw new UnsupportedMediaError('send the import as multipart/form-data');
  const body = await c.req.parseBody();
  if (!isFile(body.file) || body.file.size === 0) throw new ValidationError('attach the CSV or XLSX file as the `file` field');
  const file = { name: body.file.name || 'upload.csv', bytes: await fileBytes(body.file, config.importMaxFileBytes) };
  const hasImages = isFile(body.images) && body.images.size > 0;
  const images = hasImages ? { name: (body.images as File).name || 'images.zip', bytes: await fileBytes(body.images as File, maxArchive) } : undefined;
  const dryRun = typeof body.dryRun === 'string' && TRUE.test(body.dryRun);
  return { file, images, dryRun };
}

/** Runs the import as the signed-in user; file-level refusals become 400/413/415 problems. */
export async function runImport(importer: RegistryImportService, user: SessionUser, upload: ImportUpload): Promise<ImportReport> {
  try {
    return await importer.import({ file: upload.file, images: upload.images, dryRun: upload.dryRun, actor: toActor(user) });
  } catch (error) {
    if (error instanceof ImportFileError) throw new ImportFileProblem(error.status, error.message, formatIssue(error.issue, 'vi'));
    throw error;
  }
}

export function issuesIn(report: ImportReport, language: IssueLanguage): { row: number; errors: string[] }[] {
  return report.rejected.map((r) => ({ row: r.row, errors: r.errors.map((e) => formatIssue(e, language)) }));
}
