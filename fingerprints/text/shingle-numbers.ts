import { MAX_POSITIONS_PER_SHINGLE, SHINGLE_WORDS } from './shingles.ts';
import type { PreparedText } from './text-similarity.ts';

/**
 * Registered shingles as integers. A page used to build ~1 000 shingle strings and look each up in a
 * Map keyed by strings (concatenated, so flattened and hashed on every look-up) and to hold them in
 * a Map of its own: most of a page's matching time and garbage. Here a word is numbered once (folded
 * words come from the tokenizer's caches, so their hashes are already computed), a shingle is the
 * triple of its word numbers in an open-addressing table, and a page's positions live in reused typed
 * arrays. Equal folded triples are equal shingle strings: folded words hold no space.
 */

const EMPTY = -1;
/**
 * Ints per shingle number in the array ShingleIndex and ShingleScan share (one cache line per shingle a
 * page holds): the scan's stamp, first and last position and positions kept, then where the shingle's
 * postings are and whether it is common (shingle-postings.ts).
 */
export const INFO = 8;
const INFO_STAMP = 0;
const INFO_FIRST = 1;
const INFO_LAST = 2;
const INFO_KEPT = 3;
export const INFO_POST_FROM = 4;
export const INFO_POST_TO = 5;
export const INFO_COMMON = 6;

/** Set on a shingle number where a registered text stores it and it is common (see ShingleIndex). */
export const COMMON_FLAG = 1 << 30;
/** `next` of a position past a shingle's first MAX_POSITIONS_PER_SHINGLE: not one of its positions. */
export const DROPPED = -2;

function hashTriple(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(c + 0x165667b1, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

export class ShingleNumbers {
  private readonly words = new Map<string, number>();
  /** Per slot: word a, word b, word c, shingle number (EMPTY: free slot). */
  private slots = new Int32Array(4 * 1024).fill(EMPTY);
  private mask = 1023;
  size = 0;

  /** The number of a folded word; a new one when `add`, else EMPTY for a word no registered text holds. */
  word(fold: string, add: boolean): number {
    const known = this.words.get(fold);
    if (known !== undefined || !add) return known ?? EMPTY;
    const number = this.words.size;
    this.words.set(fold, number);
    return number;
  }

  /** The number of the shingle (a, b, c); a new one when `add`, else EMPTY. */
  shingle(a: number, b: number, c: number, add: boolean): number {
    const slots = this.slots;
    for (let s = hashTriple(a, b, c) & this.mask; ; s = (s + 1) & this.mask) {
      const at = s * 4;
      const number = slots[at + 3]!;
      if (number === EMPTY) break;
      if (slots[at] === a && slots[at + 1] === b && slots[at + 2] === c) return number;
    }
    if (!add) return EMPTY;
    if ((this.size + 1) * 2 > this.mask + 1) this.rehash();
    let s = hashTriple(a, b, c) & this.mask;
    while (this.slots[s * 4 + 3] !== EMPTY) s = (s + 1) & this.mask;
    this.slots.set([a, b, c, this.size], s * 4);
    return this.size++;
  }

  private rehash(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array(4 * (this.mask + 1)).fill(EMPTY);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 3] === EMPTY) continue;
      let s = hashTriple(old[at]!, old[at + 1]!, old[at + 2]!) & this.mask;
      while (this.slots[s * 4 + 3] !== EMPTY) s = (s + 1) & this.mask;
      this.slots.set(old.subarray(at, at + 4), s * 4);
    }
  }

  /**
   * The shingle number at every word position of a text (EMPTY past the end, across a field break, or
   * for a shingle not registered when not `add`), written into `out` (grown when short).
   */
  numberText(text: PreparedText, add: boolean, out: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
    const words = text.words;
    const n = words.length;
    if (out.length < n + 1) out = new Int32Array(Math.max(n + 1, out.length * 2));
    for (let i = 0; i < n; i += 1) out[i] = words[i]!.source < 0 ? EMPTY : this.word(words[i]!.fold, add);
    for (let i = 0; i < n; i += 1) {
      const a = out[i]!;
      const b = i + 1 < n ? out[i + 1]! : EMPTY;
      const c = i + 2 < n ? out[i + 2]! : EMPTY;
      out[i] = a === EMPTY || b === EMPTY || c === EMPTY ? EMPTY : this.shingle(a, b, c, add);
    }
    out[n] = EMPTY;
    return out;
  }
}

/**
 * One text's shingles by number, in reused arrays: which are present (a generation stamp, so nothing is
 * cleared between texts), in order of first occurrence, and each one's positions ascending, at most
 * MAX_POSITIONS_PER_SHINGLE of them (exactly what shinglePositions keeps).
 */
export class ShingleScan {
  private info: Int32Array = new Int32Array(0);
  private stamp = 0;
  /** Per position: the next position of the same shingle (EMPTY: last; DROPPED: not kept). */
  next = new Int32Array(1024);
  /** Shingle numbers present, in order of first occurrence; `count` of them. */
  order = new Int32Array(1024);
  count = 0;
  /** Shingle number at each position of the text scanned. */
  numbers = new Int32Array(1024);
  length = 0;

  /** Scans a text, keeping its state in `info` (INFO ints per shingle number of `table`). */
  scan(table: ShingleNumbers, text: PreparedText, info: Int32Array): void {
    this.info = info;
    if (++this.stamp === 0x7fffffff) {
      for (let at = INFO_STAMP; at < info.length; at += INFO) info[at] = 0;
      this.stamp = 1;
    }
    const n = text.words.length;
    this.numbers = table.numberText(text, false, this.numbers);
    if (this.next.length < n) this.next = new Int32Array(Math.max(n, this.next.length * 2));
    if (this.order.length < n) this.order = new Int32Array(Math.max(n, this.order.length * 2));
    const { numbers, next, order, stamp } = this;
    let count = 0;
    for (let i = 0; i + SHINGLE_WORDS <= n; i += 1) {
      const number = numbers[i]!;
      if (number === EMPTY) continue;
      const at = number * INFO;
      next[i] = DROPPED;
      if (info[at + INFO_STAMP] !== stamp) {
        next[i] = EMPTY;
        info[at + INFO_STAMP] = stamp;
        info[at + INFO_FIRST] = i;
        info[at + INFO_LAST] = i;
        info[at + INFO_KEPT] = 1;
        order[count++] = number;
      } else if (info[at + INFO_KEPT]! < MAX_POSITIONS_PER_SHINGLE) {
        next[i] = EMPTY;
        next[info[at + INFO_LAST]!] = i;
        info[at + INFO_LAST] = i;
        info[at + INFO_KEPT]! += 1;
      }
    }
    this.count = count;
    this.length = n;
  }

  /** Whether the shingle at a position (numbers[position]) is one of its positions kept. */
  kept(position: number): boolean {
    return this.next[position] !== DROPPED;
  }

  /** First position of a shingle in the text scanned, EMPTY when absent; later ones follow `next`. */
  first(number: number): number {
    const at = number * INFO;
    return this.info[at + INFO_STAMP] === this.stamp ? this.info[at + INFO_FIRST]! : EMPTY;
  }
}
