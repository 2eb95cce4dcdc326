import { describe, expect, it } from 'vitest';
import { hammingDistance } from './hash.bits.ts';
import { PackedHammingIndex } from './hamming.index.ts';

function randomHash(bytes: number, next: () => number): Uint8Array {
  return Uint8Array.from({ length: bytes }, () => next() & 0xff);
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 16;
}

function flipBits(bits: Uint8Array, positions: number[]): Uint8Array {
  const out = bits.slice();
  for (const p of positions) out[p >> 3]! ^= 0x80 >> (p & 7);
  return out;
}

describe.each([64, 256])('PackedHammingIndex (%i bits)', (bits) => {
  it('finds exactly the stored hashes within the distance, nearest first', () => {
    const next = lcg(bits);
    const index = new PackedHammingIndex(bits, 4);
    const stored = new Map<number, Uint8Array>();
    for (let id = 1; id <= 2000; id++) {
      const h = randomHash(bits / 8, next);
      stored.set(id, h);
      index.add(id, h);
    }
    const query = flipBits(stored.get(77)!, [0, 9, 30]);
    index.add(5000, flipBits(query, [1]));
    stored.set(5000, flipBits(query, [1]));
    const limit = bits === 64 ? 12 : 90;
    const hits = index.query(query, limit);
    const brute = [...stored].map(([id, h]) => ({ id, distance: hammingDistance(h, query) })).filter((h) => h.distance <= limit);
    expect(hits.map((h) => h.id).sort()).toEqual(brute.map((h) => h.id).sort());
    expect(hits[0]).toEqual({ id: 5000, distance: 1 });
    expect(hits[1]).toEqual({ id: 77, distance: 3 });
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.distance).toBeGreaterThanOrEqual(hits[i - 1]!.distance);
  });

  it('removes by id and replaces on re-add', () => {
    const next = lcg(3);
    const index = new PackedHammingIndex(bits);
    const a = randomHash(bits / 8, next);
    const b = randomHash(bits / 8, next);
    const c = randomHash(bits / 8, next);
    index.add(1, a);
    index.add(2, b);
    index.add(3, c);
    index.remove(1);
    index.remove(42);
    expect(index.size).toBe(2);
    expect(index.query(a, 0)).toEqual([]);
    expect(index.query(c, 0)).toEqual([{ id: 3, distance: 0 }]);
    index.add(3, a);
    expect(index.size).toBe(2);
    expect(index.query(a, 0)).toEqual([{ id: 3, distance: 0 }]);
    expect(index.query(c, 0)).toEqual([]);
    expect(index.nearest(b, 1)).toEqual([{ id: 2, distance: 0 }]);
  });

  it('refuses a hash of the wrong length', () => {
    const index = new PackedHammingIndex(bits);
    expect(() => index.add(1, new Uint8Array(bits / 8 + 1))).toThrow(/bit hash/);
  });
});

describe('PackedHammingIndex speed', () => {
  // Speed at 100 k–10 M lives in `npm run bench -- index`; here only exactness at a size where the scan is packed.
  it('answers exactly like a brute-force scan over 100 000 PDQ hashes', () => {
    const next = lcg(9);
    const index = new PackedHammingIndex(256);
    const all: Uint8Array[] = [];
    for (let id = 0; id < 100_000; id++) {
      const h = randomHash(32, next);
      all.push(h);
      index.add(id, h);
    }
    const q = flipBits(all[4242]!, [0, 9, 77, 128, 200, 255]);
    const expected = all.flatMap((h, id) => (hammingDistance(h, q) <= 31 ? [id] : []));
    const got = index.query(q, 31);
    expect(got.map((m) => m.id).sort((a, b) => a - b)).toEqual(expected);
    expect(got.find((m) => m.id === 4242)?.distance).toBe(6);
  });
});
