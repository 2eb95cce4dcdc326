import { canonicalToneMarks, foldVietnamese } from '../text/vietnamese.ts';

/**
 * The de-duplication key of a party's name: NFC, one tone-mark placement ("Hoà" = "Hòa"), lower case,
 * single spaces, no surrounding punctuation. Diacritics are kept: "Đông" and "Dong" are other names.
 */
export function normalizePartyName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => canonicalToneMarks(w.replace(/^[.,;:]+|[.,;:]+$/g, '')))
    .filter(Boolean)
    .join(' ');
}

/** Folded form for search: no marks, đ → d, lower case. */
export function foldForSearch(text: string): string {
  return foldVietnamese(text.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Arguments of SQL `translate(col, from, to)` that fold every precomposed Vietnamese letter (both cases)
 * the way foldForSearch does, so that search works on existing rows without a stored folded column and
 * whatever the database's LC_CTYPE (lower() of a C-locale database leaves 'Đ' as is).
 */
export const SQL_FOLD: { from: string; to: string } = (() => {
  const vowels = 'aăâeêioôơuưy';
  const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
  let from = '';
  let to = '';
  const add = (c: string) => {
    if (from.includes(c)) return;
    const folded = foldForSearch(c);
    if (folded === c) return;
    from += c;
    to += folded;
  };
  for (const base of [...vowels, ...vowels.toUpperCase()]) for (const t of tones) add(`${base}${t}`.normalize('NFC'));
  add('đ');
  add('Đ');
  return { from, to };
})();
