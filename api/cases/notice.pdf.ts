import { FONT_BOLD, FONT_ITALIC, FONT_REGULAR, renderPdf, type Pdf } from '../../core/pdf/pdf.document.ts';
import type { NoticeText } from './notice.templates.ts';

/**
 * A notice as an A4 PDF laid out like a Vietnamese administrative document (Decree 30/2020 style): issuer
 * and national motto side by side, number and place/date, title, addressee, legal bases, the listings,
 * what is requested, attachments, signature. Long URLs and hashes are chopped by pdfkit's line wrapper
 * where they overflow, so no invisible break characters end up in a URL someone copies.
 */
export async function renderNoticePdf(text: NoticeText, options: { fontDir: string; createdAt: Date }): Promise<Buffer> {
  return renderPdf({ fontDir: options.fontDir, title: `${text.title} — ${text.title2}`, subject: text.footer, createdAt: options.createdAt, margin: 56 }, (doc) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const half = width / 2 - 8;
    const top = doc.y;

    doc.font(FONT_BOLD).fontSize(10.5);
    doc.text(text.issuer.join('\n'), left, top, { width: half - 20, align: 'center' });
    doc.font(FONT_REGULAR).fontSize(10).text(text.reference, left, doc.y + 6, { width: half - 20, align: 'center' });
    const leftBottom = doc.y;
    doc.font(FONT_BOLD).fontSize(10.5).text(text.motto[0]!, left + half, top, { width: half + 16, align: 'center' });
    doc.font(FONT_BOLD).fontSize(11).text(text.motto[1]!, { width: half + 16, align: 'center', underline: true });
    doc.font(FONT_ITALIC).fontSize(10).text(text.placeDate, left + half, doc.y + 6, { width: half + 16, align: 'center' });
    doc.y = Math.max(leftBottom, doc.y) + 18;

    doc.font(FONT_BOLD).fontSize(14).text(text.title, left, doc.y, { width, align: 'center' });
    doc.font(FONT_BOLD).fontSize(11).text(text.title2, { width, align: 'center' });
    doc.moveDown(0.8);
    doc.font(FONT_REGULAR).fontSize(11).text(text.to, { width, align: 'center' });
    doc.moveDown(0.8);

    doc.font(FONT_ITALIC).fontSize(10.5);
    for (const line of text.basis) doc.text(line, { width, align: 'justify', indent: 20, paragraphGap: 2 });
    doc.moveDown(0.5);
    doc.font(FONT_REGULAR).fontSize(11).text(text.intro, { width, align: 'justify', indent: 20 });
    doc.moveDown(0.3);
    for (const line of text.requests) doc.text(line, { width, align: 'justify', indent: 20, paragraphGap: 2 });
    doc.moveDown(0.6);

    doc.font(FONT_BOLD).fontSize(11).text(`Danh sách nội dung yêu cầu gỡ bỏ (${text.items.length}):`, { width });
    doc.moveDown(0.3);
    for (const item of text.items) drawItem(doc, item, left, width);

    if (text.attachments) {
      doc.moveDown(0.4);
      doc.font(FONT_BOLD).fontSize(11).text(text.attachments.heading, left, doc.y, { width });
      doc.font(FONT_REGULAR).fontSize(10.5);
      for (const entry of text.attachments.entries) doc.text(entry, { width, indent: 14, paragraphGap: 1 });
    }
    if (text.note) {
      doc.moveDown(0.4);
      doc.font(FONT_BOLD).fontSize(11).text('Ghi chú:', left, doc.y, { width });
      doc.font(FONT_REGULAR).fontSize(10.5).text(text.note, { width, align: 'justify' });
    }

    if (doc.y > doc.page.height - doc.page.margins.bottom - 110) doc.addPage();
    doc.moveDown(1.2);
    const sigTop = doc.y;
    doc.font(FONT_BOLD).fontSize(10).text('Nơi nhận:', left, sigTop, { width: half });
    doc.font(FONT_REGULAR).fontSize(9.5).text('- Như trên;\n- Lưu: VT, hồ sơ vụ việc.', { width: half });
    doc.font(FONT_BOLD).fontSize(11).text(text.signature.role, left + half, sigTop, { width: half + 16, align: 'center' });
    doc.font(FONT_ITALIC).fontSize(10).text('(Ký, ghi rõ họ tên, đóng dấu)', { width: half + 16, align: 'center' });
    doc.moveDown(3);
    doc.font(FONT_BOLD).fontSize(11).text(text.signature.name || ' ', { width: half + 16, align: 'center' });

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font(FONT_REGULAR).fontSize(8).fillColor('#555555').text(`${text.footer} — trang ${i + 1}/${range.count}`, left, doc.page.height - 36, { width, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
      doc.fillColor('#000000');
    }
  });
}

function drawItem(doc: Pdf, item: NoticeText['items'][number], left: number, width: number): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
  const start = doc.y;
  doc.font(FONT_BOLD).fontSize(10.5).text(item.heading, left + 8, start + 4, { width: width - 16 });
  for (const line of item.lines) {
    doc.font(FONT_BOLD).fontSize(9.5).text(`${line.label}: `, left + 8, doc.y + 1, { width: width - 16, continued: true });
    doc.font(FONT_REGULAR).fontSize(9.5).text(line.value, { width: width - 16 });
  }
  const end = doc.y + 4;
  // The frame is drawn only when the item stayed on one page; a split item reads fine without it.
  if (end > start) doc.rect(left, start, width, end - start).lineWidth(0.5).strokeColor('#999999').stroke().strokeColor('#000000');
  doc.y = end + 6;
}
