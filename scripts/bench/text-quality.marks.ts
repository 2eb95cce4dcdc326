import { foldVietnamese } from '../../fingerprints/text/vietnamese.ts';
import type { Random } from './text-quality.edits.ts';

/**
 * Word marks modelled on Bắc Ninh's (and the former Bắc Giang's) collective marks, geographical
 * indications and OCOP brands, and listing titles: the mark exact, folded, misspelled, spaced, hyphenated,
 * with look-alike digits, inside a long title; and innocent titles sharing words (another village's mark
 * with a common word, a generic word of the mark, the same product from another place).
 */

export const BENCH_MARKS = [
  'Tranh Đông Hồ', 'Gốm Phù Lãng', 'Gỗ Đồng Kỵ', 'Đồng Đại Bái', 'Quan họ Bắc Ninh', 'Bánh phu thê Đình Bảng',
  'Tương Đình Tổ', 'Mây tre đan Xuân Lai', 'Rượu làng Vân', 'Vải thiều Lục Ngạn', 'Gà đồi Yên Thế', 'Mỳ Chũ',
  'Cam Bố Hạ', 'Bánh đa Kế', 'Thép Đa Hội', 'Giấy dó Phong Khê', 'Gốm Thổ Hà', 'Mật ong Yên Thế',
  'Chạm khắc Phù Khê', 'Dệt Tương Giang', 'Bánh khúc Diềm', 'Nếp cái hoa vàng Kinh Bắc', 'Rượu Mai Hạ',
  'Hương Hiền Lương', 'Bún Khắp', 'Nhãn muộn Lục Ngạn', 'Lúa Thủy Hòa', 'Tranh tre Xuân Lai', 'Gỗ mỹ nghệ Phù Khê',
  'Kinh Bắc Xanh', 'Sơn mài Đình Bảng', 'Trà hoa vàng Sơn Động',
] as const;

/** Innocent titles: each shares a word (or a product) with some mark but names no mark. */
export const INNOCENT_TITLES = [
  'Gốm sứ Bát Tràng men lam vẽ tay', 'Bình gốm Chu Đậu cổ phục dựng', 'Bánh phu thê Hà Nội nhân đậu xanh',
  'Vải thiều Thanh Hà Hải Dương loại 1', 'Gà đồi thả vườn Hòa Bình', 'Mật ong rừng Tây Bắc nguyên chất',
  'Cam Cao Phong Hòa Bình ngọt mát', 'Rượu nếp cái hoa vàng nhà nấu', 'Mây tre đan xuất khẩu Phú Vinh',
  'Tranh sơn dầu phong cảnh đồng quê', 'Đồng hồ treo tường gỗ sồi', 'Đồng hồ đeo tay nam dây da',
  'Thép hộp mạ kẽm Hòa Phát', 'Giấy dó làm đèn lồng Hội An', 'Bánh đa cua Hải Phòng', 'Mỳ Quảng Đà Nẵng',
  'Tương bần Hưng Yên chai 500ml', 'Bún chả Hà Nội gói sẵn', 'Trà hoa vàng Ba Chẽ Quảng Ninh',
  'Nhãn lồng Hưng Yên tươi', 'Hương trầm Quảng Nam', 'Khăn dệt thổ cẩm Mai Châu', 'Sơn mài Tương Bình Hiệp Bình Dương',
  'Chạm khắc đá Non Nước', 'Tranh Hàng Trống Hà Nội', 'Tranh Kim Hoàng treo tết', 'Đồ gỗ Đồng Nai giá xưởng',
  'Gỗ mỹ nghệ Đồng Xâm', 'Lúa gạo Thái Bình', 'Bánh khúc cô Lan Hà Nội', 'Xanh Bắc Bộ cây cảnh',
  'Quan họ Lim mùa xuân đĩa CD', 'Dệt may Thành Công', 'Rượu Bàu Đá Bình Định', 'Bánh cốm Hàng Than',
  'Hương Sơn Hà Tĩnh', 'Cam sành Hàm Yên', 'Đồng hồ báo thức mini', 'Mỳ gạo lứt Nam Định',
];

const PRODUCTS = ['chính hãng', 'giá tốt', 'quà tết', 'loại 1', 'hộp 500g', 'bán sỉ lẻ', 'giao nhanh', 'mẫu mới 2026'];
const DIGITS: Record<string, string> = { o: '0', i: '1', l: '1', e: '3', a: '4', s: '5' };

export interface MarkCandidate {
  id: string;
  text: string;
  /** Index in BENCH_MARKS of the mark it uses; undefined for an innocent title. */
  mark?: number;
  edit: string;
}

function misspell(name: string, random: Random): string {
  const letters = [...name];
  const positions = letters.map((c, i) => (/\p{L}/u.test(c) && i > 0 ? i : -1)).filter((i) => i >= 0);
  const at = positions[Math.floor(random() * positions.length)]!;
  const kind = random();
  if (kind < 0.4) letters.splice(at, 1); // a letter dropped
  else if (kind < 0.7 && /\p{L}/u.test(letters[at - 1] ?? '')) [letters[at - 1], letters[at]] = [letters[at]!, letters[at - 1]!];
  else letters.splice(at, 0, letters[at]!); // a letter doubled
  return letters.join('');
}

const EDITS: { name: string; minLetters?: number; apply(name: string, r: Random): string }[] = [
  { name: 'exact', apply: (n) => n },
  { name: 'folded', apply: (n) => foldVietnamese(n) },
  { name: 'uppercase', apply: (n) => n.toUpperCase() },
  { name: 'nfd', apply: (n) => n.normalize('NFD') },
  { name: 'no-spaces', apply: (n) => n.replace(/ /g, '') },
  { name: 'hyphens', apply: (n) => n.replace(/ /g, '-') },
  { name: 'spaced-letters', apply: (n) => [...n.replace(/ /g, '')].join(' ') },
  { name: 'digits', apply: (n) => n.replace(/[oile]/, (c) => DIGITS[c]!) },
  { name: 'misspelled', minLetters: 9, apply: (n, r) => misspell(n, r) },
];

export function buildMarkSet(random: Random): MarkCandidate[] {
  const out: MarkCandidate[] = [];
  const around = () => PRODUCTS[Math.floor(random() * PRODUCTS.length)]!;
  BENCH_MARKS.forEach((mark, index) => {
    const letters = mark.replace(/ /g, '').length;
    for (const edit of EDITS) {
      if (edit.minLetters && letters < edit.minLetters) continue;
      const used = edit.apply(mark, random);
      const title = random() < 0.5 ? `${used} ${around()}` : `Sản phẩm ${used} ${around()} - ${around()}`;
      out.push({ id: `mark-${index}~${edit.name}`, text: title, mark: index, edit: edit.name });
    }
  });
  INNOCENT_TITLES.forEach((title, i) => {
    out.push({ id: `innocent-${i}`, text: `${title} ${around()}`, edit: 'innocent' });
    out.push({ id: `innocent-folded-${i}`, text: foldVietnamese(`${title} ${around()}`), edit: 'innocent-folded' });
  });
  return out;
}
