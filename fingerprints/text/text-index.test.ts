import { describe, expect, it } from 'vitest';
import { MatchSnapshot, toIndexedWork } from '../../matcher/match.index.ts';
import { markMatches, markSignals } from '../../matcher/mark.signals.ts';
import { prepareListingText, textCandidates, textMatches, textSignals } from '../../matcher/text.signals.ts';
import { FIXTURE_POEM } from './text.fixture.ts';

/** Pruning must never change a result: every work or mark with a signal is among the candidates. */

const SYLLABLES = 'làng tranh bên bến sông đuống giấy dó quét điệp mẹ ngồi in mộc dưới mái hiên xưa màu son chàm gốm phù lãng đông hồ và của bộ bán mới'.split(' ');

function randomText(seed: number, words: number): string {
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) {
    s = (s * 1103515245 + 12345) >>> 0;
    out.push(SYLLABLES[s % SYLLABLES.length]!);
  }
  return out.join(' ');
}

describe('text and mark candidate indexes', () => {
  const poemLines = FIXTURE_POEM.split('\n');
  const works = [
    toIndexedWork({ id: 1, title: 'Làng tranh', keywords: ['Đông Hồ'], text: FIXTURE_POEM }),
    ...Array.from({ length: 40 }, (_, i) => toIndexedWork({ id: i + 2, title: randomText(i, 2 + (i % 5)), keywords: i % 4 ? [] : [randomText(i + 300, 2)], text: randomText(i + 100, 8 + (i % 30)) })),
    toIndexedWork({ id: 45, title: 'Bộ và của bán mới', keywords: ['bộ mới'], text: null }),
    toIndexedWork({ id: 50, title: 'Gốm Phù Lãng', keywords: [], text: null, kind: 'mark' }),
    toIndexedWork({ id: 51, title: 'Tranh Đông Hồ', keywords: [], text: null, kind: 'mark' }),
    toIndexedWork({ id: 52, title: 'Mỳ Chũ', keywords: [], text: null, kind: 'mark' }),
  ];
  const snapshot = new MatchSnapshot([], works, Date.now());

  it('names every work and mark that has a signal, for random and copied listings', () => {
    const listings = [
      ...Array.from({ length: 60 }, (_, i) => ({ title: randomText(i + 500, 6), description: randomText(i + 900, 20 + i * 3) })),
      { title: 'Tranh dong ho', description: poemLines.slice(2, 6).join(' ') },
      { title: 'G0m Phu-Lang chinh hang', description: null },
      { title: 'T r a n h Đ ô n g H ồ', description: 'my chu' },
    ];
    let withSignals = 0;
    for (const listing of listings) {
      const prepared = prepareListingText(listing);
      const named = new Set(textCandidates(snapshot.works, prepared).map((w) => w.id));
      const marks = new Map(markMatches(snapshot.works, prepared).map((m) => [m.mark.id, m.signals]));
      const texts = new Map(textMatches(snapshot.works, listing, prepared).map((m) => [m.work.id, m.signals]));
      for (const work of works) {
        const signals = work.kind === 'mark' ? markSignals(work, prepared) : textSignals(work, listing, prepared);
        expect((work.kind === 'mark' ? marks : texts).get(work.id) ?? [], `${work.title} for "${listing.title}"`).toEqual(signals);
        if (signals.length) {
          withSignals += 1;
          if (work.kind !== 'mark') expect(named.has(work.id), `${work.title} for "${listing.title}"`).toBe(true);
        }
      }
    }
    expect(withSignals).toBeGreaterThan(20);
  });

  it('finds a mark written with spaced-out letters (no teencode inside a name)', () => {
    const prepared = prepareListingText({ title: 'T r a n h Đ ô n g H ồ', description: null });
    expect(markSignals(works.find((w) => w.id === 51)!, prepared)[0]?.matched).toBe(true);
  });

  it('the registry-wide mark path gives exactly the per-mark signals, for edited names (fuzz)', () => {
    let seed = 11;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    const names = Array.from({ length: 120 }, (_, i) => Array.from({ length: 1 + (i % 4) }, () => pick(SYLLABLES)).join(' '));
    const marks = names.map((title, i) => toIndexedWork({ id: 1000 + i, title, keywords: [], text: null, kind: 'mark' }));
    const registry = new MatchSnapshot([], marks, Date.now());
    const edit = (name: string): string => {
      const chars = [...name];
      const at = Math.floor(rnd() * chars.length);
      switch (Math.floor(rnd() * 6)) {
        case 0: return name.replace(/ /g, '');
        case 1: return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
        case 2: chars.splice(at, 1); return chars.join('');
        case 3: chars.splice(at, 0, pick([...'abcdo0'])); return chars.join('');
        case 4: return name.replace(/o/g, '0').replace(/i/g, '1');
        default: return at + 1 < chars.length ? [...chars.slice(0, at), chars[at + 1], chars[at], ...chars.slice(at + 2)].join('') : name;
      }
    };
    let found = 0;
    for (let i = 0; i < 150; i += 1) {
      const title = `${pick(SYLLABLES)} ${edit(pick(names))} ${pick(SYLLABLES)} ${rnd() < 0.3 ? edit(pick(names)) : ''}`;
      const prepared = prepareListingText({ title, description: rnd() < 0.3 ? randomText(i, 30) : null });
      const fast = new Map(markMatches(registry.works, prepared).map((m) => [m.mark.id, m.signals]));
      for (const mark of marks) {
        const slow = markSignals(mark, prepared);
        found += slow.length;
        expect(fast.get(mark.id) ?? [], `${mark.title} in "${title}"`).toEqual(slow);
      }
    }
    expect(found).toBeGreaterThan(150);
  });

  it('names a work whose copy is two short runs across a dropped word, and a text registered many times', () => {
    const verse = 'mẹ ngồi in mộc dưới mái hiên xưa màu son chàm';
    const copies = Array.from({ length: 80 }, (_, i) => toIndexedWork({ id: 200 + i, title: '', keywords: [], text: verse }));
    const registry = new MatchSnapshot([], [...copies, ...works], Date.now());
    // "mẹ ngồi in" + "dưới mái hiên": 3 + 3 words with "mộc" dropped chain into one 5-word passage.
    const listing = { title: 'tranh', description: 'bán tranh mẹ ngồi in dưới mái hiên giấy dó' };
    const prepared = prepareListingText(listing);
    const reference = textSignals(copies[0]!, listing, prepared);
    expect(reference.length).toBe(1);
    const named = new Set(textCandidates(registry.works, prepared).map((w) => w.id));
    for (const copy of copies) expect(named.has(copy.id)).toBe(true);
  });
});
