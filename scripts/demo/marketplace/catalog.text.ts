import type { PriceStyle } from './catalog.types.ts';

/** Text as careless sellers type it: no tone or vowel marks, đ written d. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

export function slugify(text: string): string {
  return fold(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

/** Reverses the order of sentences (or verse lines): same words, different order. */
export function reorderSentences(text: string): string {
  const parts = text.includes('\n') ? text.split('\n') : text.split(/(?<=[.;])\s+/);
  return parts.reverse().join(text.includes('\n') ? '\n' : ' ');
}

function groupThousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function formatPrice(price: number, style: PriceStyle): string {
  const digits = groupThousands(price);
  if (style === 'symbol') return `${digits} ₫`;
  if (style === 'suffix') return `${digits}đ`;
  return `${digits} đ`;
}

/** "Đã bán 1,2k" the way marketplaces abbreviate sold counts. */
export function soldText(sold: number): string {
  if (sold < 1000) return `Đã bán ${sold}`;
  const k = (sold / 1000).toFixed(1).replace('.', ',').replace(/,0$/, '');
  return `Đã bán ${k}k`;
}

const boilerplate = [
  'CHÍNH SÁCH BÁN HÀNG: Shop cam kết hàng đúng mô tả, đóng gói cẩn thận bằng xốp nổ và thùng carton ba lớp.',
  'Giao hàng toàn quốc qua Giao Hàng Nhanh, Viettel Post, J&T; nội thành Hà Nội và Bắc Ninh nhận trong ngày.',
  'Đổi trả trong 7 ngày nếu sản phẩm lỗi do nhà sản xuất hoặc vỡ trong quá trình vận chuyển, vui lòng quay video khi mở hàng.',
  'Khách sỉ, khách mua làm quà tặng doanh nghiệp vui lòng nhắn tin để được báo giá tốt nhất và in thiệp theo yêu cầu.',
  'Hướng dẫn bảo quản: để nơi khô ráo, tránh ánh nắng trực tiếp, lau bằng khăn mềm, không dùng hóa chất tẩy rửa mạnh.',
  'Thời gian làm việc: 8h00 – 21h00 tất cả các ngày trong tuần, kể cả thứ Bảy và Chủ nhật; ngày lễ Tết có thông báo riêng.',
  'Lưu ý: màu sắc thực tế có thể chênh lệch nhẹ so với hình do ánh sáng khi chụp và độ phân giải màn hình.',
  'Cảm ơn quý khách đã tin tưởng ủng hộ shop. Đừng quên bấm Theo dõi để nhận mã giảm giá vào ngày 15 hằng tháng!',
];

/**
 * A deterministic description of about `chars` characters (policies repeated with numbered sections), with
 * `embedded` placed in the middle: copied text buried in a long page, as the matcher must find it.
 */
export function longDescription(intro: string, embedded: string, chars: number): string {
  const sections: string[] = [];
  let length = intro.length;
  for (let i = 0; length < chars; i++) {
    const line = `${i + 1}. ${boilerplate[i % boilerplate.length]}`;
    sections.push(line);
    length += line.length + 1;
  }
  const middle = Math.floor(sections.length / 2);
  sections.splice(middle, 0, `GIỚI THIỆU SẢN PHẨM TRONG COMBO:\n${embedded}`);
  return [intro, ...sections].join('\n');
}
