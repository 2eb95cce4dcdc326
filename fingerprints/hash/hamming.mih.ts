import { HASHES_AT, type PackedHashStore } from './hamming.store.ts';

/**
 * Multi-index hashing (Norouzi, Punjani, Fleet, "Fast exact search in Hamming space with multi-index
 * hashing", 2014): the hash is cut into m 16-bit substrings, each with its own table. If two hashes
 * are within r, then by pigeonhole at least one substring is within ⌊r/m⌋ (the first r mod m + 1
 * within ⌊r/m⌋, the others within ⌊r/m⌋ − 1), so probing each table's neighbours of the query's
 * substring yields a candidate set that contains every answer; an exact check then filters it.
 * For 256 bits and r = 31: 16 tables × 17 keys, about n/240 candidates instead of n comparisons.
 *
 * Tables are CSR arrays built in one pass over the store (offsets per 16-bit key, then the slots
 * sorted by key), 3 bytes a slot below 2^24 entries: 16 tables cost 48 bytes a hash, not 64.
 */

export const SUBSTRING_BITS = 16;
const KEYS = 1 << SUBSTRING_BITS;
/** Probing deeper than radius 3 (697 keys a table) is slower than the linear scan at any size we hold. */
export const MAX_PROBE_RADIUS = 3;

/** All 16-bit masks by popcount: masks[0, PROBES[r]) are the neighbours within r. */
const MASKS = (() => {
  const all = Array.from({ length: KEYS }, (_, m) => m).filter((m) => popcount16(m) <= MAX_PROBE_RADIUS);
  all.sort((a, b) => popcount16(a) - popcount16(b) || a - b);
  return Uint16Array.from(all);
})();
const PROBES = [1, 17, 137, 697];

function popcount16(v: number): number {
  let c = 0;
  for (; v; v &= v - 1) c++;
  return c;
}

/** Per-table probe radius for a query radius (−1: the table need not be probed). */
export function probeRadii(tables: number, maxDistance: number): number[] {
  const q = Math.floor(maxDistance / tables);
  const a = maxDistance - q * tables;
  return Array.from({ length: tables }, (_, t) => (t <= a ? q : q - 1));
}

/** Expected candidates for uniform random hashes: what the index weighs against a linear scan. */
export function expectedCandidates(tables: number, maxDistance: number, entries: number): number {
  let probes = 0;
  for (const r of probeRadii(tables, maxDistance)) {
    if (r > MAX_PROBE_RADIUS) return Infinity;
    if (r >= 0) probes += PROBES[r]!;
  }
  return probes * (1 + entries / KEYS);
}

export class MultiIndexTables {
  readonly tables: number;
  /** Slots [0, built) are in the tables; later slots are the overflow the caller scans linearly. */
  readonly built: number;
  private readonly offsets: Uint32Array[] = [];
  private readonly slots: Uint8Array[] = [];
  private readonly stride: number;

  constructor(store: PackedHashStore) {
    this.tables = store.bits / SUBSTRING_BITS;
    this.built = store.count;
    this.stride = this.built < 2 ** 24 ? 3 : 4;
    const { u8, bytes } = store;
    const n = this.built;
    for (let t = 0; t < this.tables; t++) {
      const offsets = new Uint32Array(KEYS + 1);
      const first = HASHES_AT + 2 * t;
      for (let s = 0, p = first; s < n; s++, p += bytes) offsets[((u8[p]! << 8) | u8[p + 1]!) + 1]!++;
      for (let k = 0; k < KEYS; k++) offsets[k + 1]! += offsets[k]!;
      const cursor = offsets.slice(0, KEYS);
      const slots = new Uint8Array(n * this.stride);
      for (let s = 0, p = first; s < n; s++, p += bytes) {
        const at = cursor[(u8[p]! << 8) | u8[p + 1]!]!++ * this.stride;
        slots[at] = s;
        slots[at + 1] = s >>> 8;
        slots[at + 2] = s >>> 16;
        if (this.stride === 4) slots[at + 3] = s >>> 24;
      }
      this.offsets.push(offsets);
      this.slots.push(slots);
    }
  }

  get memoryBytes(): number {
    return this.offsets.reduce((s, o) => s + o.byteLength, 0) + this.slots.reduce((s, o) => s + o.byteLength, 0);
  }

  /**
   * Calls onHit(slot, distance) for every slot in the tables within maxDistance of the query, once
   * each; dead slots are the caller's to skip. Candidates seen in several tables are verified again
   * rather than remembered: true neighbours are rare, and a bitmap of n bits per query costs more.
   */
  search(store: PackedHashStore, query: Uint8Array, maxDistance: number, onHit: (slot: number, distance: number) => void): void {
    const q = store.queryWords(query);
    const radii = probeRadii(this.tables, maxDistance);
    const reported = new Set<number>();
    const { stride } = this;
    for (let t = 0; t < this.tables; t++) {
      const r = radii[t]!;
      if (r < 0) continue;
      const offsets = this.offsets[t]!;
      const slots = this.slots[t]!;
      const key = (query[2 * t]! << 8) | query[2 * t + 1]!;
      for (let m = 0; m < PROBES[r]!; m++) {
        const k = key ^ MASKS[m]!;
        const end = offsets[k + 1]! * stride;
        for (let p = offsets[k]! * stride; p < end; p += stride) {
          const slot = slots[p]! | (slots[p + 1]! << 8) | (slots[p + 2]! << 16) | (stride === 4 ? slots[p + 3]! << 24 : 0);
          const d = store.distanceAt(slot, q, maxDistance);
          if (d <= maxDistance && !reported.has(slot)) {
            reported.add(slot);
            onHit(slot, d);
          }
        }
      }
    }
  }
}
