import { FONT_BOLD, FONT_ITALIC, FONT_REGULAR, printable, renderPdf, type Pdf } from '../../core/pdf/pdf.document.ts';
import { reportsVi } from '../i18n/sections/reports.vi.ts';
import { barChart, columnChart, PALETTE, type Chart } from './report.chart.ts';
import { bucketLabel, hours, topRows } from './report.labels.ts';
import { breakdownKeys, type ReportRow, type YearlyReport } from './report.types.ts';

export interface ReportPdfOptions {
  fontDir: string;
  /** Who the Department is (config.noticeAuthority) and who signs (config.noticeSignatory). */
  authority: string;
  signatory: string | undefined;
  workTypes: Record<string, string>;
}

const t = reportsVi;
const fill = (s: string, values: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ''));

/** The report to the Chairman of the provincial People's Committee: Vietnamese, charts as vector paths. */
export async function yearlyReportPdf(report: YearlyReport, options: ReportPdfOptions): Promise<Buffer> {
  const created = new Date(report.generatedAt);
  const title = fill(t.pdf.subject, { year: report.year });
  return renderPdf({ fontDir: options.fontDir, title, subject: title, author: options.authority, createdAt: created }, (doc) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const half = width / 2;
    const top = doc.y;
    doc.font(FONT_BOLD).fontSize(9).text(printable(options.authority, 200).toUpperCase().replace(/ (TỈNH|THÀNH PHỐ) /u, '\n$1 '), left, top, { width: half - 10, align: 'center' });
    doc.font(FONT_BOLD).fontSize(10).text(t.pdf.nation, left + half, top, { width: half, align: 'center' });
    doc.font(FONT_BOLD).fontSize(10).text(t.pdf.motto, left + half, doc.y, { width: half, align: 'center', underline: true });
    const vn = new Date(created.getTime() + 7 * 3_600_000);
    doc.font(FONT_ITALIC).fontSize(10).text(`Bắc Ninh, ngày ${vn.getUTCDate()} tháng ${vn.getUTCMonth() + 1} năm ${vn.getUTCFullYear()}`, left + half, doc.y + 6, { width: half, align: 'center' });
    doc.moveDown(1.5);
    doc.font(FONT_BOLD).fontSize(14).text('BÁO CÁO', left, doc.y, { width, align: 'center' });
    doc.font(FONT_BOLD).fontSize(11.5).text(title, left + 30, doc.y + 2, { width: width - 60, align: 'center' });
    doc.moveDown(0.8);
    doc.font(FONT_REGULAR).fontSize(11).text(t.pdf.to, left, doc.y, { width, align: 'center' });
    doc.moveDown(0.8);
    if (report.scope === 'own') doc.font(FONT_ITALIC).text(t.scopeOwn, left, doc.y, { width });
    doc.font(FONT_REGULAR).fontSize(11).text(fill(t.pdf.intro, { year: report.year }), left, doc.y, { width, align: 'justify', indent: 20 });
    const tot = report.totals;
    doc.text(fill(t.pdf.summary, { findings: tot.findings, notices: tot.notices, removals: tot.removals, median: hours(tot.medianHoursToRemoval) }), { width, align: 'justify', indent: 20 });
    doc.moveDown(0.6);

    heading(doc, `1. ${t.charts.months}`);
    const months = report.breakdowns.month;
    drawChart(doc, columnChart(t.months, [
      { name: t.columns.findings, color: PALETTE.findings, values: months.map((m) => m.findings) },
      { name: t.columns.notices, color: PALETTE.notices, values: months.map((m) => m.notices) },
      { name: t.columns.removals, color: PALETTE.removals, values: months.map((m) => m.removals) },
    ], width, 190), left);

    let n = 2;
    for (const key of breakdownKeys) {
      heading(doc, `${n++}. ${t.breakdowns[key]}`, (Math.min(report.breakdowns[key].length, 5) + 2) * 17);
      table(doc, t.buckets[key], report.breakdowns[key], (row) => bucketLabel(t, options.workTypes, key, row.key), key === 'month' ? tot : undefined);
      const chartTitle = key === 'platform' ? t.charts.platforms : key === 'commune' ? t.charts.communes : key === 'outcome' ? t.charts.outcomes : undefined;
      if (chartTitle) {
        const items = topRows(report.breakdowns[key], 10, t.unknown).map((i) => ({ label: i.row ? bucketLabel(t, options.workTypes, key, i.label) : `${i.label}`, value: i.value }));
        if (items.length) drawChart(doc, barChart(items.map((i) => ({ ...i, label: printable(i.label, 80) })), width, PALETTE.findings), left);
      }
    }
    heading(doc, `${n}. Ghi chú`);
    doc.font(FONT_ITALIC).fontSize(9.5);
    for (const note of [t.notes.time, t.notes.commune, t.notes.scope]) doc.text(`– ${note}`, left, doc.y, { width, align: 'justify' });
    doc.moveDown(1.5);
    ensure(doc, 80);
    doc.font(FONT_BOLD).fontSize(11).text('GIÁM ĐỐC', left + half, doc.y, { width: half, align: 'center' });
    if (options.signatory) doc.moveDown(3).text(printable(options.signatory, 200), left + half, doc.y, { width: half, align: 'center' });
    footers(doc, width, left);
  });
}

function ensure(doc: Pdf, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** `keep`: the height that should follow on the same page (a short table stays with its heading). */
function heading(doc: Pdf, text: string, keep = 60): void {
  const page = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
  ensure(doc, Math.min(keep + 30, page - 40));
  doc.moveDown(0.6).font(FONT_BOLD).fontSize(11.5).text(text, doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
}

function table(doc: Pdf, first: string, rows: ReportRow[], label: (r: ReportRow) => string, total?: ReportRow): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const cols = [width - 4 * 78, 78, 78, 78, 78];
  const head = [first, t.columns.findings, t.columns.notices, t.columns.removals, t.columns.medianHours];
  const line = (cells: string[], bold: boolean, shade: boolean) => {
    doc.font(bold ? FONT_BOLD : FONT_REGULAR).fontSize(9);
    const h = Math.max(16, ...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 8 }) + 6));
    ensure(doc, h);
    const y = doc.y;
    if (shade) doc.rect(left, y, width, h).fill('#eef2f6');
    doc.fillColor('#000');
    let x = left;
    cells.forEach((c, i) => {
      doc.text(c, x + 4, y + 3, { width: cols[i]! - 8, align: i === 0 ? 'left' : 'right' });
      x += cols[i]!;
    });
    doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor('#b8c0c8').stroke();
    doc.y = y + h;
    doc.x = left;
  };
  line(head, true, true);
  if (!rows.length) line([t.noData, '', '', '', ''], false, false);
  for (const r of rows) line([printable(label(r), 200), String(r.findings), String(r.notices), String(r.removals), hours(r.medianHoursToRemoval)], false, false);
  if (total) line([t.totals, String(total.findings), String(total.notices), String(total.removals), hours(total.medianHoursToRemoval)], true, true);
}

/** Draws chart geometry with pdfkit paths (the same geometry the page draws as SVG). */
function drawChart(doc: Pdf, chart: Chart, left: number): void {
  ensure(doc, chart.height + 8);
  const y0 = doc.y + 4;
  for (const l of chart.lines) doc.moveTo(left + l.x1, y0 + l.y1).lineTo(left + l.x2, y0 + l.y2).lineWidth(0.6).strokeColor(l.color).stroke();
  for (const r of chart.rects) doc.rect(left + r.x, y0 + r.y, r.w, r.h).fill(r.color);
  doc.fillColor('#222').font(FONT_REGULAR);
  for (const l of chart.labels) {
    doc.fontSize(l.size);
    const w = 200;
    const x = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
    doc.text(l.text, left + x, y0 + l.y - l.size * 0.95, { width: w, align: l.anchor === 'start' ? 'left' : l.anchor === 'end' ? 'right' : 'center', lineBreak: false });
  }
  doc.fillColor('#000');
  doc.y = y0 + chart.height + 6;
  doc.x = left;
}

function footers(doc: Pdf, width: number, left: number): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT_REGULAR).fontSize(8).fillColor('#555').text(`${t.pdf.software} · ${t.pdf.page} ${i + 1}/${range.count}`, left, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('#000');
}
