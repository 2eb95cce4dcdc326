/**
 * Symmetric-deletion index (the SymSpell idea) over short letter strings, for "which registered names
 * are within k edits of this piece of text". If two strings are within k edits (insertions, deletions,
 * substitutions, swaps of neighbours), deleting at most k letters from each makes them equal: a
 * substitution or a swap is one deletion on each side. So every name is stored under the hashes of all
 * its ≤ k-deletion variants, and a query looks up its own variants: no false negatives, and false
 * positives (hash collisions, variants equal by chance) are left to the exact check that follows.
 *
 * Hashes, not strings: the variants of a window of a longer text are computed from prefix hashes of
 * that text in O(1) each, so looking up every word window of a listing title allocates nothing.
 */

const BASE = 0x01000193;

/** Polynomial prefix hashes of a text (mod 2³²) and powers of the base, for O(1) substring hashes. */
export class PrefixHashes {
  readonly prefix: Int32Array;
  readonly power: Int32Array;

  constructor(readonly text: string) {
    this.prefix = new Int32Array(text.length + 1);
    this.power = new Int32Array(text.length + 1);
    this.power[0] = 1;
    for (let i = 0; i < text.length; i += 1) {
      this.prefix[i + 1] = (Math.imul(this.prefix[i]!, BASE) + text.charCodeAt(i) + 1) | 0;
      this.power[i + 1] = Math.imul(this.power[i]!, BASE);
    }
  }

  /** Hash of text[a, b). */
  range(a: number, b: number): number {
    return (this.prefix[b]! - Math.imul(this.prefix[a]!, this.power[b - a]!)) | 0;
  }

  /** Hash of text[a, b) with the letters at `skip1` and `skip2` (absolute offsets; −1 for none) left out. */
  variant(a: number, b: number, skip1: number, skip2: number): number {
    if (skip1 < 0) return finish(this.range(a, b), b - a);
    if (skip2 < 0) return finish((Math.imul(this.range(a, skip1), this.power[b - skip1 - 1]!) + this.range(skip1 + 1, b)) | 0, b - a - 1);
    let h = Math.imul(this.range(a, skip1), this.power[skip2 - skip1 - 1]!) + this.range(skip1 + 1, skip2);
    h = (Math.imul(h | 0, this.power[b - skip2 - 1]!) + this.range(skip2 + 1, b)) | 0;
    return finish(h, b - a - 2);
  }
}

/** Length mixed in, so "ab" and a longer string whose hash wraps to the same value stay apart. */
function finish(hash: number, length: number): number {
  return (hash ^ Math.imul(length + 1, 0x9e3779b1)) | 0;
}

/** Calls `visit` with the hash of every variant of text[a, b) with at most `k` (≤ 2) letters deleted. */
export function forEachVariant(hashes: PrefixHashes, a: number, b: number, k: number, visit: (hash: number, deleted: number) => void): void {
  visit(hashes.variant(a, b, -1, -1), 0);
  if (k < 1) return;
  for (let i = a; i < b; i += 1) {
    // Deleting either of two equal neighbours gives the same variant: visit it once.
    if (i > a && hashes.text.charCodeAt(i) === hashes.text.charCodeAt(i - 1)) continue;
    visit(hashes.variant(a, b, i, -1), 1);
    if (k < 2) continue;
    for (let j = i + 1; j < b; j += 1) {
      if (j > i + 1 && hashes.text.charCodeAt(j) === hashes.text.charCodeAt(j - 1)) continue;
      visit(hashes.variant(a, b, i, j), 2);
    }
  }
}

export const MAX_DELETIONS = 2;

/**
 * Open addressing over typed arrays, filled once (at the first query): a query probes ~n²/2 variant
 * hashes per window, so a Map lookup with its boxing was most of a title's cost.
 */
interface Table {
  /**
   * One bit per hash, in a bitset small enough to stay in cache: nearly every probe is a miss, and
   * the slots below (tens of MB at 10 k names) would cost a cache miss each.
   */
  bits: Int32Array;
  bitShift: number;
  mask: number;
  /** Per slot [hash, first entry, entry count]; count 0 = empty. One cache line per probe. */
  slots: Int32Array;
  entries: Int32Array;
  /** Per entry: allowed edits << 16 | length. */
  meta: Int32Array;
  /** Per entry, the last query that visited it: a name close to a window matches many of its variants. */
  visited: Int32Array;
}

/** murmur3's finaliser: polynomial hashes of near strings differ in few bits, which linear probing hates. */
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function slotOf(hash: number, mask: number): number {
  return mix(hash) & mask;
}

export class DeletionIndex {
  private pairs: number[] = [];
  private table: Table | undefined;
  private readonly lengths: number[] = [];
  private readonly edits: number[] = [];
  /** For each text length W, the most edits any stored name a W-letter text could be close to allows. */
  private editsByLength: number[] = [];
  private queries = 0;

  get size(): number {
    return this.lengths.length;
  }

  /** Stores `letters` as entry number `size`, findable within `k` (≤ MAX_DELETIONS) edits. */
  add(letters: string, k: number): number {
    if (k > MAX_DELETIONS) throw new RangeError(`at most ${MAX_DELETIONS} edits, not ${k}`);
    const entry = this.lengths.length;
    this.lengths.push(letters.length);
    this.edits.push(k);
    const seen = new Set<number>();
    forEachVariant(new PrefixHashes(letters), 0, letters.length, k, (hash) => {
      if (seen.has(hash)) return;
      seen.add(hash);
      this.pairs.push(hash, entry);
    });
    for (let w = Math.max(0, letters.length - k); w <= letters.length + k; w += 1) {
      while (this.editsByLength.length <= w) this.editsByLength.push(-1);
      this.editsByLength[w] = Math.max(this.editsByLength[w]!, k);
    }
    this.table = undefined;
    return entry;
  }

  /** The longest text that can be within its edits of some stored name. */
  get maxLength(): number {
    return this.editsByLength.length - 1;
  }

  private seal(): Table {
    if (this.table) return this.table;
    const pairs = this.pairs;
    let capacity = 16;
    while (capacity < pairs.length) capacity *= 2; // pairs.length / 2 hashes at most: load ≤ ½
    const mask = capacity - 1;
    const slots = new Int32Array(capacity * 3);
    const slotOfPair = new Int32Array(pairs.length / 2);
    for (let p = 0; p < pairs.length; p += 2) {
      let slot = slotOf(pairs[p]!, mask);
      while (slots[slot * 3 + 2] && slots[slot * 3] !== pairs[p]) slot = (slot + 1) & mask;
      slots[slot * 3] = pairs[p]!;
      slots[slot * 3 + 2]! += 1;
      slotOfPair[p / 2] = slot;
    }
    for (let slot = 0, at = 0; slot < capacity; slot += 1) {
      slots[slot * 3 + 1] = at;
      at += slots[slot * 3 + 2]!;
    }
    const fill = new Int32Array(capacity);
    const entries = new Int32Array(pairs.length / 2);
    for (let p = 0; p < pairs.length; p += 2) {
      const slot = slotOfPair[p / 2]!;
      entries[slots[slot * 3 + 1]! + fill[slot]!++] = pairs[p + 1]!;
    }
    // ~7 bits per hash, 512 KB at 10 k names: small enough for a core's L2, which measured faster than
    // twice the bits (fewer false hits, but a cache miss per probe).
    let logBits = 10;
    while (1 << logBits < pairs.length * 2 && logBits < 30) logBits += 1;
    const bits = new Int32Array((1 << logBits) >>> 5);
    const bitShift = 32 - logBits;
    for (let p = 0; p < pairs.length; p += 2) {
      const bit = mix(pairs[p]!) >>> bitShift;
      bits[bit >>> 5]! |= 1 << (bit & 31);
    }
    const meta = Int32Array.from(this.lengths, (length, entry) => (this.edits[entry]! << 16) | length);
    return (this.table = { bits, bitShift, mask, slots, entries, meta, visited: new Int32Array(this.lengths.length) });
  }

  /**
   * Entries possibly within their own edit budget of text[a, b) (hashes over a longer text), each
   * visited once.
   */
  query(hashes: PrefixHashes, a: number, b: number, visit: (entry: number) => void): void {
    const length = b - a;
    const k = this.editsByLength[length] ?? -1;
    if (k < 0) return;
    const table = this.seal();
    this.queries = (this.queries + 1) | 0 || 1;
    const { text, power, prefix } = hashes;
    const { bits, bitShift } = table;
    // Inlined prefix-hash arithmetic (PrefixHashes.range/variant): this loop runs ~n²/2 times a window.
    const whole = (prefix[b]! - Math.imul(prefix[a]!, power[length]!)) | 0;
    this.probe(table, finish(whole, length), length, 0, visit);
    if (k < 1) return;
    const tag1 = Math.imul(length, 0x9e3779b1);
    const tag2 = Math.imul(length - 1, 0x9e3779b1);
    for (let i = a; i < b; i += 1) {
      // Deleting either of two equal neighbours gives the same variant: probe it once.
      if (i > a && text.charCodeAt(i) === text.charCodeAt(i - 1)) continue;
      const left = (prefix[i]! - Math.imul(prefix[a]!, power[i - a]!)) | 0;
      const right = (prefix[b]! - Math.imul(prefix[i + 1]!, power[b - i - 1]!)) | 0;
      const one = ((Math.imul(left, power[b - i - 1]!) + right) | 0) ^ tag1;
      let bit = mix(one) >>> bitShift;
      if (bits[bit >>> 5]! & (1 << (bit & 31))) this.probe(table, one, length, 1, visit);
      if (k < 2) continue;
      // middle: hash of text[a, j) without i, carried from one j to the next.
      let middle = left;
      let previousCode = -1;
      for (let j = i + 1; j < b; j += 1) {
        const code = text.charCodeAt(j);
        const skip = j > i + 1 && code === previousCode;
        previousCode = code;
        if (skip) {
          middle = (Math.imul(middle, BASE) + code + 1) | 0;
          continue;
        }
        const tail = (prefix[b]! - Math.imul(prefix[j + 1]!, power[b - j - 1]!)) | 0;
        const two = ((Math.imul(middle, power[b - j - 1]!) + tail) | 0) ^ tag2;
        bit = mix(two) >>> bitShift;
        if (bits[bit >>> 5]! & (1 << (bit & 31))) this.probe(table, two, length, 2, visit);
        middle = (Math.imul(middle, BASE) + code + 1) | 0;
      }
    }
  }

  private probe(table: Table, hash: number, length: number, deleted: number, visit: (entry: number) => void): void {
    const { slots, mask } = table;
    for (let slot = slotOf(hash, mask); slots[slot * 3 + 2]; slot = (slot + 1) & mask) {
      if (slots[slot * 3] !== hash) continue;
      const end = slots[slot * 3 + 1]! + slots[slot * 3 + 2]!;
      for (let e = slots[slot * 3 + 1]!; e < end; e += 1) {
        const entry = table.entries[e]!;
        if (table.visited[entry] === this.queries) continue;
        const meta = table.meta[entry]!;
        const k = meta >>> 16;
        if (deleted <= k && Math.abs((meta & 0xffff) - length) <= k) {
          table.visited[entry] = this.queries;
          visit(entry);
        }
      }
      return;
    }
  }
}
