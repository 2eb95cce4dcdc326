import { AppError, ConflictError, ExternalInputError, ForbiddenError, NotFoundError } from '../../../core/errors/errors.ts';
import type { RegistryService } from '../registry.service.ts';
import type { ImageUpload, MarkDetail, MarkInput, RegistryActor, UpsertOutcome, WorkDetail, WorkInput } from '../registry.types.ts';
import type { RegistryKind } from './import.columns.ts';
import type { ImageSource } from './import.images.ts';
import { formatIssue, issue, type ImportIssue, type IssueLanguage } from './import.issue.ts';
import {
  baseName, imageNames, prepareImport, reject, type ImportLimits, type ImportReport, type ImportRowResult, type PreparedImport,
  type RegistryImportRequest, type Row,
} from './import.prepare.ts';
import type { MarkRow, WorkRow } from './import.validate.ts';

export { importLimits, prepareImport, type ImportLimits, type ImportReport, type ImportRowResult, type PreparedImport, type RegistryImportRequest, type RowOutcome } from './import.prepare.ts';

/** The line of DESIGN.md §5. */
export interface ImportSummaryJson {
  kind: RegistryKind;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; errors: string[] }[];
}

export function reportJson(report: ImportReport, language: IssueLanguage = 'both'): ImportSummaryJson {
  return {
    kind: report.kind,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: report.rejected.map((r) => ({ row: r.row, errors: r.errors.map((e) => formatIssue(e, language)) })),
  };
}

class RollBack extends Error {}

/**
 * Bulk import of works or marks (DESIGN.md §5), for the CLI, the REST upload and the portal: every row
 * is checked before anything is written, then the whole file goes through the registry service in one
 * transaction; any rejected row rolls all of it back. Fingerprint jobs follow the commit (the service).
 */
export class RegistryImportService {
  constructor(
    private readonly registry: RegistryService,
    private readonly limits: ImportLimits,
  ) {}

  /** Reads, checks and (unless refused) writes one file: prepare() then run(). */
  async import(request: RegistryImportRequest): Promise<ImportReport> {
    return this.run(await prepareImport(request, this.limits));
  }

  /** The database pass: one transaction for the file, rolled back on any refused row (or a dry run). */
  async run(prepared: PreparedImport): Promise<ImportReport> {
    const { request, report, results, valid, images } = prepared;
    if (prepared.headerRefused) return report;
    try {
      const pending = valid.filter((r) => results.get(r.row)!.outcome !== 'rejected');
      const anyRejected = () => [...results.values()].some((r) => r.outcome === 'rejected');
      // Already refused rows: the rest runs as a dry run so the report says what each would have done.
      const dryRun = report.dryRun || anyRejected();
      try {
        await this.registry.inTransaction(
          async (registry) => {
            for (const row of pending) await this.applyRow(registry, request.actor, row, images, results);
            if (!dryRun && anyRejected()) throw new RollBack();
          },
          { dryRun },
        );
        report.written = !dryRun;
      } catch (error) {
        if (!(error instanceof RollBack)) throw error;
      }
    } finally {
      prepared.zip?.close();
    }
    report.rows = [...results.values()].sort((a, b) => a.row - b.row);
    report.rejected = report.rows.filter((r) => r.outcome === 'rejected').map((r) => ({ row: r.row, errors: r.errors }));
    // A refused real import wrote nothing: it reports no creations or updates, only the reasons.
    if (report.written || report.dryRun) {
      for (const r of report.rows) if (r.outcome !== 'rejected') report[r.outcome]++;
    }
    return report;
  }

  /** One row through the service (a savepoint of the file's transaction); refusals become row errors. */
  private async applyRow(registry: RegistryService, actor: RegistryActor, row: Row, images: ImageSource, results: Map<number, ImportRowResult>): Promise<void> {
    try {
      const needExisting = imageNames(row).length > 0 || ('title' in row && !row.present.has('authors'));
      const existing = needExisting ? await this.existing(registry, actor, row) : undefined;
      const storedNames = new Set((existing?.assets ?? []).filter((a) => a.kind === 'image' && a.originalName).map((a) => a.originalName!));
      const uploads: ImageUpload[] = [];
      for (const name of imageNames(row)) {
        if (images.locate(name)) uploads.push({ name: baseName(name), bytes: await images.bytes(name) });
        else if (!storedNames.has(baseName(name))) {
          reject(results, row.row, images.hasArchive
            ? issue(`hình ${name}: không có trong tệp ZIP`, `image ${name}: not found in the ZIP`)
            : issue(`hình ${name}: chưa gửi kèm tệp ZIP hình ảnh (--images)`, `image ${name}: no images ZIP given (--images)`));
        }
      }
      if (results.get(row.row)!.outcome === 'rejected') return;
      let outcome: UpsertOutcome;
      if ('title' in row) {
        const input = workInput(row);
        // The service reads a missing author list as "no authors": a file without the column keeps them.
        if (!row.present.has('authors') && existing && 'authorParties' in existing) input.authors = existing.authorParties.map((a) => a.name);
        outcome = (await registry.upsertWork(actor, input, uploads)).outcome;
      } else {
        outcome = (await registry.upsertMark(actor, markInput(row), uploads[0])).outcome;
      }
      results.get(row.row)!.outcome = outcome;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      reject(results, row.row, serviceIssue(error));
    }
  }

  /** The stored record a row denotes (identity of DESIGN.md §5), with its assets. */
  private async existing(registry: RegistryService, actor: RegistryActor, row: Row): Promise<WorkDetail | MarkDetail | undefined> {
    if ('title' in row) {
      const work = await registry.findWorkByIdentity({ certificateNo: row.certificateNo, title: row.title, firstOwner: row.owners[0]! });
      return work ? registry.getWork(actor, work.id).catch(unseen) : undefined;
    }
    const mark = await registry.findMarkByIdentity({ certificateNo: row.certificateNo, name: row.name, owner: row.owner });
    return mark ? registry.getMark(actor, mark.id).catch(unseen) : undefined;
  }
}

/** Another holder's record is not this actor's to see: the service's own upsert gives the refusal. */
function unseen(error: unknown): undefined {
  if (error instanceof NotFoundError) return undefined;
  throw error;
}

function workInput(row: WorkRow): WorkInput {
  const has = (code: string) => row.present.has(code);
  return {
    title: row.title,
    type: row.type,
    owners: row.owners,
    ...(has('authors') ? { authors: row.authors } : {}),
    ...(has('certificate_no') ? { certificateNo: row.certificateNo } : {}),
    ...(has('certificate_date') ? { certificateDate: row.certificateDate } : {}),
    ...(has('published_on') ? { publishedOn: row.publishedOn } : {}),
    ...(has('description') ? { description: row.description } : {}),
    ...(has('text') ? { text: row.text } : {}),
  };
}

function markInput(row: MarkRow): MarkInput {
  const has = (code: string) => row.present.has(code);
  return {
    name: row.name,
    kind: row.kind,
    owner: row.owner,
    ...(has('certificate_no') ? { certificateNo: row.certificateNo } : {}),
    ...(has('filing_date') ? { filingDate: row.filingDate } : {}),
    ...(has('grant_date') ? { grantDate: row.grantDate } : {}),
    ...(has('nice_classes') ? { niceClasses: row.niceClasses } : {}),
    ...(has('goods') ? { goods: row.goods } : {}),
  };
}

function serviceIssue(error: AppError): ImportIssue {
  if (error instanceof ConflictError) return issue(`xung đột với dữ liệu đã có: ${error.message}`, `conflicts with the registry: ${error.message}`);
  if (error instanceof ForbiddenError || error instanceof NotFoundError) return issue(`không có quyền ghi bản ghi này: ${error.message}`, `not allowed to write this record: ${error.message}`);
  if (error instanceof ExternalInputError) return issue(`tệp đính kèm không dùng được: ${error.message}`, `unusable attachment: ${error.message}`);
  return issue(`dữ liệu không hợp lệ: ${error.message}`, `invalid data: ${error.message}`);
}

