import { foldVietnamese } from '../../fingerprints/text/vietnamese.ts';

/**
 * The edits a re-poster makes to a text (issue 6): each takes the work's text and a seeded random source
 * and returns the copy. Excerpts and reordering only make sense for long works (several sentences).
 */

export type Random = () => number;

export interface TextEdit {
  name: string;
  longOnly?: boolean;
  apply(text: string, random: Random, filler: readonly string[]): string;
}

const pick = <T>(list: readonly T[], random: Random): T => list[Math.floor(random() * list.length)]!;

const TEENCODE: Record<string, string> = {
  không: 'ko', được: 'dc', với: 'vs', gì: 'j', người: 'ng', mình: 'mk', cũng: 'cx', trước: 'trc', làm: 'lm',
  biết: 'bít', nhiều: 'nhìu', rồi: 'r', sản: 'sp', yêu: 'iu', thích: 'thik', luôn: 'lun',
};

/** New-style ("hoà", "thuỷ") placement of the old-style tones the corpus is written in. */
function newToneStyle(text: string): string {
  return text
    .normalize('NFD')
    .replace(/([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])(?![\p{L}\p{M}])/gu, '$1$3$2')
    .replace(/([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])(?![\p{L}\p{M}])/gu, '$1$3$2')
    .normalize('NFC');
}

function entities(text: string, random: Random): string {
  const encoded = [...text]
    .map((c) => {
      if (c === '&') return '&amp;';
      if (c === ' ' && random() < 0.05) return '&nbsp;';
      if (c.charCodeAt(0) < 128) return c;
      return random() < 0.5 ? `&#${c.codePointAt(0)};` : `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`;
    })
    .join('');
  const words = encoded.split(' ');
  const at = Math.floor(random() * words.length);
  words[at] = `<b>${words[at]}</b>`;
  return `<div class="desc"><p>${words.join(' ')}</p></div>`;
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?:])\s+/).filter(Boolean);
}

export const TEXT_EDITS: TextEdit[] = [
  { name: 'exact', apply: (t) => t },
  { name: 'no-diacritics', apply: (t) => foldVietnamese(t) },
  { name: 'nfd', apply: (t) => t.normalize('NFD') },
  { name: 'new-tone-style', apply: (t) => newToneStyle(t) },
  { name: 'uppercase', apply: (t) => t.toUpperCase() },
  {
    name: 'teencode',
    apply: (t) => t.replace(/[\p{L}\p{M}]+/gu, (w) => TEENCODE[w.toLowerCase()] ?? w),
  },
  { name: 'html-entities', apply: (t, r) => entities(t, r) },
  {
    name: 'line-breaks',
    apply: (t, r) => t.split(' ').map((w, i) => (i > 0 && r() < 0.18 ? (r() < 0.5 ? '\n' : '\r\n') : i > 0 ? ' ' : '') + w).join(''),
  },
  {
    name: 'words-dropped',
    apply: (t, r) => t.split(' ').filter((_, i) => i === 0 || r() >= 0.1).join(' '),
  },
  {
    name: 'words-added',
    apply: (t, r, filler) => t.split(' ').flatMap((w) => (r() < 0.1 ? [w, pick(filler, r)] : [w])).join(' '),
  },
  {
    name: 'reordered',
    longOnly: true,
    apply: (t, r) => {
      const list = sentencesOf(t);
      if (list.length < 2) return t;
      for (let i = list.length - 1; i > 0; i -= 1) {
        const j = Math.floor(r() * i); // Sattolo: no sentence stays in place
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
      return list.join(' ');
    },
  },
  {
    name: 'excerpt-40',
    longOnly: true,
    apply: (t, r) => {
      const words = t.split(' ');
      const length = Math.ceil(words.length * 0.4);
      const from = Math.floor(r() * (words.length - length + 1));
      return words.slice(from, from + length).join(' ');
    },
  },
];

/** Words a re-poster adds ("words-added"): everyday words, not the work's. */
export const FILLER_WORDS = ['rất', 'nhé', 'thật', 'luôn', 'ạ', 'đấy', 'nha', 'siêu', 'hay', 'đẹp', 'ok', 'nhỉ', 'cực', 'quá'];
