import { decodeHtmlEntity } from './html-entities.ts';

/**
 * The readable text of a candidate as given (plain text or HTML pasted into a description), with the
 * offset in the ORIGINAL of every character, so matched spans can point into what was crawled:
 * - `<script>`/`<style>` blocks and comments dropped, every other tag replaced by a space (a tag
 *   separates words: "<p>a</p><p>b</p>" is two words, not "ab");
 * - HTML character references decoded;
 * - NFC, cluster by cluster (a base letter with its combining marks), so NFD input maps back exactly;
 * - soft hyphens and zero-width characters dropped (they split words invisibly).
 */

export interface SourceText {
  text: string;
  /** offsets[i]: offset in the original of text[i]; offsets[text.length]: the original's length. */
  offsets: number[];
}

const TAG = /<(?:!--[\s\S]*?-->|(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|\/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?\/?>)/y;
const REFERENCE = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const INVISIBLE = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/;
const MARK = /\p{M}/u;

const INVISIBLE_ANY = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/;

export function prepareSource(original: string): SourceText {
  // Most text is plain NFC already: identity offsets, no per-character work.
  if (!original.includes('<') && !original.includes('&') && !INVISIBLE_ANY.test(original) && original.normalize('NFC') === original) {
    const offsets = new Array<number>(original.length + 1);
    for (let i = 0; i <= original.length; i += 1) offsets[i] = i;
    return { text: original, offsets };
  }
  // Pass 1: tags and references out, each output character remembering where it came from.
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
    // Keep surrogate pairs together so a code point maps to one offset.
    const code = original.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    if (!INVISIBLE.test(char)) {
      chars.push(char);
      from.push(i);
    }
    i += char.length;
  }
  // Pass 2: NFC per cluster (base + following combining marks), mapped to the cluster's first offset.
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

/** Original [start, end) of source characters [start, end). */
export function originalRange(source: SourceText, start: number, end: number): { start: number; end: number } {
  const last = end > start ? source.offsets[end - 1]! : source.offsets[start]!;
  // The end is just past the original of the last character: its next mapped offset, or the input's end.
  let next = source.offsets[source.offsets.length - 1]!;
  for (let i = end; i < source.offsets.length; i += 1) {
    if (source.offsets[i]! > last) {
      next = source.offsets[i]!;
      break;
    }
  }
  return { start: source.offsets[start]!, end: next };
}
