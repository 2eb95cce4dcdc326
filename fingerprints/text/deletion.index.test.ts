import { describe, expect, it } from 'vitest';
import { DeletionIndex, PrefixHashes } from './deletion.index.ts';

/** Optimal string alignment distance: what the mark matcher allows (a swap of neighbours is one edit). */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('DeletionIndex', () => {
  it('finds every stored name within its edits of a query window: no false negatives (brute force)', () => {
    const rnd = random(7);
    // A 3-letter alphabet makes near strings, repeated letters and swaps common.
    const word = (n: number) => Array.from({ length: n }, () => 'abc'[Math.floor(rnd() * 3)]).join('');
    const names = Array.from({ length: 300 }, () => word(1 + Math.floor(rnd() * 11)));
    const edits = names.map(() => Math.floor(rnd() * 3));
    const index = new DeletionIndex();
    names.forEach((n, i) => index.add(n, edits[i]!));
    let pairs = 0;
    for (let q = 0; q < 200; q += 1) {
      const text = `xy${word(2 + Math.floor(rnd() * 12))}z`;
      const hashes = new PrefixHashes(text);
      const found = new Set<number>();
      index.query(hashes, 2, text.length - 1, (e) => found.add(e));
      const window = text.slice(2, -1);
      names.forEach((name, i) => {
        if (osa(name, window) <= edits[i]!) {
          pairs += 1;
          expect(found.has(i), `${name} ~${edits[i]} "${window}"`).toBe(true);
        }
      });
    }
    expect(pairs).toBeGreaterThan(100);
  });

  it('hashes a substring the same wherever it sits in a text', () => {
    const a = new PrefixHashes('phulang');
    const b = new PrefixHashes('xx phulang yy');
    expect(b.variant(3, 10, -1, -1)).toBe(a.variant(0, 7, -1, -1));
    expect(b.variant(3, 10, 5, -1)).toBe(a.variant(0, 7, 2, -1));
    expect(b.variant(3, 10, 4, 8)).toBe(a.variant(0, 7, 1, 5));
    expect(new PrefixHashes('phlang').variant(0, 6, -1, -1)).toBe(a.variant(0, 7, 2, -1));
  });

  it('refuses more edits than it can index', () => {
    expect(() => new DeletionIndex().add('abc', 3)).toThrow(RangeError);
  });
});
