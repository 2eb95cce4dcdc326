import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { RegistryService } from '../registry.service.ts';
import type { MarkDetail, RegistryActor, WorkDetail } from '../registry.types.ts';
import { columnsOf, markKindLabels, workTypeLabels, type RegistryKind } from './import.columns.ts';

/**
 * Export of the registry in the import's own columns (DESIGN.md §5), so that an export re-imports as
 * "unchanged"; and the empty template officers fill in. CSV is UTF-8 with a BOM so that Excel opens the
 * Vietnamese text correctly.
 */
export type ExportFormat = 'csv' | 'xlsx';
/** Column headings: the codes (scripts, re-import) or the Vietnamese labels (people); both re-import. */
export type HeaderStyle = 'codes' | 'vi';

export interface ExportFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  /** Data rows written (0 for the template). */
  rows: number;
}

const PAGE = 500;
const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A cell starting with = + - @ would run as a formula in a spreadsheet: prefixed with `'` (OWASP CSV
 * injection), and so is one that already starts with `'` + one of those, so import can undo exactly one.
 */
export function neutralise(value: string): string {
  return /^'*[=+\-@]/.test(value) ? `'${value}` : value;
}

export function headerRow(kind: RegistryKind, style: HeaderStyle): string[] {
  return columnsOf(kind).map((c) => (style === 'codes' ? c.code : `${c.vi}${c.required ? ' *' : ''}`));
}

function workCells(work: WorkDetail): string[] {
  const images = work.assets.filter((a) => a.kind === 'image' && a.originalName).map((a) => a.originalName!);
  return [
    work.title, work.type, work.authors.join('; '), work.owners.map((o) => o.name).join('; '), work.certificateNo ?? '',
    work.certificateDate ?? '', work.publishedOn ?? '', work.description ?? '', images.join('; '), work.text ?? '',
  ];
}

function markCells(mark: MarkDetail): string[] {
  const image = mark.assets.find((a) => a.kind === 'image' && a.originalName)?.originalName ?? '';
  return [
    mark.name, mark.kind, mark.owner.name, mark.certificateNo ?? '', mark.filingDate ?? '', mark.grantDate ?? '',
    mark.niceClasses.join('; '), mark.goods ?? '', image,
  ];
}

/** Every work or mark the actor may see, in id order, one page of the service at a time. */
export async function registryRows(registry: RegistryService, actor: RegistryActor, kind: RegistryKind): Promise<string[][]> {
  const rows: string[][] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = kind === 'works' ? await registry.listWorks(actor, { limit: PAGE, offset }) : await registry.listMarks(actor, { limit: PAGE, offset });
    for (const item of page.rows) rows.push(kind === 'works' ? workCells(item as WorkDetail) : markCells(item as MarkDetail));
    if (page.rows.length < PAGE) break;
  }
  return rows;
}

export async function exportRegistry(
  registry: RegistryService,
  actor: RegistryActor,
  kind: RegistryKind,
  format: ExportFormat,
  options: { header?: HeaderStyle; date?: Date } = {},
): Promise<ExportFile> {
  const rows = await registryRows(registry, actor, kind);
  const stamp = (options.date ?? new Date()).toISOString().slice(0, 10);
  const base = kind === 'works' ? 'tac-pham' : 'nhan-hieu';
  return {
    bytes: await writeTable(kind, format, headerRow(kind, options.header ?? 'codes'), rows),
    contentType: CONTENT_TYPES[format],
    fileName: `${base}-${stamp}.${format}`,
    rows: rows.length,
  };
}

/** The empty template of the UI: Vietnamese headings (`*` = required); the XLSX adds a guide sheet. */
export async function registryTemplate(kind: RegistryKind, format: ExportFormat): Promise<ExportFile> {
  return {
    bytes: await writeTable(kind, format, headerRow(kind, 'vi'), [], true),
    contentType: CONTENT_TYPES[format],
    fileName: `mau-${kind === 'works' ? 'tac-pham' : 'nhan-hieu'}.${format}`,
    rows: 0,
  };
}

async function writeTable(kind: RegistryKind, format: ExportFormat, header: string[], rows: string[][], guide = false): Promise<Buffer> {
  const cells = rows.map((r) => r.map(neutralise));
  if (format === 'csv') return Buffer.from(stringify([header, ...cells], { bom: true, record_delimiter: '\r\n', quoted_match: /[\r\n]/ }), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind === 'works' ? 'Tác phẩm' : 'Nhãn hiệu');
  sheet.addRow(header).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // Strings, never numbers or dates: Excel must not reformat `21; 35` or a certificate number.
  for (const row of cells) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(12, header[i]!.length + 4));
    column.numFmt = '@';
  });
  if (guide) addGuide(workbook, kind, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addGuide(workbook: ExcelJS.Workbook, kind: RegistryKind, data: ExcelJS.Worksheet): void {
  const codes = kind === 'works' ? workTypeLabels : markKindLabels;
  // `type` / `kind` is the second column of both kinds: a drop-down of the codes.
  // exceljs has worksheet data validations at run time; its type declarations leave them out.
  (data as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add('B2:B20000', {
    type: 'list',
    allowBlank: false,
    formulae: [`"${Object.keys(codes).join(',')}"`],
  });
  const sheet = workbook.addWorksheet('Hướng dẫn');
  sheet.addRow(['Cột', 'Mã cột', 'Bắt buộc', 'Ghi chú']).font = { bold: true };
  for (const c of columnsOf(kind)) {
    const notes: string[] = [];
    if (c.code.endsWith('_date') || c.code === 'published_on') notes.push('ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy');
    if (c.code === 'images' || c.code === 'image') notes.push('tên tệp hình trong tệp ZIP gửi kèm');
    if (c.list) notes.push('nhiều giá trị cách nhau bằng dấu ;');
    sheet.addRow([c.vi, c.code, c.required ? 'có' : '', notes.join('; ')]);
  }
  sheet.addRow([]);
  sheet.addRow([kind === 'works' ? 'Loại hình (type)' : 'Loại nhãn hiệu (kind)', 'Mã']).font = { bold: true };
  for (const [code, label] of Object.entries(codes)) sheet.addRow([label, code]);
  sheet.getColumn(1).width = 40;
  sheet.getColumn(2).width = 26;
  sheet.getColumn(4).width = 60;
}
