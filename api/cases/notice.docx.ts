import { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { NoticeText } from './notice.templates.ts';

/**
 * The same notice as an editable Word document (`docx`: maintained, writes OOXML without a template),
 * so an officer can adjust wording before signing. Times New Roman 13 pt as administrative documents use.
 */
const FONT = 'Times New Roman';
const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: (o.size ?? 13) * 2, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined });
const para = (children: TextRun[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number } = {}) =>
  new Paragraph({ children, alignment: o.align, indent: o.indent ? { firstLine: 567 } : undefined, spacing: { after: o.after ?? 80 } });

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function twoColumns(leftCell: Paragraph[], rightCell: Paragraph[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [new TableRow({ children: [new TableCell({ children: leftCell, width: { size: 42, type: WidthType.PERCENTAGE } }), new TableCell({ children: rightCell, width: { size: 58, type: WidthType.PERCENTAGE } })] })],
  });
}

export async function renderNoticeDocx(text: NoticeText): Promise<Buffer> {
  const center = AlignmentType.CENTER;
  const justify = AlignmentType.JUSTIFIED;
  const itemRows = text.items.flatMap((item) => [
    new TableRow({ children: [new TableCell({ columnSpan: 2, children: [para([run(item.heading, { bold: true, size: 12 })])] })] }),
    ...item.lines.map(
      (line) =>
        new TableRow({
          children: [
            new TableCell({ width: { size: 28, type: WidthType.PERCENTAGE }, children: [para([run(line.label, { bold: true, size: 11 })])] }),
            new TableCell({ width: { size: 72, type: WidthType.PERCENTAGE }, children: [para([run(line.value, { size: 11 })])] }),
          ],
        }),
    ),
  ]);
  const doc = new Document({
    creator: 'ipwatch',
    title: `${text.title} — ${text.title2}`,
    description: text.footer,
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
        footers: {
          default: new Footer({ children: [para([run(`${text.footer} — trang `, { size: 9 }), new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 18 })], { align: center })] }),
        },
        children: [
          twoColumns(
            [...text.issuer.map((l) => para([run(l, { bold: true, size: 12 })], { align: center })), para([run(text.reference, { size: 12 })], { align: center })],
            [para([run(text.motto[0]!, { bold: true, size: 12 })], { align: center }), para([run(text.motto[1]!, { bold: true, underline: true })], { align: center }), para([run(text.placeDate, { italics: true })], { align: center })],
          ),
          para([run(text.title, { bold: true, size: 14 })], { align: center }),
          para([run(text.title2, { bold: true })], { align: center, after: 200 }),
          para([run(text.to)], { align: center, after: 200 }),
          ...text.basis.map((l) => para([run(l, { italics: true })], { align: justify, indent: true })),
          para([run(text.intro)], { align: justify, indent: true }),
          ...text.requests.map((l) => para([run(l)], { align: justify, indent: true })),
          para([run(`Danh sách nội dung yêu cầu gỡ bỏ (${text.items.length}):`, { bold: true })]),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: itemRows.length ? itemRows : [new TableRow({ children: [new TableCell({ children: [para([run('—')])] })] })] }),
          ...(text.attachments ? [para([run(text.attachments.heading, { bold: true })]), ...text.attachments.entries.map((e) => para([run(e)], { align: justify }))] : []),
          ...(text.note ? [para([run('Ghi chú:', { bold: true })]), para([run(text.note)], { align: justify })] : []),
          twoColumns(
            [para([run('Nơi nhận:', { bold: true, size: 12 })]), para([run('- Như trên;', { size: 11 })]), para([run('- Lưu: VT, hồ sơ vụ việc.', { size: 11 })])],
            [para([run(text.signature.role, { bold: true })], { align: center }), para([run('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true, size: 12 })], { align: center, after: 900 }), para([run(text.signature.name, { bold: true })], { align: center })],
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
