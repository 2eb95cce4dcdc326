import { popcount32 } from './hash.bits.ts';
import { instantiateScan, type ScanExports } from './hamming.wasm.ts';

/**
 * Hashes packed back to back in a WebAssembly memory (so the WASM scan reads them in place), ids in a
 * Float64Array and id → slot in an open-addressing Int32Array: about 32 + 8 + 6 bytes per 256-bit hash,
 * where a Map<number, number> alone costs 40–80. Removing leaves a tombstone (id NaN) instead of moving
 * the last entry in, so slots stay put for the multi-index tables built over them; compact() reclaims.
 */

const PAGE = 65536;
const QUERY_AT = 0;
const OUT_AT = 4096;
const OUT_CAP = (PAGE - OUT_AT) >> 3;
/** Hashes start after one page of scratch (the query and the hit buffer). */
export const HASHES_AT = PAGE;
const MAX_BYTES = OUT_AT;

export class PackedHashStore {
  readonly bits: number;
  readonly bytes: number;
  readonly words32: number;
  private readonly memory: WebAssembly.Memory;
  private readonly wasm: ScanExports;
  u8!: Uint8Array;
  u32!: Uint32Array;
  ids: Float64Array;
  /** Slots used, live or dead. */
  count = 0;
  dead = 0;
  private table: Int32Array;
  private mask: number;

  constructor(bits: number, capacity: number) {
    if (bits <= 0 || bits % 32 !== 0 || bits / 8 > MAX_BYTES) throw new Error(`hash length must be a multiple of 32 bits, got ${bits}`);
    this.bits = bits;
    this.bytes = bits / 8;
    this.words32 = bits / 32;
    capacity = Math.max(4, Math.ceil(capacity));
    this.memory = new WebAssembly.Memory({ initial: 1 + Math.ceil((capacity * this.bytes) / PAGE) });
    this.wasm = instantiateScan(this.memory);
    this.refreshViews();
    this.ids = new Float64Array(capacity);
    this.mask = tableSize(capacity) - 1;
    this.table = new Int32Array(this.mask + 1);
  }

  get size(): number {
    return this.count - this.dead;
  }

  get capacity(): number {
    return this.ids.length;
  }

  /** What the store keeps: the WASM memory, the ids and the id table. */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength + this.ids.byteLength + this.table.byteLength;
  }

  /** The WASM memory alone: process.memoryUsage().arrayBuffers does not count it. */
  get wasmBytes(): number {
    return this.memory.buffer.byteLength;
  }

  slotOf(id: number): number {
    for (let i = hashId(id) & this.mask; ; i = (i + 1) & this.mask) {
      const s = this.table[i]!;
      if (s === 0) return -1;
      if (this.ids[s - 1] === id) return s - 1;
    }
  }

  /** Appends without looking for an existing id: the caller has checked. */
  append(id: number, bits: Uint8Array): number {
    if (this.count === this.ids.length) this.resize(Math.ceil(this.ids.length * 1.25) + 16);
    const slot = this.count++;
    this.ids[slot] = id;
    this.u8.set(bits, HASHES_AT + slot * this.bytes);
    this.link(id, slot);
    return slot;
  }

  overwrite(slot: number, bits: Uint8Array): void {
    this.u8.set(bits, HASHES_AT + slot * this.bytes);
  }

  kill(slot: number): void {
    this.unlink(slot);
    this.ids[slot] = NaN;
    this.dead++;
  }

  /** Exact room for `n` more entries, so a bulk load allocates once. */
  reserve(n: number): void {
    if (this.count + n > this.ids.length) this.resize(this.count + n);
  }

  /** Moves live entries down over the tombstones; slot numbers change, so any tables over them must be rebuilt. */
  compact(): void {
    if (this.dead === 0) return;
    const { u8, ids, bytes } = this;
    let to = 0;
    for (let from = 0; from < this.count; from++) {
      if (Number.isNaN(ids[from]!)) continue;
      if (to !== from) {
        ids[to] = ids[from]!;
        u8.copyWithin(HASHES_AT + to * bytes, HASHES_AT + from * bytes, HASHES_AT + (from + 1) * bytes);
      }
      to++;
    }
    this.count = to;
    this.dead = 0;
    this.rehash(this.ids.length);
  }

  /** Calls onHit(slot, distance) for every live slot in [from, to) within maxDistance of the query. */
  scan(query: Uint8Array, maxDistance: number, from: number, to: number, onHit: (slot: number, distance: number) => void, useWasm = true): void {
    if (!useWasm || this.bits % 64 !== 0) return this.scanJs(query, maxDistance, from, to, onHit);
    this.u8.set(query, QUERY_AT);
    const out = new Int32Array(this.memory.buffer, OUT_AT, OUT_CAP * 2);
    while (from < to) {
      const at = HASHES_AT + from * this.bytes;
      const hits = this.bits === 256
        ? this.wasm.scan4(at, to - from, QUERY_AT, maxDistance, OUT_AT, OUT_CAP)
        : this.wasm.scanN(at, to - from, this.bits / 64, QUERY_AT, maxDistance, OUT_AT, OUT_CAP);
      for (let h = 0; h < hits; h++) {
        const slot = from + out[2 * h]!;
        if (!Number.isNaN(this.ids[slot]!)) onHit(slot, out[2 * h + 1]!);
      }
      if (hits < OUT_CAP) return;
      from += out[2 * (hits - 1)]! + 1;
    }
  }

  /** The same scan in JavaScript: the reference the WASM scan is tested and benchmarked against. */
  scanJs(query: Uint8Array, maxDistance: number, from: number, to: number, onHit: (slot: number, distance: number) => void): void {
    const q = this.queryWords(query);
    const { u32, words32, ids } = this;
    for (let slot = from, base = (HASHES_AT >> 2) + from * words32; slot < to; slot++, base += words32) {
      let d = 0;
      for (let w = 0; w < words32 && d <= maxDistance; w++) d += popcount32(u32[base + w]! ^ q[w]!);
      if (d <= maxDistance && !Number.isNaN(ids[slot]!)) onHit(slot, d);
    }
  }

  /** The query as the store's 32-bit words (byte order is irrelevant to a popcount of the XOR). */
  queryWords(query: Uint8Array): Uint32Array {
    const copy = new Uint8Array(this.bytes);
    copy.set(query);
    return new Uint32Array(copy.buffer);
  }

  distanceAt(slot: number, q: Uint32Array, maxDistance: number): number {
    const { u32, words32 } = this;
    const base = (HASHES_AT >> 2) + slot * words32;
    let d = 0;
    for (let w = 0; w < words32 && d <= maxDistance; w++) d += popcount32(u32[base + w]! ^ q[w]!);
    return d;
  }

  private resize(capacity: number): void {
    const needed = 1 + Math.ceil((capacity * this.bytes) / PAGE);
    const pages = this.memory.buffer.byteLength / PAGE;
    if (needed > pages) {
      this.memory.grow(needed - pages);
      this.refreshViews();
    }
    const ids = new Float64Array(capacity);
    ids.set(this.ids.subarray(0, this.count));
    this.ids = ids;
    if (tableSize(capacity) > this.table.length) this.rehash(capacity);
  }

  private rehash(capacity: number): void {
    this.mask = tableSize(capacity) - 1;
    this.table = new Int32Array(this.mask + 1);
    for (let s = 0; s < this.count; s++) if (!Number.isNaN(this.ids[s]!)) this.link(this.ids[s]!, s);
  }

  private link(id: number, slot: number): void {
    let i = hashId(id) & this.mask;
    while (this.table[i] !== 0) i = (i + 1) & this.mask;
    this.table[i] = slot + 1;
  }

  /** Backward-shift deletion: linear probing without tombstones in the id table itself. */
  private unlink(slot: number): void {
    const { table, mask } = this;
    let i = hashId(this.ids[slot]!) & mask;
    while (table[i] !== slot + 1) i = (i + 1) & mask;
    for (let j = (i + 1) & mask; table[j] !== 0; j = (j + 1) & mask) {
      const home = hashId(this.ids[table[j]! - 1]!) & mask;
      // Move j's entry into the hole at i unless its home lies cyclically in (i, j].
      if (i <= j ? home <= i || home > j : home <= i && home > j) {
        table[i] = table[j]!;
        i = j;
      }
    }
    table[i] = 0;
  }

  private refreshViews(): void {
    this.u8 = new Uint8Array(this.memory.buffer);
    this.u32 = new Uint32Array(this.memory.buffer);
  }
}

/** Load factor at most 2/3. */
function tableSize(capacity: number): number {
  let size = 16;
  while (size * 2 < capacity * 3) size *= 2;
  return size;
}

function hashId(id: number): number {
  const lo = id | 0;
  const hi = (id / 4294967296) | 0;
  const h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}
