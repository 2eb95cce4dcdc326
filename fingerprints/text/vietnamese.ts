import { expandTeencode } from './teencode.ts';
import { isWordCode } from './char-classes.ts';
import { mapsToItself, originalEnd as originalEndOf, prepareSource } from './text-source.ts';

/**
 * Vietnamese text normalisation for matching (DESIGN.md §4, §7). Two forms of every word are kept:
 * - normalised: entities decoded, NFC, lowercase, ONE tone-mark placement — the "old style" (kiểu cũ):
 *   hòa, thủy, khỏe, not hoà, thuỷ, khoẻ. Old style because it is what most keyboards (Unikey's default)
 *   produce, so most input is already canonical; the choice only matters for being one.
 * - folded: the normalised form with every mark stripped and đ→d (accent-less typing, "khong dau").
 * `'hoà' !== 'hòa'` even after NFC, which is why placement is canonicalised syllable by syllable.
 */

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
// Deprecated Unicode tone-mark duplicates some legacy converters emit.
const TONE_ALIASES: Record<string, string> = { '\u0340': '\u0300', '\u0341': '\u0301' };
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

interface Letter {
  base: string;
  /** Non-tone marks that change the vowel itself: circumflex, breve, horn. */
  shape: string;
}

/**
 * Moves a syllable's single tone mark to its canonical (old-style) vowel; case is kept. Words without a
 * tone mark, with several (not a Vietnamese syllable) or with an odd vowel cluster are returned as NFC.
 */
export function canonicalToneMarks(word: string): string {
  let canonical = toneCache.get(word);
  if (canonical === undefined) {
    canonical = placeTone(word);
    if (toneCache.size >= CACHE_LIMIT) toneCache.clear();
    toneCache.set(word, canonical);
  }
  return canonical;
}

/** A language has a few thousand syllables: memoised, bounded so hostile input cannot grow it forever. */
const CACHE_LIMIT = 100_000;
const toneCache = new Map<string, string>();
const foldCache = new Map<string, string>();
/** Per norm: its match tokens' norm and fold (teencode expanded). */
const matchCache = new Map<string, readonly { norm: string; fold: string }[]>();
/** Longer "words" (base64, URLs run together) are rare and would only fill the caches. */
const CACHED_WORD_LENGTH = 64;
const ASCII = /^[\x00-\x7f]*$/;
const MARK = /\p{M}/u;

function placeTone(word: string): string {
  // NFD of ASCII is itself: no tone mark, so the word is returned as is (its NFC).
  if (ASCII.test(word)) return word;
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
    } else if (MARK.test(mark) && letters.length) {
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

/** Canonical index for the tone, or undefined when the word is not one Vietnamese syllable (café, mã-xíp). */
function toneTarget(letters: Letter[], toneAt: number): number | undefined {
  const lower = letters.map((l) => l.base.toLowerCase());
  let start = 0;
  while (start < letters.length && !isVowel(letters[start])) start += 1;
  // "qu" and "gi" + vowel are initial consonants: quả, giữ (but gì, gìn keep their i as the vowel).
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

/** Strips every combining mark and maps đ→d, Đ→D; case is kept. */
export function foldVietnamese(text: string): string {
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
  if (ASCII.test(text)) return text;
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** Tags out, entities decoded, NFC: the text that token offsets refer to (text-source.ts). */
export function prepareText(text: string): string {
  return prepareSource(text).text;
}

export interface SourceToken {
  /** Offsets in prepareText(text). */
  start: number;
  end: number;
  /** Offsets of the same word in the text as given (before tags, entities and NFC were handled). */
  originalStart: number;
  originalEnd: number;
  /** Lowercase, tone-canonical. */
  norm: string;
}

/**
 * Words (letters, marks, digits) of a text with their offsets; punctuation, whitespace, line breaks and
 * tags separate words.
 */
export function tokenize(text: string): { source: string; tokens: SourceToken[] } {
  const prepared = prepareSource(text);
  const source = prepared.text;
  const offsets = mapsToItself(prepared) ? undefined : prepared.offsets;
  const tokens: SourceToken[] = [];
  const length = source.length;
  // What /[\p{L}\p{M}\p{N}]+/gu matches, found code point by code point with a class table, each word
  // hashed on the way so its norm is looked up without cutting it out of the text.
  let start = -1;
  let hash = 0;
  for (let i = 0; i <= length; ) {
    let word = false;
    let size = 1;
    let c = 0;
    if (i < length) {
      c = source.charCodeAt(i);
      let code = c;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < length) {
        const low = source.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          size = 2;
        }
      }
      word = isWordCode(code);
    }
    if (word) {
      if (start < 0) {
        start = i;
        hash = 0;
      }
      hash = (Math.imul(hash, 31) + c) | 0;
      if (size === 2) hash = (Math.imul(hash, 31) + source.charCodeAt(i + 1)) | 0;
    } else if (start >= 0) {
      // Identity offsets give the same range back (originalRange's rule for end > start).
      const originalStart = offsets ? offsets[start]! : start;
      const originalEnd = offsets ? originalEndOf(offsets, start, i) : i;
      tokens.push({ start, end: i, originalStart, originalEnd, norm: normAt(source, start, i, hash) });
      start = -1;
    }
    i += size;
  }
  return { source, tokens };
}

/**
 * Word as written → norm, looked up straight in the source: a hit compares char codes with the stored
 * word, so a repeated word costs no substring, no string hashing, no lowercasing and no tone work.
 * Open addressing; emptied when half full, so hostile text cannot grow it.
 */
const WORD_SLOTS = 1 << 16;
const wordKeys = new Array<string | undefined>(WORD_SLOTS).fill(undefined);
const wordNorms = new Array<string>(WORD_SLOTS).fill('');
let wordCount = 0;

function normAt(source: string, start: number, end: number, hash: number): string {
  const length = end - start;
  if (length > CACHED_WORD_LENGTH) return canonicalToneMarks(source.slice(start, end).toLowerCase());
  let slot = hash & (WORD_SLOTS - 1);
  for (let key = wordKeys[slot]; key !== undefined; key = wordKeys[slot]) {
    if (key.length === length && sameChars(key, source, start)) return wordNorms[slot]!;
    slot = (slot + 1) & (WORD_SLOTS - 1);
  }
  // A copy: V8 substrings of 13+ characters point into their parent, and a cached word must not keep a
  // whole crawled page alive.
  const word = length < 13 ? source.slice(start, end) : source.slice(start, end).split('').join('');
  const norm = canonicalToneMarks(word.toLowerCase());
  if (wordCount >= WORD_SLOTS / 2) {
    wordKeys.fill(undefined);
    wordCount = 0;
    slot = hash & (WORD_SLOTS - 1);
  }
  wordKeys[slot] = word;
  wordNorms[slot] = norm;
  wordCount += 1;
  return norm;
}

function sameChars(key: string, source: string, at: number): boolean {
  for (let k = 0; k < key.length; k += 1) if (key.charCodeAt(k) !== source.charCodeAt(at + k)) return false;
  return true;
}

/** Lowercase, NFC, canonical tone marks, entities decoded, punctuation dropped, single spaces. */
export function normalizeVietnamese(text: string): string {
  return tokenize(text).tokens.map((t) => t.norm).join(' ');
}

export interface MatchToken {
  norm: string;
  fold: string;
  /** Index of the source token it came from (a teencode expansion yields several from one). */
  source: number;
}

/** The tokens compared by the matcher: teencode expanded, each with its normalised and folded form. */
export function matchTokens(tokens: readonly SourceToken[]): MatchToken[] {
  const out: MatchToken[] = [];
  for (let source = 0; source < tokens.length; source += 1) {
    const forms = matchFormsOf(tokens[source]!.norm);
    for (let k = 0; k < forms.length; k += 1) out.push({ norm: forms[k]!.norm, fold: forms[k]!.fold, source });
  }
  return out;
}

function matchFormsOf(token: string): readonly { norm: string; fold: string }[] {
  let forms = token.length > CACHED_WORD_LENGTH ? undefined : matchCache.get(token);
  if (forms === undefined) {
    forms = (expandTeencode(token) ?? [token]).map((norm) => ({ norm, fold: foldVietnamese(norm) }));
    if (token.length > CACHED_WORD_LENGTH) return forms;
    if (matchCache.size >= CACHE_LIMIT) matchCache.clear();
    matchCache.set(token, forms);
  }
  return forms;
}

/** Folded, teencode-expanded words of a text: the comparison key for accent-less and chat-style copies. */
export function foldedWords(text: string): string[] {
  return matchTokens(tokenize(text).tokens).map((t) => t.fold);
}
