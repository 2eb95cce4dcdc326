/**
 * Unicode classes of a code point, learned from the regexes the first time it is seen (a page uses a few
 * hundred distinct characters): bit flags, 0 = not seen yet. Astral code points go to a bounded map.
 */
const SEEN = 1;
const MARK = 2;
const WORD = 4;
export const NFC_STABLE = 8;
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();
const ASTRAL_LIMIT = 10_000;

function classify(code: number): number {
  const char = String.fromCodePoint(code);
  let classes = SEEN;
  if (/\p{M}/u.test(char)) classes |= MARK;
  if (/[\p{L}\p{M}\p{N}]/u.test(char)) classes |= WORD;
  if (char.normalize('NFC') === char) classes |= NFC_STABLE;
  return classes;
}

export function classesOf(code: number): number {
  if (code < 0x10000) {
    let classes = bmpClasses[code]!;
    if (classes === 0) bmpClasses[code] = classes = classify(code);
    return classes;
  }
  let classes = astralClasses.get(code);
  if (classes === undefined) {
    classes = classify(code);
    if (astralClasses.size >= ASTRAL_LIMIT) astralClasses.clear();
    astralClasses.set(code, classes);
  }
  return classes;
}

/** \p{M}: a combining mark (none below U+0300). */
export function isMarkCode(code: number): boolean {
  return code >= 0x300 && (classesOf(code) & MARK) !== 0;
}

/** [\p{L}\p{M}\p{N}]: what a word is made of (vietnamese.ts). Lone surrogates are not. */
export function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  return (classesOf(code) & WORD) !== 0;
}
