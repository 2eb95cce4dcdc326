import { describe, expect, it } from 'vitest';
import { prepareMatchText } from '../fingerprints/text/text-similarity.ts';
import { FIXTURE_POEM } from './matcher.fixture.ts';
import { prepareListingText, textSignals } from './text.signals.ts';

const work = { id: 1, title: 'Tranh Đám cưới chuột', keywords: ['Đông Hồ', 'Hồ Tây'], text: prepareMatchText(FIXTURE_POEM) };

describe('textSignals', () => {
  it('quotes reuse from the field it was found in, and keywords as the listing wrote them', () => {
    const listing = { title: 'Tranh DONG HO đám cưới chuột', description: `Thơ:\n${FIXTURE_POEM}` };
    const signals = textSignals(work, listing, prepareListingText(listing));
    expect(signals.map((s) => s.algorithm)).toEqual(['text-shingles', 'title-words', 'keywords']);
    expect(signals[0]).toMatchObject({ matched: true, spans: [{ field: 'description', text: FIXTURE_POEM }] });
    expect(signals[1]!.spans).toEqual([{ field: 'title', text: 'Tranh DONG HO đám cưới chuột' }]);
    expect(signals[2]!.spans).toEqual([{ field: 'title', text: 'DONG HO' }]);
  });

  it('records nothing for a listing that shares only a word or two', () => {
    const listing = { title: 'Bẫy chuột', description: 'Làng bên có chợ tranh.' };
    expect(textSignals(work, listing, prepareListingText(listing))).toEqual([]);
  });

  it('keeps the title and description apart: no passage spans both', () => {
    const listing = { title: 'Chuột rước dâu', description: 'kèn trống rộn ràng' };
    const reuse = textSignals(work, listing, prepareListingText(listing)).find((s) => s.algorithm === 'text-shingles');
    expect(reuse).toBeUndefined();
  });
});
