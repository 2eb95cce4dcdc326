import { describe, expect, it } from 'vitest';
import type { HammingHit } from './hash-plugin.ts';
import { PackedHammingIndex } from './hamming.index.ts';
import { probeRadii } from './hamming.mih.ts';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 16;
}

function randomHash(bytes: number, next: () => number): Uint8Array {
  return Uint8Array.from({ length: bytes }, () => next() & 0xff);
}

/** A copy of `bits` with exactly `count` distinct bits flipped. */
function flip(bits: Uint8Array, count: number, next: () => number): Uint8Array {
  const out = bits.slice();
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(next() % (bits.length * 8));
  for (const p of chosen) out[p >> 3]! ^= 0x80 >> (p & 7);
  return out;
}

const key = (hits: HammingHit[]) => hits.map((h) => `${h.id}:${h.distance}`).join(',');

/** Random hashes with neighbours of each query planted at every distance 0..maxPlanted. */
function workload(bits: number, size: number, queries: number, maxPlanted: number, seed: number) {
  const next = lcg(seed);
  const rows: Uint8Array[] = [];
  for (let i = 0; i < size; i++) rows.push(randomHash(bits / 8, next));
  const qs: Uint8Array[] = [];
  for (let q = 0; q < queries; q++) {
    const query = randomHash(bits / 8, next);
    qs.push(query);
    for (let d = 0; d <= maxPlanted; d++) rows[((q * (maxPlanted + 1) + d) * 37) % size] = flip(query, d, next); // 37 is prime to size: distinct rows
  }
  return { rows, qs };
}

describe('pigeonhole radii', () => {
  it('splits a radius so that any hash within it agrees on at least one probed substring', () => {
    expect(probeRadii(16, 31)).toEqual(Array(16).fill(1));
    expect(probeRadii(16, 16)).toEqual([1, ...Array(15).fill(0)]);
    expect(probeRadii(4, 12)).toEqual([3, 2, 2, 2]);
    expect(probeRadii(16, 5)).toEqual([...Array(6).fill(0), ...Array(10).fill(-1)]);
  });
});

describe.each([
  [256, 40, 31],
  [64, 14, 12],
])('multi-index hashing (%i bits)', (bits, maxPlanted, radius) => {
  const { rows, qs } = workload(bits, 20_000, 12, maxPlanted, bits);
  const build = (options: ConstructorParameters<typeof PackedHammingIndex>[1]) => {
    const index = new PackedHammingIndex(bits, options);
    rows.forEach((h, id) => index.add(id, h));
    return index;
  };
  const linear = build({ multiIndexFrom: Infinity, scan: 'js' });
  const wasm = build({ multiIndexFrom: Infinity });
  const mih = build({ multiIndexFrom: 1000 });

  it('returns exactly what the linear scan returns, planted neighbours at every distance included', () => {
    for (const r of [radius, Math.floor(radius / 2), 0]) {
      for (const q of qs) {
        const expected = linear.query(q, r);
        expect(expected.length).toBeGreaterThanOrEqual(r === radius ? Math.min(r, maxPlanted) + 1 : 1);
        expect(key(mih.query(q, r))).toBe(key(expected));
      }
    }
  });

  it('the WASM scan equals the JavaScript scan', () => {
    for (const q of qs) for (const r of [0, radius, bits / 2, bits]) expect(key(wasm.query(q, r))).toBe(key(linear.query(q, r)));
  });

  it('stays exact through removes, re-adds and the overflow rebuild', () => {
    const next = lcg(99);
    const index = build({ multiIndexFrom: 1000 });
    const reference = build({ multiIndexFrom: Infinity });
    index.query(qs[0]!, radius); // builds the tables; what follows goes to the overflow
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3000; i++) {
        const id = next() % 25_000;
        const op = next() % 3;
        const q = qs[next() % qs.length]!;
        const h = op === 0 ? randomHash(bits / 8, next) : flip(q, next() % (radius + 4), next);
        if (op === 2) {
          index.remove(id);
          reference.remove(id);
        } else {
          index.add(id, h);
          reference.add(id, h);
        }
      }
      expect(index.size).toBe(reference.size);
      for (const q of qs) expect(key(index.query(q, radius))).toBe(key(reference.query(q, radius)));
    }
  });
});

describe('bulk load', () => {
  it('addMany equals one add per hash, and a repeated id keeps its last hash', () => {
    const next = lcg(5);
    const n = 3000;
    const packed = new Uint8Array(n * 32);
    for (let i = 0; i < packed.length; i++) packed[i] = next() & 0xff;
    const ids = Array.from({ length: n }, (_, i) => (i === n - 1 ? 7 : i * 3 + 1));
    const bulk = new PackedHammingIndex(256, { multiIndexFrom: 100 });
    bulk.addMany(ids, packed);
    bulk.prepare();
    expect(bulk.size).toBe(n - 1);
    const last = packed.subarray((n - 1) * 32);
    expect(bulk.query(last, 0)).toEqual([{ id: 7, distance: 0 }]);
    expect(bulk.query(packed.subarray(2 * 32, 3 * 32), 0)).toEqual([]); // id 7's first hash was replaced
    expect(bulk.query(packed.subarray(0, 32), 0)).toEqual([{ id: 1, distance: 0 }]);
    expect(() => bulk.addMany([1], new Uint8Array(31))).toThrow(/256-bit/);
  });

  it('keeps ids beyond 32 bits and large id values apart', () => {
    const index = new PackedHammingIndex(64);
    const h = new Uint8Array(8).fill(0xaa);
    for (const id of [2 ** 40 + 1, 1, 2 ** 32 + 1, -5]) index.add(id, h);
    index.remove(1);
    expect(index.query(h, 0).map((x) => x.id)).toEqual([-5, 2 ** 32 + 1, 2 ** 40 + 1]);
  });
});
