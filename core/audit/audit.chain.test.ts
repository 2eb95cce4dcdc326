import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, GENESIS_HASH, verifyChain, type ChainedEvent } from './audit.chain.ts';

function chain(n: number): ChainedEvent[] {
  const out: ChainedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = { at: new Date(Date.UTC(2026, 0, i)), actorUserId: i, actorLabel: `u${i}`, action: 'work.update', entityType: 'work', entityId: String(i), before: { a: i }, after: { a: i + 1, b: [1, 'x'] } };
    const hash = eventHash(prev, e);
    out.push({ ...e, id: i, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('canonical JSON ignores key order and undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: 'é' } })).toBe(canonicalJson({ a: { c: 'é' }, b: 1 }));
    expect(canonicalJson([{ y: 1, x: 2 }])).toBe('[{"x":2,"y":1}]');
  });

  it('hashes the same value the same way whatever its JSON round trip', () => {
    const e = { at: new Date('2026-03-01T00:00:00.123Z'), actorUserId: null, actorLabel: 'cli', action: 'a', entityType: 't', entityId: '1', before: { d: new Date('2026-01-01T00:00:00Z'), z: undefined }, after: null };
    const back = { ...e, before: JSON.parse(JSON.stringify(e.before)) };
    expect(eventHash('', e)).toBe(eventHash('', back));
  });

  it('verifies an intact chain, and names the first altered, removed or reordered event', () => {
    const events = chain(5);
    expect(verifyChain(events)).toEqual({ intact: true, checked: 5 });
    const edited = events.map((e) => (e.id === 3 ? { ...e, after: { a: 999 } } : e));
    expect(verifyChain(edited)).toMatchObject({ intact: false, firstBrokenId: 3 });
    expect(verifyChain(events.filter((e) => e.id !== 2))).toMatchObject({ intact: false, firstBrokenId: 3 });
    expect(verifyChain([events[0]!, events[2]!, events[1]!])).toMatchObject({ intact: false, firstBrokenId: 3 });
    // Re-hashing the edited row alone does not help: the next link breaks.
    const rehashed = edited.map((e) => (e.id === 3 ? { ...e, hash: eventHash(e.prevHash, e) } : e));
    expect(verifyChain(rehashed)).toMatchObject({ intact: false, firstBrokenId: 4 });
  });
});
