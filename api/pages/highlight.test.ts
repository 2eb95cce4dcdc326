import { describe, expect, it } from 'vitest';
import { highlight } from './highlight.ts';

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
