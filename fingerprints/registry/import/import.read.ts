import path from 'node:path';
import { parse, type CsvError } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ImportFileError, issue, type ImportIssue } from './import.issue.ts';
import { SafeZip } from './import.zip.ts';

/** One data row as read: cells by column index, with the line (CSV) or sheet row (XLSX) it came from. */
export interface RawRow {
  row: number;
  cells: string[];
  /** Cells that could not be read as text (an Excel error value, a formula without a cached result). */
  problems: ImportIssue[];
}

export interface RawTable {
  format: 'csv' | 'xlsx';
  header: string[];
  /** Line (CSV) or sheet row (XLSX) of the header: 1 unless blank lines precede it. */
  headerRow: number;
  rows: RawRow[];
}

export interface ReadLimits {
  maxFileBytes: number;
  maxRows: number;
}

/** An XLSX is mostly XML: 25 MB zipped can be 250 MB of XML, more than that is not a registry sheet. */
const XLSX_MAX_UNCOMPRESSED = 256 * 1024 * 1024;
const XLSX_MAX_ENTRIES = 2_000;
/** Shared-strings XML of a repetitive sheet compresses well, bombs far better. */
const XLSX_MAX_RATIO = 400;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function fileFormat(file: string): 'csv' | 'xlsx' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new ImportFileError(issue('chỉ nhận tệp .csv hoặc .xlsx', 'only .csv or .xlsx files are accepted'), file, undefined, 415);
}

/** Reads a registry file into rows of text; the format comes from the name and must match the content. */
export async function readTable(file: string, bytes: Uint8Array, limits: ReadLimits): Promise<RawTable> {
  const format = fileFormat(file);
  if (bytes.byteLength > limits.maxFileBytes) {
    throw new ImportFileError(issue(`tệp quá lớn (${bytes.byteLength} byte, tối đa ${limits.maxFileBytes})`, `file too large (${bytes.byteLength} bytes, limit ${limits.maxFileBytes})`), file, undefined, 413);
  }
  if (bytes.byteLength === 0) throw new ImportFileError(issue('tệp rỗng', 'empty file'), file);
  const table = format === 'csv' ? readCsv(file, bytes) : await readXlsx(file, bytes);
  if (table.rows.length > limits.maxRows) {
    throw new ImportFileError(issue(`quá nhiều dòng (${table.rows.length}, tối đa ${limits.maxRows})`, `too many rows (${table.rows.length}, limit ${limits.maxRows})`), file, undefined, 413);
  }
  return table;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function decodeCsvText(file: string, bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new ImportFileError(issue('tệp mã hóa UTF-16: hãy lưu lại dạng "CSV UTF-8"', 'UTF-16 encoded: save it again as "CSV UTF-8"'), file, undefined, 415);
  }
  if (startsWith(bytes, ZIP_MAGIC)) {
    throw new ImportFileError(issue('tệp .csv thực chất là tệp ZIP/XLSX', 'the .csv file is really a ZIP/XLSX file'), file, undefined, 415);
  }
  if (bytes.subarray(0, 64 * 1024).includes(0)) {
    throw new ImportFileError(issue('tệp không phải văn bản CSV (có dữ liệu nhị phân)', 'not a CSV text file (binary content)'), file, undefined, 415);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      issue('tệp không mã hóa UTF-8 (có thể là Windows-1258 hoặc TCVN3): hãy lưu lại dạng "CSV UTF-8"', 'not UTF-8 (perhaps Windows-1258 or TCVN3): save it again as "CSV UTF-8"'),
      file,
      undefined,
      415,
    );
  }
}

/** The header line's most frequent separator outside quotes: Excel in a Vietnamese locale writes `;`. */
function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

function readCsv(file: string, bytes: Uint8Array): RawTable {
  // csv-parse counts CRLF lines inconsistently inside and outside quotes; LF alone keeps line numbers exact.
  const text = decodeCsvText(file, bytes).replace(/\r\n/g, '\n');
  let lastEnd = 0;
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { lines: number }) => {
        lastEnd = context.lines;
        return record;
      },
    }) as unknown as typeof records;
  } catch (error) {
    const csvError = error as CsvError & { lines?: number };
    const start = lastEnd + 1;
    if (csvError.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new ImportFileError(issue(`dấu ngoặc kép không được đóng (bản ghi bắt đầu ở dòng ${start})`, `unclosed quote (record starting at line ${start})`), file, start);
    }
    const line = csvError.lines ?? start;
    throw new ImportFileError(issue(`lỗi cú pháp CSV: ${csvError.message}`, `CSV syntax error: ${csvError.message}`), file, line);
  }
  const rows = records.map(({ record, info, raw }) => {
    // info.lines is the record's last line; a quoted newline inside the record moves its start back.
    const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
    const start = info.lines - (body.match(/\n/g)?.length ?? 0);
    return { row: start, cells: record, problems: [] as ImportIssue[] };
  });
  // Excel writes rows of bare separators (`;;;;`) below the data: blank, not rows to refuse.
  const [header, ...data] = rows.filter((r) => r.cells.some((c) => c.trim()));
  if (!header) throw new ImportFileError(issue('tệp không có dòng tiêu đề', 'no header row'), file);
  return { format: 'csv', header: header.cells, headerRow: header.row, rows: data };
}

async function readXlsx(file: string, bytes: Uint8Array): Promise<RawTable> {
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new ImportFileError(issue('tệp .xlsx không phải bảng tính Excel (không phải định dạng ZIP)', 'the .xlsx file is not an Excel workbook (not a ZIP)'), file, undefined, 415);
  }
  // exceljs inflates every part in memory: sizes, ratios and names are checked by streaming first.
  const zip = await SafeZip.open({ bytes }, file, {
    maxEntries: XLSX_MAX_ENTRIES,
    maxEntryBytes: XLSX_MAX_UNCOMPRESSED,
    maxTotalBytes: XLSX_MAX_UNCOMPRESSED,
    maxRatio: XLSX_MAX_RATIO,
  });
  try {
    if (!zip.entries.has('[Content_Types].xml') || !zip.entries.has('xl/workbook.xml')) {
      throw new ImportFileError(issue('tệp ZIP không phải bảng tính Excel (.xlsx)', 'the ZIP is not an Excel workbook (.xlsx)'), file, undefined, 415);
    }
    await zip.verifyAll();
  } finally {
    zip.close();
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw new ImportFileError(issue(`không đọc được bảng tính: ${(error as Error).message}`, `cannot read the workbook: ${(error as Error).message}`), file);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError(issue('bảng tính không có trang nào', 'the workbook has no sheet'), file);
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const problems: ImportIssue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const value = cellText(cell.value);
      if (typeof value === 'string') cells[column - 1] = value;
      else {
        cells[column - 1] = '';
        problems.push(issue(`ô ${cell.address}: ${value.vi}`, `cell ${cell.address}: ${value.en}`));
      }
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (cells.some((c) => c.trim()) || problems.length) rows.push({ row: rowNumber, cells, problems });
  });
  const [header, ...data] = rows;
  if (!header) throw new ImportFileError(issue('trang tính đầu tiên trống', 'the first sheet is empty'), file);
  return { format: 'xlsx', header: header.cells, headerRow: header.row, rows: data };
}

/** Excel dates carry no zone; exceljs builds them in UTC, so the UTC fields are the typed date. */
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

type CellInput = ExcelJS.CellValue | { text?: unknown } | unknown;

function cellText(value: CellInput): string | ImportIssue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : issue('số không hợp lệ', 'invalid number');
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? issue('ngày không hợp lệ', 'invalid date') : isoDate(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('error' in v) return issue(`ô có lỗi Excel ${String(v.error)}`, `Excel error value ${String(v.error)}`);
    if ('formula' in v || 'sharedFormula' in v) {
      if (v.result === undefined || v.result === null) {
        return issue('ô có công thức chưa được tính (hãy mở và lưu lại trong Excel, hoặc dán dạng giá trị)', 'formula without a cached value (recalculate and save in Excel, or paste as values)');
      }
      return cellText(v.result);
    }
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    if ('text' in v) return cellText(v.text);
  }
  return issue('ô có kiểu dữ liệu không đọc được', 'unreadable cell type');
}
