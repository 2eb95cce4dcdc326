import { describe, expect, it } from 'vitest';
import { ORB_DESCRIPTOR_BYTES } from './orb.features.ts';
import { twoNearest } from './orb.knn.ts';

/** The plain scan twoNearest replaces: first index wins ties, 257 = none. */
function reference(query: Uint8Array, train: Uint8Array): number[] {
  const out: number[] = [];
  const distance = (q: number, t: number) => {
    let d = 0;
    for (let k = 0; k < ORB_DESCRIPTOR_BYTES; k++) {
      let x = query[q * ORB_DESCRIPTOR_BYTES + k]! ^ train[t * ORB_DESCRIPTOR_BYTES + k]!;
      while (x) {
        d += x & 1;
        x >>= 1;
      }
    }
    return d;
  };
  for (let q = 0; q < query.length / ORB_DESCRIPTOR_BYTES; q++) {
    let best = 257, second = 257, bestIdx = -1;
    for (let t = 0; t < train.length / ORB_DESCRIPTOR_BYTES; t++) {
      const d = distance(q, t);
      if (d < best) {
        second = best;
        best = d;
        bestIdx = t;
      } else if (d < second) second = d;
    }
    out.push(bestIdx, best, second);
  }
  return out;
}

function descriptors(count: number, seed: number): Uint8Array {
  let s = seed;
  return new Uint8Array(count * ORB_DESCRIPTOR_BYTES).map(() => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24));
}

describe('twoNearest (WebAssembly)', () => {
  it('gives exactly the plain scan\'s best index, best and second-best distance', () => {
    const train = descriptors(300, 1);
    // Near copies of some train descriptors, exact duplicates (ties), and unrelated ones.
    const query = descriptors(200, 2);
    for (let i = 0; i < 50; i++) query.set(train.subarray(i * 32, i * 32 + 32), i * 32);
    for (let i = 50; i < 100; i++) query[i * 32 + (i % 32)]! ^= 0x5a;
    query.set(train.subarray(0, 32), 100 * 32);
    const dup = new Uint8Array([...train, ...train.subarray(0, 64)]);
    expect([...twoNearest(query, train)]).toEqual(reference(query, train));
    expect([...twoNearest(query, dup)]).toEqual(reference(query, dup));
  });

  it('handles empty inputs and a single train descriptor, and grows its memory for large inputs', () => {
    expect([...twoNearest(new Uint8Array(0), descriptors(5, 3))]).toEqual([]);
    const one = descriptors(1, 4);
    expect([...twoNearest(descriptors(3, 5), new Uint8Array(0))]).toEqual([-1, 257, 257, -1, 257, 257, -1, 257, 257]);
    expect([...twoNearest(one, one)]).toEqual([0, 0, 257]);
    const big = descriptors(4000, 6);
    const train = descriptors(3000, 7);
    expect([...twoNearest(big, train)].slice(-300)).toEqual(reference(big.subarray(-100 * 32), train).slice(-300));
  });
});
