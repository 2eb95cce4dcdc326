import { printable } from '../../core/pdf/pdf.document.ts';
import { formatUtc, formatVietnamDate, formatVietnamTime } from '../pages/format.ts';
import type { NoticeBasis } from './case.schema.ts';

/**
 * The two notices in Vietnamese (DESIGN §7), as a structure that the PDF and the DOCX writers lay out the
 * same way. Every crawled or typed value passes through `printable` here, once: markup stays text, control
 * characters go, lengths are capped.
 */
export interface NoticeItemData {
  url: string;
  platform: string;
  listingTitle: string;
  seller: string | null;
  subject: { kind: 'work' | 'mark'; title: string; certificateNo: string | null; certificateDate: string | null };
  evidence: { screenshotSha256: string; warcSha256: string | null; capturedAt: Date } | null;
}

export interface NoticeData {
  id: number;
  caseId: number;
  basis: NoticeBasis;
  reference: string | null;
  recipient: string;
  recipientContact: string | null;
  issuingAuthority: string;
  signatory: string | null;
  requester: string | null;
  body: string | null;
  createdAt: Date;
  items: NoticeItemData[];
}

export interface NoticeLine {
  label: string;
  value: string;
}

export interface NoticeItemText {
  heading: string;
  lines: NoticeLine[];
}

export interface NoticeText {
  title: string;
  /** Left header block (issuer), right header block (national motto). */
  issuer: string[];
  motto: string[];
  reference: string;
  placeDate: string;
  title2: string;
  to: string;
  basis: string[];
  intro: string;
  items: NoticeItemText[];
  requests: string[];
  attachments: { heading: string; entries: string[] } | null;
  note: string | null;
  signature: { role: string; name: string };
  footer: string;
}

const p = (v: string | null | undefined, max = 1000) => printable(v, max);

function placeDate(at: Date): string {
  const [d, m, y] = formatVietnamDate(at).split('/');
  return `Bắc Ninh, ngày ${d} tháng ${m} năm ${y}`;
}

function subjectLine(s: NoticeItemData['subject']): string {
  const cert = s.certificateNo ? `; Giấy chứng nhận số ${p(s.certificateNo, 100)}${s.certificateDate ? ` cấp ngày ${formatVietnamDateString(s.certificateDate)}` : ''}` : '; chưa có giấy chứng nhận đăng ký';
  return `${s.kind === 'work' ? 'Tác phẩm' : 'Nhãn hiệu'} "${p(s.title, 300)}"${cert}`;
}

function formatVietnamDateString(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : p(day, 40);
}

function items(data: NoticeData): NoticeItemText[] {
  return data.items.map((item, i) => ({
    heading: `${i + 1}. ${p(item.listingTitle, 300) || '(không có tiêu đề)'}`,
    lines: [
      { label: 'Đường dẫn (URL)', value: p(item.url, 2000) },
      { label: 'Nền tảng / người bán', value: [p(item.platform, 100), p(item.seller, 200)].filter(Boolean).join(' — ') || '—' },
      { label: 'Đối tượng được bảo hộ', value: subjectLine(item.subject) },
      item.evidence
        ? { label: 'Chứng cứ thu thập', value: `${formatUtc(item.evidence.capturedAt)} (giờ Việt Nam: ${formatVietnamTime(item.evidence.capturedAt)}); SHA-256 ảnh chụp màn hình: ${item.evidence.screenshotSha256}${item.evidence.warcSha256 ? `; SHA-256 tệp WARC: ${item.evidence.warcSha256}` : ''}` }
        : { label: 'Chứng cứ thu thập', value: 'chưa có bản thu thập' },
    ],
  }));
}

const LAW_BASIS = [
  'Căn cứ Luật Sở hữu trí tuệ số 50/2005/QH11, được sửa đổi, bổ sung năm 2009, 2019 và 2022;',
  'Căn cứ Nghị định số 17/2023/NĐ-CP ngày 26 tháng 4 năm 2023 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Sở hữu trí tuệ về quyền tác giả, quyền liên quan, được sửa đổi, bổ sung bởi Nghị định số 134/2026/NĐ-CP;',
];

export function noticeText(data: NoticeData): NoticeText {
  const authority = p(data.issuingAuthority, 300);
  const recipient = p(data.recipient, 300);
  const reference = p(data.reference, 200) || `Số: ${data.id}/YC-SHTT`;
  const shared = {
    motto: ['CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    reference,
    placeDate: placeDate(data.createdAt),
    to: `Kính gửi: ${recipient}${data.recipientContact ? ` (${p(data.recipientContact, 300)})` : ''}`,
    items: items(data),
    note: data.body ? p(data.body, 4000) : null,
    footer: `ipwatch — yêu cầu #${data.id}, vụ việc #${data.caseId}`,
  };
  if (data.basis === 'art113') {
    return {
      ...shared,
      title: 'VĂN BẢN YÊU CẦU',
      title2: 'Về việc gỡ bỏ, ngăn chặn nội dung xâm phạm quyền sở hữu trí tuệ trên môi trường mạng',
      issuer: [authority.toUpperCase()],
      basis: [...LAW_BASIS, 'Căn cứ Điều 113 Nghị định số 17/2023/NĐ-CP (trách nhiệm của doanh nghiệp cung cấp dịch vụ trung gian);'],
      intro: `Qua giám sát trên môi trường mạng, ${authority} phát hiện các nội dung dưới đây có dấu hiệu xâm phạm quyền đối với tác phẩm, nhãn hiệu đã được đăng ký bảo hộ. ${authority} yêu cầu ${recipient}:`,
      requests: [
        '1. Gỡ bỏ hoặc ngăn chặn việc truy cập các nội dung nêu tại văn bản này không chậm hơn 24 giờ kể từ khi nhận được văn bản.',
        '2. Thông báo cho người đăng tải nội dung về việc gỡ bỏ, ngăn chặn.',
        `3. Báo cáo kết quả thực hiện cho ${authority} trong thời hạn 24 giờ kể từ khi gỡ bỏ, ngăn chặn.`,
      ],
      attachments: null,
      signature: { role: /^sở\s/i.test(authority) ? 'GIÁM ĐỐC' : 'THỦ TRƯỞNG CƠ QUAN', name: p(data.signatory, 300) },
    };
  }
  const requester = p(data.requester, 300) || 'Chủ sở hữu quyền';
  return {
    ...shared,
    title: 'VĂN BẢN YÊU CẦU',
    title2: 'Về việc gỡ bỏ, ngăn chặn nội dung xâm phạm quyền tác giả, quyền liên quan (theo Điều 114 Nghị định số 17/2023/NĐ-CP)',
    issuer: [requester.toUpperCase()],
    basis: [...LAW_BASIS, 'Căn cứ Điều 114 Nghị định số 17/2023/NĐ-CP (yêu cầu của chủ thể quyền đối với doanh nghiệp cung cấp dịch vụ trung gian);'],
    intro: `${requester}, là chủ thể quyền đối với các đối tượng nêu dưới đây, yêu cầu ${recipient}:`,
    requests: [
      '1. Tạm thời gỡ bỏ, ngăn chặn việc truy cập các nội dung nêu tại văn bản này và thông báo cho bên yêu cầu và người đăng tải trong thời hạn 72 giờ kể từ khi nhận được yêu cầu.',
      '2. Người đăng tải có 10 ngày làm việc kể từ khi nhận được thông báo để phản đối kèm chứng cứ; hết thời hạn này mà không có phản đối thì duy trì việc gỡ bỏ.',
      '3. Trường hợp có phản đối hợp lệ, khôi phục nội dung trong thời hạn 72 giờ và thông báo cho các bên.',
    ],
    attachments: {
      heading: 'Tài liệu kèm theo (khoản 4 Điều 114 Nghị định số 17/2023/NĐ-CP):',
      entries: [
        'a) Giấy tờ chứng minh nhân thân hoặc tư cách pháp lý của bên yêu cầu;',
        'b) Tài liệu chứng minh quyền (giấy chứng nhận đăng ký nêu tại từng mục dưới đây) và cam kết về tính trung thực của tài liệu;',
        'c) Văn bản cam kết chịu trách nhiệm trước pháp luật về yêu cầu, có chữ ký số của bên yêu cầu;',
        'd) Chứng cứ về hành vi xâm phạm: ảnh chụp toàn trang, tệp WARC và mã SHA-256 của từng bản thu thập nêu dưới đây;',
        'đ) Đường dẫn và mô tả nội dung xâm phạm (danh sách dưới đây);',
        'e) Giấy uỷ quyền, trong trường hợp yêu cầu được gửi thông qua người đại diện.',
      ],
    },
    signature: { role: 'BÊN YÊU CẦU', name: p(data.signatory, 300) || requester },
  };
}
