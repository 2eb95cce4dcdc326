import { Buffer } from 'node:buffer';
import { classesOf, isMarkCode, NFC_STABLE } from './char-classes.ts';
import { decodeHtmlEntity } from './html-entities.ts';

/**
 * The readable text of a candidate as given (plain text or HTML pasted into a description), with the
 * offset in the ORIGINAL of every character, so matched spans can point into what was crawled:
 * - `<script>`/`<style>` blocks and comments dropped, every other tag replaced by a space (a tag
 *   separates words: "<p>a</p><p>b</p>" is two words, not "ab");
 * - HTML character references decoded;
 * - NFC, cluster by cluster (a base letter with its combining marks), so NFD input maps back exactly;
 * - soft hyphens and zero-width characters dropped (they split words invisibly).
 * The matcher prepares hundreds of pages a second, so this is one pass over char codes into typed arrays,
 * with no string per character and ICU's normaliser called only on clusters that are not NFC already.
 */

export interface SourceText {
  text: string;
  /** offsets[i]: offset in the original of text[i]; offsets[text.length]: the original's length. */
  readonly offsets: Int32Array;
}

const TAG = /<(?:!--[\s\S]*?-->|(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|\/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?\/?>)/y;
const REFERENCE = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const INVISIBLE_ANY = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/;

/**
 * Plain NFC text (most input) maps to itself: its offsets are only built if someone reads them, since
 * originalRange answers for it without them.
 */
class IdentitySource implements SourceText {
  #offsets: Int32Array | undefined;

  constructor(readonly text: string) {}

  get offsets(): Int32Array {
    if (!this.#offsets) {
      const offsets = new Int32Array(this.text.length + 1);
      for (let i = 0; i < offsets.length; i += 1) offsets[i] = i;
      this.#offsets = offsets;
    }
    return this.#offsets;
  }
}

export function prepareSource(original: string): SourceText {
  if (!original.includes('<') && !original.includes('&') && !INVISIBLE_ANY.test(original) && isNfc(original)) {
    return new IdentitySource(original);
  }
  const chars = decodeChars(original);
  return composeClusters(chars, original.length);
}

/**
 * original.normalize('NFC') === original, without normalising a whole NFD page only to throw the result
 * away: an ASCII letter directly followed by a mark it composes with (a + ◌́ → á) never survives NFC (the
 * letter is a starter and never the second half of a composition), so such a pair proves "not NFC".
 */
function isNfc(original: string): boolean {
  const pair = COMPOSABLE_PAIR.exec(original);
  if (pair && pair[0].normalize('NFC').length === 1) return false;
  return original.normalize('NFC') === original;
}

const COMPOSABLE_PAIR = /[A-Za-z][\u0300-\u036f]/;

function isInvisible(code: number): boolean {
  return code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

/** Code points of the text with tags and references out, each with the offset it came from. */
interface DecodedChars {
  codes: Int32Array;
  from: Int32Array;
  count: number;
}

/**
 * Pass 1: a tag becomes one space, a reference its characters, an invisible character nothing; a
 * surrogate pair stays one code point so it maps to one offset. Never more code points than code units in.
 */
function decodeChars(original: string): DecodedChars {
  const length = original.length;
  const codes = new Int32Array(length);
  const from = new Int32Array(length);
  let count = 0;
  const mightBeHtml = original.includes('<') || original.includes('&');
  for (let i = 0; i < length; ) {
    const c = original.charCodeAt(i);
    if (mightBeHtml && c === 0x3c) {
      TAG.lastIndex = i;
      const tag = TAG.exec(original);
      if (tag) {
        codes[count] = 0x20;
        from[count++] = i;
        i += tag[0].length;
        continue;
      }
    }
    if (mightBeHtml && c === 0x26) {
      REFERENCE.lastIndex = i;
      const ref = REFERENCE.exec(original);
      const decoded = ref ? decodeHtmlEntity(ref[0]) : undefined;
      if (ref && decoded !== undefined) {
        // Decoded characters are kept even when invisible (&zwnj;, &shy;): they were written on purpose.
        for (let k = 0; k < decoded.length; ) {
          const code = decoded.codePointAt(k)!;
          codes[count] = code;
          from[count++] = i;
          k += code > 0xffff ? 2 : 1;
        }
        i += ref[0].length;
        continue;
      }
    }
    let code = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < length) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) code = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    }
    if (!isInvisible(code)) {
      codes[count] = code;
      from[count++] = i;
    }
    i += code > 0xffff ? 2 : 1;
  }
  return { codes, from, count };
}

/**
 * Cluster (code points) → NFC, looked up by a hash of its code points so a repeated cluster costs no
 * string building. NFD text has a few hundred distinct clusters; emptied when half full (hostile text).
 */
const CLUSTER_SLOTS = 1 << 12;
const clusterKeys = new Array<string | undefined>(CLUSTER_SLOTS).fill(undefined);
const clusterValues = new Array<string>(CLUSTER_SLOTS).fill('');
let clusterCount = 0;

function nfcOfCluster(codes: Int32Array, start: number, end: number): string {
  let hash = 0;
  let bmp = true;
  for (let k = start; k < end; k += 1) {
    hash = (Math.imul(hash, 31) + codes[k]!) | 0;
    if (codes[k]! > 0xffff) bmp = false;
  }
  // Astral or zalgo-long clusters are rare: normalised as they come, not cached.
  if (!bmp || end - start > 32) return codesToString(codes, start, end).normalize('NFC');
  let slot = hash & (CLUSTER_SLOTS - 1);
  for (let key = clusterKeys[slot]; key !== undefined; key = clusterKeys[slot]) {
    if (key.length === end - start && sameCodes(key, codes, start)) return clusterValues[slot]!;
    slot = (slot + 1) & (CLUSTER_SLOTS - 1);
  }
  const cluster = codesToString(codes, start, end);
  const nfc = cluster.normalize('NFC');
  if (clusterCount >= CLUSTER_SLOTS / 2) {
    clusterKeys.fill(undefined);
    clusterCount = 0;
    slot = hash & (CLUSTER_SLOTS - 1);
  }
  clusterKeys[slot] = cluster;
  clusterValues[slot] = nfc;
  clusterCount += 1;
  return nfc;
}

/** Chunked: one call with a million arguments would overflow the stack. */
function codesToString(codes: Int32Array, start: number, end: number): string {
  let text = '';
  for (let at = start; at < end; at += 4096) {
    text += String.fromCodePoint.apply(null, codes.subarray(at, Math.min(end, at + 4096)) as unknown as number[]);
  }
  return text;
}

function sameCodes(key: string, codes: Int32Array, at: number): boolean {
  for (let k = 0; k < key.length; k += 1) if (key.charCodeAt(k) !== codes[at + k]) return false;
  return true;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Growable UTF-16 output with one original offset per code unit. */
class Output {
  units: Uint16Array;
  offsets: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(capacity);
    this.offsets = new Int32Array(capacity + 1);
  }

  push(unit: number, offset: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    this.offsets[this.length++] = offset;
  }

  pushString(text: string, offset: number): void {
    for (let k = 0; k < text.length; k += 1) this.push(text.charCodeAt(k), offset);
  }

  private grow(): void {
    const units = new Uint16Array(this.units.length * 2 + 16);
    units.set(this.units);
    const offsets = new Int32Array(units.length + 1);
    offsets.set(this.offsets);
    this.units = units;
    this.offsets = offsets;
  }

  text(): string {
    // Node's utf16le decoding copies code units as they are, lone surrogates included (a TextDecoder
    // would replace them); Uint16Array holds host-order units, swapped on a big-endian host.
    const bytes = Buffer.from(this.units.buffer, 0, this.length * 2);
    return (LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap16()).toString('utf16le');
  }
}

/** Pass 2: NFC per cluster (base + following combining marks), every unit mapped to the cluster's first offset. */
function composeClusters({ codes, from, count }: DecodedChars, originalLength: number): SourceText {
  const out = new Output(count);
  for (let i = 0; i < count; ) {
    let j = i + 1;
    while (j < count && isMarkCode(codes[j]!)) j += 1;
    const code = codes[i]!;
    const offset = from[i]!;
    if (j === i + 1) {
      // A lone code point is its own NFC unless it is a singleton (Ω U+2126 → Ω U+03A9) or an exclusion.
      if (code < 0x300 || (code < 0x10000 && classesOf(code) & NFC_STABLE)) out.push(code, offset);
      else if (classesOf(code) & NFC_STABLE) out.pushString(String.fromCodePoint(code), offset);
      else out.pushString(String.fromCodePoint(code).normalize('NFC'), offset);
    } else {
      out.pushString(nfcOfCluster(codes, i, j), offset);
    }
    i = j;
  }
  const text = out.text();
  const offsets = out.offsets.subarray(0, out.length + 1);
  offsets[out.length] = originalLength;
  return { text, offsets };
}

/** True when the source is the input itself (offsets[i] === i): callers can skip originalRange. */
export function mapsToItself(source: SourceText): boolean {
  return source instanceof IdentitySource;
}

/** Original [start, end) of source characters [start, end). */
export function originalRange(source: SourceText, start: number, end: number): { start: number; end: number } {
  if (source instanceof IdentitySource && start >= 0 && start <= end && end <= source.text.length) {
    // What the general rule below gives for identity offsets.
    return { start, end: end > start ? end : Math.min(start + 1, source.text.length) };
  }
  return { start: source.offsets[start]!, end: originalEnd(source.offsets, start, end) };
}

/** originalRange(…).end without the object, for the tokenizer's loop. */
export function originalEnd(offsets: Int32Array, start: number, end: number): number {
  const last = end > start ? offsets[end - 1]! : offsets[start]!;
  // The end is just past the original of the last character: its next mapped offset, or the input's end.
  for (let i = end; i < offsets.length; i += 1) if (offsets[i]! > last) return offsets[i]!;
  return offsets[offsets.length - 1]!;
}
