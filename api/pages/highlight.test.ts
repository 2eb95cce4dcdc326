import { describe, expect, it } from 'vitest';
import { highlight, highlightSpans } from './highlight.ts';

describe('highlight', () => {
  it('marks every occurrence, case-insensitively, and merges overlaps', () => {
    expect(highlight('Tranh Đông Hồ: đông hồ gà', ['đông hồ', 'hồ gà'])).toEqual([
      { text: 'Tranh ', marked: false },
      { text: 'Đông Hồ', marked: true },
      { text: ': ', marked: false },
      { text: 'đông hồ gà', marked: true },
    ]);
  });

  it('matches decomposed input after NFC and leaves text alone without spans', () => {
    expect(highlight('ho\u0300a binh', ['hòa'])).toEqual([{ text: 'hòa', marked: true }, { text: ' binh', marked: false }]);
    expect(highlight('abc', [])).toEqual([{ text: 'abc', marked: false }]);
    expect(highlight('', ['x'])).toEqual([]);
  });
});

describe('highlightSpans', () => {
  it('marks the matcher’s exact offsets, and falls back to searching when they no longer fit', () => {
    const text = 'Thơ: Bến sông làng tranh, bến sông quê.';
    expect(highlightSpans(text, [{ text: 'bến sông', start: 26, end: 34 }])).toEqual([
      { text: 'Thơ: Bến sông làng tranh, ', marked: false },
      { text: 'bến sông', marked: true },
      { text: ' quê.', marked: false },
    ]);
    // Stale offsets (the listing changed): every occurrence is marked, case-insensitively.
    expect(highlightSpans(text, [{ text: 'bến sông', start: 0, end: 8 }]).filter((s) => s.marked)).toHaveLength(2);
  });
});
