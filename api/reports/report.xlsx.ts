import ExcelJS from 'exceljs';
import { printable } from '../../core/pdf/pdf.document.ts';
import { bucketLabel, type ReportStrings } from './report.labels.ts';
import { breakdownKeys, type ReportRow, type YearlyReport } from './report.types.ts';

/** A cell that a spreadsheet would read as a formula is data here: neutralised as the registry export does. */
const cell = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** The yearly report as XLSX: a summary sheet, then one sheet per breakdown. */
export async function yearlyReportXlsx(report: YearlyReport, t: ReportStrings, workTypes: Record<string, string>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'ipwatch';
  book.created = new Date(report.generatedAt);
  const header = [t.columns.findings, t.columns.notices, t.columns.removals, t.columns.avgHours, t.columns.medianHours];
  const values = (r: ReportRow) => [r.findings, r.notices, r.removals, round(r.avgHoursToRemoval), round(r.medianHoursToRemoval)];

  const summary = book.addWorksheet(t.totals.slice(0, 31));
  summary.addRow([t.heading.replace('{year}', String(report.year))]).font = { bold: true, size: 13 };
  summary.addRow([`${t.generated}: ${report.generatedAt}`]);
  if (report.scope === 'own') summary.addRow([t.scopeOwn]);
  summary.addRow([]);
  summary.addRow(['', ...header]).font = { bold: true };
  summary.addRow([t.totals, ...values(report.totals)]);
  summary.addRow([]);
  for (const note of [t.notes.time, t.notes.commune, t.notes.scope]) summary.addRow([note]);
  summary.getColumn(1).width = 28;
  for (let i = 2; i <= 6; i++) summary.getColumn(i).width = 18;

  for (const key of breakdownKeys) {
    const sheet = book.addWorksheet(t.breakdowns[key].slice(0, 31));
    const head = sheet.addRow([t.buckets[key], ...header]);
    head.font = { bold: true };
    for (const row of report.breakdowns[key]) sheet.addRow([cell(printable(bucketLabel(t, workTypes, key, row.key), 300)), ...values(row)]);
    sheet.getColumn(1).width = key === 'mark' || key === 'commune' ? 40 : 24;
    for (let i = 2; i <= 6; i++) sheet.getColumn(i).width = 18;
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
