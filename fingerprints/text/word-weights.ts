import { canonicalToneMarks, foldVietnamese } from './vietnamese.ts';

/**
 * How much a matched word tells. Function words and marketplace boilerplate are shared by unrelated
 * texts, so they count a quarter of a content word: this is what keeps a short verse or slogan from
 * "matching" every page that happens to use the same everyday words. Accented words are looked up
 * accented (folding makes "dâu"/"đâu" or "trống"/"trong" one word); accent-less words can only be
 * looked up folded.
 */

const FUNCTION_WORDS = `
và với của là các những một hai có không được cho trong này đó thì mà để đã sẽ đang ra vào lên xuống từ
tại về như cũng rất làm nhiều hơn khi nếu vì nên ở tôi bạn ta chúng mình ấy kia nào gì ai đâu bao sao thế
nhất mỗi còn cái chiếc người việc sau trước trên dưới giữa theo qua bằng hay hoặc nữa rồi vẫn chỉ đây luôn
phải cứ ơi à ừ nhé nha nè thôi lại đi đến
`;

// Words that name the kind of product rather than what it shows: "Tranh …", "Bộ …", "Sách …" titles.
const MARKETPLACE_WORDS = `
tranh ảnh sách bộ mẫu bán hàng chính hãng giá rẻ mới đẹp size combo set khung in cao cấp loại sản phẩm
mua free ship freeship sale giảm order chất lượng tốt siêu hot
`;

const ACCENTED = new Set(
  [...FUNCTION_WORDS.split(/\s+/), ...MARKETPLACE_WORDS.split(/\s+/)].filter(Boolean).map((w) => canonicalToneMarks(w.normalize('NFC'))),
);
const FOLDED = new Set([...ACCENTED].map((w) => foldVietnamese(w)));

export const LOW_WORD_WEIGHT = 0.25;

/**
 * 1 for a content word, LOW_WORD_WEIGHT for function words, boilerplate, numbers and single letters.
 * `norm` is the lowercase tone-canonical word, `fold` its folded form.
 */
export function wordWeight(word: { norm: string; fold: string }): number {
  const { norm, fold } = word;
  const low = norm === fold ? FOLDED.has(fold) : ACCENTED.has(norm);
  if (low || /^\d+$/.test(fold) || fold.length === 1) return LOW_WORD_WEIGHT;
  return 1;
}
