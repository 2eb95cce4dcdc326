import type { HammingHit, HammingIndex } from './hash-plugin.ts';
import { popcount32 } from './hash.bits.ts';

/**
 * Exact in-memory Hamming search: hashes packed into one Uint32Array, scanned linearly with an early
 * exit per entry once the running distance passes the limit. A linear scan over packed words is
 * cache-friendly and, up to a few hundred thousand hashes, faster than tree or multi-index schemes;
 * a WASM popcnt or multi-index hashing can replace the scan behind the same interface.
 */
export class PackedHammingIndex implements HammingIndex {
  readonly bits: number;
  private readonly words: number;
  private hashes: Uint32Array;
  private ids: Float64Array;
  private count = 0;
  /** id → slot, so that remove is O(1): the last entry moves into the freed slot. */
  private readonly slots = new Map<number, number>();

  constructor(bits: number, initialCapacity = 1024) {
    if (bits <= 0 || bits % 32 !== 0) throw new Error(`hash length must be a multiple of 32 bits, got ${bits}`);
    this.bits = bits;
    this.words = bits / 32;
    this.hashes = new Uint32Array(initialCapacity * this.words);
    this.ids = new Float64Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adding an id again replaces its hash. */
  add(id: number, bits: Uint8Array): void {
    this.checkLength(bits);
    let slot = this.slots.get(id);
    if (slot === undefined) {
      if (this.count === this.ids.length) this.grow();
      slot = this.count++;
      this.slots.set(id, slot);
      this.ids[slot] = id;
    }
    this.pack(bits, this.hashes, slot * this.words);
  }

  remove(id: number): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const last = --this.count;
    if (slot !== last) {
      const movedId = this.ids[last]!;
      this.ids[slot] = movedId;
      this.hashes.copyWithin(slot * this.words, last * this.words, (last + 1) * this.words);
      this.slots.set(movedId, slot);
    }
    this.slots.delete(id);
  }

  has(id: number): boolean {
    return this.slots.has(id);
  }

  /** Hits sorted by distance, then id, so results are stable across runs. */
  query(bits: Uint8Array, maxDistance: number): HammingHit[] {
    this.checkLength(bits);
    const q = new Uint32Array(this.words);
    this.pack(bits, q, 0);
    const hits: HammingHit[] = [];
    const { hashes, words, count } = this;
    for (let slot = 0, base = 0; slot < count; slot++, base += words) {
      let d = 0;
      for (let w = 0; w < words && d <= maxDistance; w++) d += popcount32(hashes[base + w]! ^ q[w]!);
      if (d <= maxDistance) hits.push({ id: this.ids[slot]!, distance: d });
    }
    return hits.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  /** The k nearest whatever their distance: for explaining a near-miss to a reviewer. */
  nearest(bits: Uint8Array, k: number): HammingHit[] {
    return this.query(bits, this.bits).slice(0, k);
  }

  private pack(bits: Uint8Array, into: Uint32Array, offset: number): void {
    for (let w = 0; w < this.words; w++) {
      const b = w * 4;
      into[offset + w] = ((bits[b]! << 24) | (bits[b + 1]! << 16) | (bits[b + 2]! << 8) | bits[b + 3]!) >>> 0;
    }
  }

  private checkLength(bits: Uint8Array): void {
    if (bits.length * 8 !== this.bits) throw new Error(`expected a ${this.bits}-bit hash, got ${bits.length * 8} bits`);
  }

  private grow(): void {
    const capacity = Math.max(16, this.ids.length * 2);
    const hashes = new Uint32Array(capacity * this.words);
    hashes.set(this.hashes.subarray(0, this.count * this.words));
    const ids = new Float64Array(capacity);
    ids.set(this.ids.subarray(0, this.count));
    this.hashes = hashes;
    this.ids = ids;
  }
}

export function createHammingIndex(bits: number): PackedHammingIndex {
  return new PackedHammingIndex(bits);
}
