/**
 * Teencode (chat abbreviations) seen in marketplace titles, comments and re-posted verses. Applied only to
 * whole tokens, after lowercasing and tone canonicalisation, so "k" expands but "kg" or "ok" do not.
 * Ambiguous abbreviations ("a", "e", "bn" = bạn or bao nhiêu, "v" = vậy or và, "kg" = kilogram, "kh" =
 * khách hàng) are left out on purpose: a wrong expansion breaks a true match, a missing one costs one token.
 */
export const teencode: Readonly<Record<string, string>> = {
  ko: 'không', k: 'không', hok: 'không', hông: 'không', khum: 'không', hem: 'không',
  dc: 'được', đc: 'được', dk: 'được', đk: 'được',
  vs: 'với', j: 'gì', gj: 'gì', r: 'rồi', rùi: 'rồi', oy: 'rồi',
  ntn: 'như thế nào', ns: 'nói', nc: 'nói chuyện', mn: 'mọi người', ng: 'người',
  mk: 'mình', mik: 'mình', mh: 'mình', cx: 'cũng', cg: 'cũng', trc: 'trước', lm: 'làm', bít: 'biết',
  bik: 'biết', iu: 'yêu', thik: 'thích', lun: 'luôn', nhìu: 'nhiều', wá: 'quá', wa: 'qua',
  z: 'vậy', zậy: 'vậy', dzậy: 'vậy', h: 'giờ', bh: 'bây giờ', hum: 'hôm', đag: 'đang', dag: 'đang',
  sp: 'sản phẩm', đt: 'điện thoại', dt: 'điện thoại', tp: 'thành phố', ck: 'chồng', vk: 'vợ',
};

/** Expansion of one lowercased, tone-canonical token, or undefined when it is not teencode. */
export function expandTeencode(token: string): string[] | undefined {
  // Own keys only: "constructor" is a word of real pages, not teencode (Object.prototype.constructor).
  if (!Object.hasOwn(teencode, token)) return undefined;
  return teencode[token]!.split(' ');
}
