import { describe, expect, it } from 'vitest';
import { editDistance } from './mark.signals.ts';

/** Unbanded optimal string alignment with the same look-alike rule: the reference for the banded one. */
const LOOKALIKES: Record<string, string> = { '0': 'o', '1': 'il', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g' };
const same = (a: string, b: string) => a === b || (LOOKALIKES[a]?.includes(b) ?? false) || (LOOKALIKES[b]?.includes(a) ?? false);

function reference(a: string[], b: string[]): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (same(a[i - 1]!, b[j - 1]!) ? 0 : 1));
      if (i > 1 && j > 1 && same(a[i - 1]!, b[j - 2]!) && same(a[i - 2]!, b[j - 1]!)) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance (banded, stops above the limit)', () => {
  it('agrees with the full table wherever the distance is within the limit, and says "over" otherwise', () => {
    let seed = 5;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const word = () => Array.from({ length: Math.floor(rnd() * 9) }, () => 'abo0il1g9'[Math.floor(rnd() * 9)]!);
    for (let n = 0; n < 4000; n += 1) {
      const a = word();
      const b = rnd() < 0.5 ? word() : [...a].map((c) => (rnd() < 0.2 ? 'abo0il1g9'[Math.floor(rnd() * 9)]! : c));
      const limit = Math.floor(rnd() * 3);
      const want = reference(a, b);
      expect(editDistance(a, b, limit), `${a.join('')} ${b.join('')} ≤${limit}`).toBe(want <= limit ? want : limit + 1);
    }
  });
});
