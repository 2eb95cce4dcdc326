import { describe, expect, it } from 'vitest';
import { MatchSnapshot, toIndexedWork } from '../../matcher/match.index.ts';
import { markCandidates, markSignals } from '../../matcher/mark.signals.ts';
import { prepareListingText, textCandidates, textSignals } from '../../matcher/text.signals.ts';
import { FIXTURE_POEM } from './text.fixture.ts';

/** Pruning must never change a result: every work or mark with a signal is among the candidates. */

const SYLLABLES = 'làng tranh bên bến sông đuống giấy dó quét điệp mẹ ngồi in mộc dưới mái hiên xưa màu son chàm gốm phù lãng đông hồ'.split(' ');

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
    ...Array.from({ length: 40 }, (_, i) => toIndexedWork({ id: i + 2, title: randomText(i, 3), keywords: [], text: randomText(i + 100, 8 + (i % 30)) })),
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
      const named = new Set([...textCandidates(snapshot.works, prepared), ...markCandidates(snapshot.works, prepared)].map((w) => w.id));
      for (const work of works) {
        const signals = work.kind === 'mark' ? markSignals(work, prepared) : textSignals(work, listing, prepared);
        if (signals.length) {
          withSignals += 1;
          expect(named.has(work.id), `${work.title} for "${listing.title}"`).toBe(true);
        }
      }
    }
    expect(withSignals).toBeGreaterThan(20);
  });

  it('finds a mark written with spaced-out letters (no teencode inside a name)', () => {
    const prepared = prepareListingText({ title: 'T r a n h Đ ô n g H ồ', description: null });
    expect(markSignals(works.find((w) => w.id === 51)!, prepared)[0]?.matched).toBe(true);
  });
});
