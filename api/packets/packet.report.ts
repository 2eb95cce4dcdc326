import { FONT_BOLD, FONT_ITALIC, FONT_REGULAR, printable, renderPdf, type Pdf } from '../../core/pdf/pdf.document.ts';
import { vi } from '../i18n/vi.ts';
import { formatScore, formatUtc, formatVietnamTime, formatVnd } from '../pages/format.ts';
import type { FindingBundle, PacketContent } from './packet.collect.ts';
import { capturePath } from './packet.files.ts';
import { formatFingerprint } from './packet.keys.ts';

export interface ReportInput {
  content: PacketContent;
  /** Every other file of the packet with its hash (the report cannot list itself: datapackage.json does). */
  files: { path: string; bytes: number; hash: string }[];
  createdAt: Date;
  software: string;
  authority: string;
  fingerprint: string;
  fontDir: string;
  reconstructed: number[];
}

const BLUE = '#1d3f72';
const GREY = '#555555';

function heading(doc: Pdf, text: string) {
  doc.moveDown(0.8).font(FONT_BOLD).fontSize(12.5).fillColor(BLUE).text(text).fillColor('black').font(FONT_REGULAR).fontSize(10).moveDown(0.2);
}

function field(doc: Pdf, label: string, value: string | null | undefined) {
  doc.font(FONT_BOLD).fontSize(9.5).text(`${label}: `, { continued: true }).font(FONT_REGULAR).text(printable(value) || '—');
}

const statusLabel = (status: string) => (vi.status as Record<string, string>)[status] ?? status;

function both(date: Date): string {
  return `${formatUtc(date)} — giờ Việt Nam ${formatVietnamTime(date)}`;
}

function subjectLines(doc: Pdf, b: FindingBundle) {
  if (b.work) {
    field(doc, 'Tác phẩm đã đăng ký', `${b.work.title} (mã ${b.work.id})`);
    field(doc, 'Loại hình', vi.workTypes[b.work.type] ?? b.work.type);
    field(doc, 'Giấy chứng nhận đăng ký quyền tác giả', [b.work.certificateNo, b.work.certificateDate].filter(Boolean).join(' ngày ') || null);
    field(doc, 'Tác giả', b.work.authors.join('; '));
    field(doc, 'Chủ sở hữu', b.work.owners.map((o) => o.name).join('; '));
  } else if (b.mark) {
    field(doc, 'Nhãn hiệu đã đăng ký', `${b.mark.name} (mã ${b.mark.id}, ${b.mark.kind})`);
    field(doc, 'Giấy chứng nhận', b.mark.certificateNo);
    field(doc, 'Chủ sở hữu', b.mark.ownerName);
    field(doc, 'Nhóm Nice', b.mark.niceClasses.join(', '));
  }
}

function findingSection(doc: Pdf, b: FindingBundle, index: number, reconstructed: Set<number>) {
  const { finding, listing } = b;
  heading(doc, `${index}. Phát hiện số ${finding.id} — mức tương đồng ${formatScore(finding.score)}, trạng thái: ${statusLabel(finding.status)}`);
  subjectLines(doc, b);
  doc.moveDown(0.3);
  field(doc, 'Tin đăng nghi vi phạm', listing.title);
  field(doc, 'Địa chỉ (URL)', listing.url);
  field(doc, 'Nền tảng', listing.platform);
  field(doc, 'Người bán / gian hàng', [listing.sellerName, listing.sellerUrl].filter(Boolean).join(' — ') || null);
  field(doc, 'Giá', listing.priceVnd != null ? formatVnd(listing.priceVnd) : null);
  field(doc, 'Thấy lần đầu / lần cuối', `${both(listing.firstSeenAt)}; ${both(listing.lastSeenAt)}`);
  field(doc, 'Phát hiện lúc', both(finding.createdAt));

  doc.moveDown(0.3).font(FONT_BOLD).fontSize(10).text('Các lần thu thập chứng cứ');
  if (!b.evidence.length) doc.font(FONT_ITALIC).fontSize(9).text('Không có lần thu thập nào được lưu.');
  for (const e of b.evidence) {
    doc.font(FONT_REGULAR).fontSize(9).text(`• Lần thu thập số ${e.id}: ${both(e.capturedAt)}; HTTP ${e.httpStatus ?? '—'}; máy chủ ${e.serverIp ?? '—'}; phần mềm ${printable(e.software)}`);
    doc.fontSize(8).fillColor(GREY).text(`  Ảnh chụp ${capturePath(e)} — SHA-256 ${e.screenshotSha256}; HTML SHA-256 ${e.htmlSha256}${e.warcSha256 ? `; WARC SHA-256 ${e.warcSha256}` : ''}${reconstructed.has(e.id) ? ' (bản WARC được dựng lại khi xuất gói từ các tệp đã lưu)' : ''}`).fillColor('black');
  }

  doc.moveDown(0.3).font(FONT_BOLD).fontSize(10).text('Căn cứ đối chiếu (từng tín hiệu và giải thích)');
  for (const s of finding.signals) {
    const measures = [`điểm ${formatScore(s.score)}`, s.distance !== undefined ? `khoảng cách ${s.distance}` : '', s.threshold !== undefined ? `ngưỡng ${s.threshold}` : '', s.matched === false ? 'chưa đạt ngưỡng riêng' : ''].filter(Boolean).join(', ');
    doc.font(FONT_REGULAR).fontSize(9).text(`• ${s.kind === 'image' ? 'Hình ảnh' : 'Văn bản'} — ${printable(s.algorithm, 80)} (${measures}): ${printable(s.explanation)}`);
    if (s.spans?.length) doc.fontSize(8.5).fillColor(GREY).text(`  Đoạn trùng khớp: ${s.spans.map((span) => `[${span.field}] “${printable(span.text, 300)}”`).join('; ')}`).fillColor('black');
    if (s.workRegion && s.listingRegion) {
      const box = (r: { x: number; y: number; w: number; h: number }) => `${r.w}×${r.h} tại (${r.x}, ${r.y})`;
      doc.fontSize(8.5).fillColor(GREY).text(`  Vùng ảnh: tác phẩm ${box(s.workRegion)}${s.workRegionName ? ` [${printable(s.workRegionName, 40)}]` : ''} khớp với vùng tin đăng ${box(s.listingRegion)}${s.variant ? `, biến thể ${printable(s.variant, 40)}` : ''}`).fillColor('black');
    }
  }
  if (b.reviews.length) {
    doc.moveDown(0.3).font(FONT_BOLD).fontSize(10).text('Quyết định xem xét');
    for (const r of b.reviews) doc.font(FONT_REGULAR).fontSize(9).text(`• ${formatVietnamTime(r.createdAt)} — ${printable(r.reviewerName)}: từ “${statusLabel(r.fromStatus)}” sang “${statusLabel(r.toStatus)}”${r.note ? ` (${printable(r.note, 500)})` : ''}`);
  }
}

function bailiffGuide(doc: Pdf, content: PacketContent) {
  heading(doc, 'Hướng dẫn cho Thừa phát lại lập vi bằng (Nghị định 08/2020/NĐ-CP)');
  const steps = [
    'Kiểm tra tính toàn vẹn của gói trước khi sử dụng: chạy "ipwatch packet verify <tệp>" (kết quả "intact"), hoặc mở tệp bằng một công cụ đọc WACZ (ví dụ ReplayWeb.page) và xem chữ ký. Đối chiếu dấu vân tay khóa công khai ở trang đầu với khóa Sở công bố tại trang /packets/public-key của hệ thống.',
    'Tại thời điểm lập vi bằng, dùng máy tính và kết nối Internet của Văn phòng Thừa phát lại, lần lượt truy cập từng địa chỉ (URL) trong danh sách dưới đây; ghi lại thời gian truy cập, nội dung hiển thị (tiêu đề, giá, người bán, hình ảnh) và chụp màn hình.',
    'So sánh nội dung đang hiển thị với ảnh chụp màn hình và bản lưu WARC trong gói (thư mục screenshots/ và archive/); ghi nhận nội dung còn hay đã bị gỡ bỏ.',
    'Ghi vào vi bằng mã SHA-256 của tệp datapackage.json (trong datapackage-digest.json) để vi bằng gắn với đúng gói chứng cứ này.',
  ];
  steps.forEach((s, i) => doc.font(FONT_REGULAR).fontSize(9.5).text(`${i + 1}. ${s}`, { paragraphGap: 2 }));
  doc.moveDown(0.3).font(FONT_BOLD).fontSize(10).text('Các địa chỉ cần chứng kiến');
  const urls = [...new Map(content.findings.map((b) => [b.listing.url, b.listing])).values()];
  for (const l of urls) doc.font(FONT_REGULAR).fontSize(9).text(`• ${printable(l.url, 500)} — ${printable(l.title, 200)}`);
}

/** The Vietnamese report inside every packet: what, where, when (UTC and Vietnam time), by what, and how to check it. */
export async function renderPacketReport(input: ReportInput): Promise<Buffer> {
  const { content } = input;
  const subject = content.subject.kind === 'case' ? `vụ việc số ${content.subject.id}` : `phát hiện số ${content.subject.id}`;
  const reconstructed = new Set(input.reconstructed);
  return renderPdf({ fontDir: input.fontDir, title: `Báo cáo chứng cứ — ${subject}`, subject: 'Gói chứng cứ điện tử (WACZ có chữ ký)', author: input.authority, createdAt: input.createdAt }, (doc) => {
    doc.font(FONT_BOLD).fontSize(10).text(printable(input.authority, 300).toUpperCase(), { align: 'center' });
    doc.moveDown(0.6).fontSize(15).fillColor(BLUE).text('BÁO CÁO CHỨNG CỨ ĐIỆN TỬ', { align: 'center' }).fillColor('black');
    doc.font(FONT_REGULAR).fontSize(10.5).text(`về dấu hiệu xâm phạm quyền sở hữu trí tuệ trên môi trường mạng — ${subject}`, { align: 'center' });
    if (content.caseRow) doc.font(FONT_ITALIC).fontSize(10).text(printable(content.caseRow.title, 300), { align: 'center' });
    doc.moveDown(0.8);
    field(doc, 'Thời điểm lập gói', both(input.createdAt));
    field(doc, 'Phần mềm', input.software);
    field(doc, 'Khóa công khai của Sở (ECDSA P-384), dấu vân tay SHA-256', formatFingerprint(input.fingerprint));
    const platforms = [...new Set(content.findings.map((b) => b.listing.platform))];
    const subjects = [...new Set(content.findings.map((b) => (b.work ? `tác phẩm “${b.work.title}”` : `nhãn hiệu “${b.mark!.name}”`)))];
    const captures = content.findings.reduce((n, b) => n + b.evidence.length, 0);
    field(doc, 'Tóm tắt', `${content.findings.length} tin đăng nghi xâm phạm ${subjects.join(', ')} trên ${platforms.join(', ')}; ${captures} lần thu thập chứng cứ.`);
    doc.moveDown(0.4).font(FONT_ITALIC).fontSize(8.5).fillColor(GREY).text(
      'Gói này là một tệp WACZ 1.1.1 có chữ ký số ẩn danh (WACZ Signing and Verification): datapackage.json liệt kê mọi tệp kèm SHA-256; datapackage-digest.json chứa mã băm của datapackage.json và chữ ký ECDSA P-384. Theo Điều 8 Luật Giao dịch điện tử 20/2023/QH15, giá trị chứng cứ của thông điệp dữ liệu căn cứ vào độ tin cậy của cách khởi tạo, lưu trữ, bảo đảm toàn vẹn và xác định người khởi tạo: vì vậy gói ghi thời gian UTC, mã băm, nhật ký chuỗi lưu giữ (custody.jsonl) và chữ ký.',
    ).fillColor('black');

    content.findings.forEach((b, i) => findingSection(doc, b, i + 1, reconstructed));

    bailiffGuide(doc, content);

    heading(doc, 'Danh sách tệp trong gói và mã SHA-256');
    doc.font(FONT_ITALIC).fontSize(8).fillColor(GREY).text('Báo cáo này, datapackage.json và datapackage-digest.json không tự liệt kê mình: mã băm của báo cáo và của mọi tệp nằm trong datapackage.json, được ký.').fillColor('black');
    for (const f of input.files) doc.font(FONT_REGULAR).fontSize(7.5).text(`${f.path} — ${f.bytes} byte — ${f.hash}`);
  });
}
