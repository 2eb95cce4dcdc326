import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from './html-entities.ts';
import { teencode } from './teencode.ts';
import * as currentSource from './text-source.ts';
import * as current from './vietnamese.ts';

/**
 * The fast tokenizer (char-code scan, learned class tables, per-word caches, lazy identity offsets) must
 * give exactly what the first, regex-per-character implementation gave: that implementation is frozen
 * below, verbatim but for its doc comments and exports, and compared on generated hostile text and on
 * real prose. It shares only data with the code under test: the teencode table and the regex-based
 * decodeHtmlEntities (the new decodeHtmlEntity memoises it; the old one called it every time).
 */

// ---- Frozen reference (text-source.ts, vietnamese.ts, teencode.ts before the rewrite) ----

interface SourceText {
  text: string;
  offsets: number[];
}

const TAG = /<(?:!--[\s\S]*?-->|(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|\/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?\/?>)/y;
const REFERENCE = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const INVISIBLE = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/;
const MARK = /\p{M}/u;

const INVISIBLE_ANY = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/;

function prepareSource(original: string): SourceText {
  if (!original.includes('<') && !original.includes('&') && !INVISIBLE_ANY.test(original) && original.normalize('NFC') === original) {
    const offsets = new Array<number>(original.length + 1);
    for (let i = 0; i <= original.length; i += 1) offsets[i] = i;
    return { text: original, offsets };
  }
  const chars: string[] = [];
  const from: number[] = [];
  const mightBeHtml = original.includes('<') || original.includes('&');
  for (let i = 0; i < original.length; ) {
    const c = original[i]!;
    if (mightBeHtml && c === '<') {
      TAG.lastIndex = i;
      const tag = TAG.exec(original);
      if (tag) {
        chars.push(' ');
        from.push(i);
        i += tag[0].length;
        continue;
      }
    }
    if (mightBeHtml && c === '&') {
      REFERENCE.lastIndex = i;
      const ref = REFERENCE.exec(original);
      const decoded = ref ? decodeHtmlEntity(ref[0]) : undefined;
      if (ref && decoded !== undefined) {
        for (const d of decoded) {
          chars.push(d);
          from.push(i);
        }
        i += ref[0].length;
        continue;
      }
    }
    const code = original.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    if (!INVISIBLE.test(char)) {
      chars.push(char);
      from.push(i);
    }
    i += char.length;
  }
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < chars.length; ) {
    let j = i + 1;
    while (j < chars.length && MARK.test(chars[j]!)) j += 1;
    const cluster = chars.slice(i, j).join('');
    const nfc = /^[\x00-\x7f]$/.test(cluster) ? cluster : cluster.normalize('NFC');
    for (let k = 0; k < nfc.length; k += 1) offsets.push(from[i]!);
    text += nfc;
    i = j;
  }
  offsets.push(original.length);
  return { text, offsets };
}

function originalRange(source: SourceText, start: number, end: number): { start: number; end: number } {
  const last = end > start ? source.offsets[end - 1]! : source.offsets[start]!;
  let next = source.offsets[source.offsets.length - 1]!;
  for (let i = end; i < source.offsets.length; i += 1) {
    if (source.offsets[i]! > last) {
      next = source.offsets[i]!;
      break;
    }
  }
  return { start: source.offsets[start]!, end: next };
}

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const TONE_ALIASES: Record<string, string> = { '\u0340': '\u0300', '\u0341': '\u0301' };
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

interface Letter {
  base: string;
  shape: string;
}

function canonicalToneMarks(word: string): string {
  let canonical = toneCache.get(word);
  if (canonical === undefined) {
    canonical = placeTone(word);
    if (toneCache.size >= CACHE_LIMIT) toneCache.clear();
    toneCache.set(word, canonical);
  }
  return canonical;
}

const CACHE_LIMIT = 100_000;
const toneCache = new Map<string, string>();
const foldCache = new Map<string, string>();

function placeTone(word: string): string {
  const letters: Letter[] = [];
  let tone = '';
  let tones = 0;
  let toneAt = -1;
  for (const char of word.normalize('NFD')) {
    const mark = TONE_ALIASES[char] ?? char;
    if (TONE_MARKS.has(mark)) {
      tone = mark;
      tones += 1;
      toneAt = letters.length - 1;
    } else if (/\p{M}/u.test(mark) && letters.length) {
      letters[letters.length - 1]!.shape += mark;
    } else {
      letters.push({ base: char, shape: '' });
    }
  }
  if (tones !== 1) return word.normalize('NFC');
  const target = toneTarget(letters, toneAt);
  if (target === undefined) return word.normalize('NFC');
  return letters.map((l, i) => l.base + l.shape + (i === target ? tone : '')).join('').normalize('NFC');
}

function isVowel(letter: Letter | undefined): boolean {
  return letter !== undefined && VOWELS.has(letter.base.toLowerCase());
}

function toneTarget(letters: Letter[], toneAt: number): number | undefined {
  const lower = letters.map((l) => l.base.toLowerCase());
  let start = 0;
  while (start < letters.length && !isVowel(letters[start])) start += 1;
  if (start > 0 && lower[start - 1] === 'q' && lower[start] === 'u' && isVowel(letters[start + 1])) start += 1;
  if (start === 1 && lower[0] === 'g' && lower[1] === 'i' && !letters[1]!.shape && isVowel(letters[2])) start += 1;
  let end = start;
  while (end < letters.length && isVowel(letters[end])) end += 1;
  const length = end - start;
  if (length === 0 || length > 3 || toneAt < start - 1 || toneAt >= end) return undefined;
  for (let i = end; i < letters.length; i += 1) if (isVowel(letters[i])) return undefined;
  for (let i = end - 1; i >= start; i -= 1) if (letters[i]!.shape) return i; // ươ → ơ, iê → ê, uâ → â
  if (end < letters.length) return end - 1; // closed syllable: hoàng, huỳnh, toán
  if (length === 3) return start + 1; // ngoài, khuỷu, xoáy
  return start; // open: hòa, thủy, khỏe, mùa, tài (old style puts oa/oe/uy on the first vowel)
}

function foldVietnamese(text: string): string {
  if (text.length > 32) return foldText(text);
  let folded = foldCache.get(text);
  if (folded === undefined) {
    folded = foldText(text);
    if (foldCache.size >= CACHE_LIMIT) foldCache.clear();
    foldCache.set(text, folded);
  }
  return folded;
}

function foldText(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

interface SourceToken {
  start: number;
  end: number;
  originalStart: number;
  originalEnd: number;
  norm: string;
}

function tokenize(text: string): { source: string; tokens: SourceToken[] } {
  const prepared = prepareSource(text);
  const source = prepared.text;
  const tokens: SourceToken[] = [];
  for (const match of source.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    const original = originalRange(prepared, start, end);
    tokens.push({ start, end, originalStart: original.start, originalEnd: original.end, norm: canonicalToneMarks(match[0].toLowerCase()) });
  }
  return { source, tokens };
}

interface MatchToken {
  norm: string;
  fold: string;
  source: number;
}

function matchTokens(tokens: readonly SourceToken[]): MatchToken[] {
  const out: MatchToken[] = [];
  tokens.forEach((token, source) => {
    for (const norm of expandTeencode(token.norm) ?? [token.norm]) out.push({ norm, fold: foldVietnamese(norm), source });
  });
  return out;
}

function decodeHtmlEntity(reference: string): string | undefined {
  const decoded = decodeHtmlEntities(reference);
  return decoded === reference ? undefined : decoded;
}

function expandTeencode(token: string): string[] | undefined {
  const expansion = teencode[token];
  return expansion === undefined ? undefined : expansion.split(' ');
}

// ---- Generated input ----

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];
const NUCLEI = 'a ă â e ê i o ô ơ u ư y oa oe uy uê ua ia ưa iê ươ uô yê oai uya ươi uôi oay uyê ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu iêu yêu ươu uây'.split(' ');
const CODAS = ['', '', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'];
// The five tones, their deprecated aliases and none.
const TONES = ['', '', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0340', '\u0341'];
const PIECES = [
  ...Object.keys(teencode), 'K', 'DC', 'Ko', 'shopee', 'ok', 'kg', '5kg', '120.000đ', '2024', 'café', 'ĐỒNG',
  '<p>', '</p>', '<b class="x">', '<br/>', '<script>var a = "<p>";</script>', '<style>p{}</style>', '<!-- c -->', '<div\nid=a>', '< 5', '<', '>', '</',
  '&amp;', '&AMP;', '&agrave;', '&Agrave;', '&#7863;', '&#x1ED3;', '&#X1ed3;', '&nbsp;', '&zwnj;', '&shy;', '&unknown;', '&#0;', '&#xD800;', '&#128512;', '&#769;', '&', '&#', '&#x;',
  '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '😀', '👍🏽', '𝐀𝐁', '𠀀', '\u{1D167}', '\u{E0100}',
  '\ud800', '\udc00', '\udbff', '\udfff\ud800', '\u0301', '\u0344', '\u2126', '\ufb2c', '\u1100\u1161', '\u0958', 'e\u0301\u0301', '\u212b', 'ﬁ', 'Ⅻ', '٣', '\u0e01\u0e34', 'İ', 'ẞ', `a${'\u0301'.repeat(300)}`,
  `${'\u0301'.repeat(40)}\u{1D167}`, 'Nghiêng'.repeat(200), '&#xFFFF;', '&#1114111;', '&#99999999;', '&Eacute;', '&ecirc', '&#x110000;',
];
const SEPARATORS = ['', ' ', ' ', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', ',', '.', '!', '?', '«', '»', '—', '…', '"', "'", '-', '_', '/', '(', ')'];

function syllable(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const letters = [...`${pick(ONSETS)}${pick(NUCLEI)}${pick(CODAS)}`.normalize('NFD')];
  // The tone after a random vowel: old style, new style or a wrong place.
  const vowels = letters.flatMap((l, i) => (/[aeiouy]/.test(l) ? [i] : []));
  const tone = pick(TONES);
  let at = vowels.length ? pick(vowels) : -1;
  while (at >= 0 && /\p{M}/u.test(letters[at + 1] ?? '')) at += 1;
  let word = letters.map((l, i) => (i === at ? l + tone : l)).join('');
  const form = next();
  word = form < 0.6 ? word.normalize('NFC') : form < 0.9 ? word.normalize('NFD') : word;
  const cased = next();
  return cased < 0.7 ? word : cased < 0.9 ? word.charAt(0).toUpperCase() + word.slice(1) : word.toUpperCase();
}

function generatedText(next: () => number): string {
  const pieces = Math.floor(next() * 40);
  let text = '';
  for (let i = 0; i < pieces; i += 1) {
    const kind = next();
    if (kind < 0.6) text += syllable(next);
    else if (kind < 0.95) text += PIECES[Math.floor(next() * PIECES.length)];
    else text += syllable(next).repeat(1 + Math.floor(next() * 24));
    text += SEPARATORS[Math.floor(next() * SEPARATORS.length)];
  }
  return text;
}

/**
 * JSON first (it keeps key order and escapes lone surrogates, and is ~100× faster than a deep equality
 * over thousands of texts); the deep equality only runs, for its readable diff, when the JSON differs.
 */
function sameValue(got: unknown, want: unknown): void {
  if (JSON.stringify(got) !== JSON.stringify(want)) expect(got).toStrictEqual(want);
}

function expectSame(text: string, next: () => number): void {
  const want = tokenize(text);
  const got = current.tokenize(text);
  sameValue(got, want);
  sameValue(current.matchTokens(got.tokens), matchTokens(want.tokens));
  const ref = prepareSource(text);
  const source = currentSource.prepareSource(text);
  expect(source.text).toBe(ref.text);
  // Joined: a deep equality over thousands of numbers per input would dominate the test's time.
  expect(Array.from(source.offsets).join()).toBe(ref.offsets.join());
  expect(source.offsets.length).toBe(ref.offsets.length);
  for (let k = 0; k < 4; k += 1) {
    const a = Math.floor(next() * (ref.text.length + 1));
    const b = Math.floor(next() * (ref.text.length + 1));
    const [start, end] = a <= b ? [a, b] : [b, a];
    expect(currentSource.originalRange(source, start, end)).toStrictEqual(originalRange(ref, start, end));
  }
}

describe('tokenize and matchTokens equal the frozen reference', () => {
  it('on generated Vietnamese with tags, entities, teencode, NFD, odd and broken Unicode', () => {
    const next = random(20240611);
    expectSame('', next);
    for (let i = 0; i < 2000; i += 1) expectSame(generatedText(next), next);
  });

  it('on every piece alone, glued to a word and after a word', () => {
    const next = random(7);
    for (const piece of [...PIECES, ...SEPARATORS]) for (const text of [piece, `${piece}hòa`, `thuỷ${piece}`, `a${piece}\u0301`]) expectSame(text, next);
  });

  it('without the crash on "constructor" (an Object.prototype key the old teencode look-up returned)', () => {
    const { tokens } = current.tokenize('The constructor');
    expect(() => matchTokens(tokens)).toThrow(TypeError);
    expect(current.matchTokens(tokens)).toStrictEqual([{ norm: 'the', fold: 'the', source: 0 }, { norm: 'constructor', fold: 'constructor', source: 1 }]);
  });

  const helpDirs = [
    fileURLToPath(new URL('../../data/bench/corpus/libreoffice-help-vi/usr/share/libreoffice/help/vi/text', import.meta.url)),
    '/usr/share/libreoffice/help/vi/text',
  ].filter((dir) => existsSync(dir));

  // The bench corpus (scripts/bench/text-quality.corpus.ts) when present: real HTML, its text and its NFD.
  it.skipIf(!helpDirs.length)('on real Vietnamese help pages', () => {
    const files = (readdirSync(helpDirs[0]!, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort();
    const next = random(11);
    for (const file of files.filter((_, i) => i % Math.ceil(files.length / 60) === 0)) {
      const html = readFileSync(`${helpDirs[0]}/${file}`, 'utf8');
      const text = currentSource.prepareSource(html).text.replace(/\s+/g, ' ');
      for (const input of [html, text, text.normalize('NFD')]) expectSame(input, next);
    }
  });
});
