import type { HammingHit, HammingIndex } from './hash-plugin.ts';
import { expectedCandidates, MultiIndexTables, SUBSTRING_BITS } from './hamming.mih.ts';
import { PackedHashStore } from './hamming.store.ts';

/**
 * Exact in-memory Hamming search. Below `multiIndexFrom` hashes every query is a linear scan over the
 * packed hashes with WebAssembly i64.popcnt (cache-friendly, no index to keep current). Above it,
 * multi-index hashing narrows the scan to a few thousand candidates: its tables are built lazily at
 * the first query after a bulk load, and later adds and removes go to an overflow that is scanned
 * linearly until it passes 1/8 of the tables, when the next query rebuilds them. Both paths return
 * exactly the same hits (see hamming.index.test.ts).
 */

export interface HammingIndexOptions {
  /** Entries to allocate for up front; a bulk load of known size then allocates once. */
  expectedSize?: number;
  /** 'js' keeps the pure JavaScript scan: the reference the WASM scan is checked against. */
  scan?: 'wasm' | 'js';
  /** Size from which multi-index hashing is used; Infinity keeps the linear scan. */
  multiIndexFrom?: number;
}

/**
 * Measured on the index bench (256 bits, radius 31, one core): the WASM scan and MIH tie at 100 k
 * hashes (~0.1 ms a query); MIH costs 48 more bytes a hash, so it starts above that, where it pulls away.
 */
export const DEFAULT_MULTI_INDEX_FROM = 150_000;
const MIN_REBUILD = 4096;

export class PackedHammingIndex implements HammingIndex {
  readonly bits: number;
  private readonly store: PackedHashStore;
  private readonly useWasm: boolean;
  private readonly multiIndexFrom: number;
  private tables: MultiIndexTables | undefined;
  /** Slots inside the tables that died since they were built (the overflow's other half). */
  private deadInTables = 0;

  constructor(bits: number, options: HammingIndexOptions | number = {}) {
    const o = typeof options === 'number' ? { expectedSize: options } : options;
    if (bits <= 0 || bits % 32 !== 0) throw new Error(`hash length must be a multiple of 32 bits, got ${bits}`);
    this.bits = bits;
    this.store = new PackedHashStore(bits, o.expectedSize ?? 1024);
    this.useWasm = o.scan !== 'js';
    this.multiIndexFrom = bits % SUBSTRING_BITS === 0 ? (o.multiIndexFrom ?? DEFAULT_MULTI_INDEX_FROM) : Infinity;
  }

  get size(): number {
    return this.store.size;
  }

  /** Bytes held by the hashes, ids, id table and multi-index tables. */
  get memoryBytes(): number {
    return this.store.memoryBytes + (this.tables?.memoryBytes ?? 0);
  }

  /** Bytes outside the JS heap and ArrayBuffer accounting (the WASM memory holding the hashes). */
  get wasmBytes(): number {
    return this.store.wasmBytes;
  }

  /** Adding an id again replaces its hash. */
  add(id: number, bits: Uint8Array): void {
    this.checkLength(bits);
    const slot = this.store.slotOf(id);
    if (slot >= 0 && !this.inTables(slot)) return this.store.overwrite(slot, bits);
    if (slot >= 0) this.kill(slot);
    if (this.store.count === this.store.capacity && this.store.dead * 4 > this.store.count) this.compact();
    this.store.append(id, bits);
  }

  /** Bulk load: `packed` holds ids.length hashes back to back; memory is allocated once. */
  addMany(ids: ArrayLike<number>, packed: Uint8Array): void {
    const bytes = this.bits / 8;
    if (packed.length !== ids.length * bytes) throw new Error(`expected ${ids.length} ${this.bits}-bit hashes, got ${packed.length} bytes`);
    this.store.reserve(ids.length);
    for (let i = 0; i < ids.length; i++) this.add(ids[i]!, packed.subarray(i * bytes, (i + 1) * bytes));
  }

  remove(id: number): void {
    const slot = this.store.slotOf(id);
    if (slot >= 0) this.kill(slot);
  }

  has(id: number): boolean {
    return this.store.slotOf(id) >= 0;
  }

  /** Builds the multi-index tables now rather than at the first query (for start-up and benchmarks). */
  prepare(): void {
    if (this.store.size >= this.multiIndexFrom && this.stale()) this.rebuild();
  }

  /** Hits sorted by distance, then id, so results are stable across runs. */
  query(bits: Uint8Array, maxDistance: number): HammingHit[] {
    this.checkLength(bits);
    const hits: HammingHit[] = [];
    const { store } = this;
    const onHit = (slot: number, distance: number) => hits.push({ id: store.ids[slot]!, distance });
    if (this.useMultiIndex(maxDistance)) {
      if (this.stale()) this.rebuild();
      const tables = this.tables!;
      tables.search(store, bits, maxDistance, (slot, distance) => {
        if (!Number.isNaN(store.ids[slot]!)) onHit(slot, distance);
      });
      store.scan(bits, maxDistance, tables.built, store.count, onHit, this.useWasm);
    } else {
      store.scan(bits, maxDistance, 0, store.count, onHit, this.useWasm);
    }
    return hits.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  /** The k nearest whatever their distance: for explaining a near-miss to a reviewer. */
  nearest(bits: Uint8Array, k: number): HammingHit[] {
    return this.query(bits, this.bits).slice(0, k);
  }

  private useMultiIndex(maxDistance: number): boolean {
    const n = this.store.size;
    if (n < this.multiIndexFrom) return false;
    // Weigh the probes against scanning: a wide radius makes MIH slower than the scan it replaces.
    return expectedCandidates(this.bits / SUBSTRING_BITS, maxDistance, n) * 4 < n;
  }

  private stale(): boolean {
    if (!this.tables) return true;
    const overflow = this.store.count - this.tables.built + this.deadInTables;
    return overflow > Math.max(MIN_REBUILD, this.tables.built >> 3);
  }

  private rebuild(): void {
    this.tables = undefined; // let the old tables go before the new ones are allocated
    this.store.compact();
    this.tables = new MultiIndexTables(this.store);
    this.deadInTables = 0;
  }

  private compact(): void {
    this.tables = undefined;
    this.deadInTables = 0;
    this.store.compact();
  }

  private inTables(slot: number): boolean {
    return this.tables !== undefined && slot < this.tables.built;
  }

  private kill(slot: number): void {
    if (this.inTables(slot)) this.deadInTables++;
    this.store.kill(slot);
  }

  private checkLength(bits: Uint8Array): void {
    if (bits.length * 8 !== this.bits) throw new Error(`expected a ${this.bits}-bit hash, got ${bits.length * 8} bits`);
  }
}

export function createHammingIndex(bits: number, options: HammingIndexOptions = {}): PackedHammingIndex {
  return new PackedHammingIndex(bits, options);
}
