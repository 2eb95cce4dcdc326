import { describe, expect, it } from 'vitest';
import { formatUtc, formatVietnamDate, formatVietnamTime, formatVnd, languageHref, safeNext } from './format.ts';

describe('page formatting', () => {
  it('shows đồng the Vietnamese way and times in UTC and UTC+7', () => {
    expect(formatVnd(1250000).replace(/\s/g, ' ')).toBe('1.250.000 ₫');
    expect(formatVnd(null)).toBe('—');
    const at = new Date('2026-12-31T18:05:09.123Z');
    expect(formatUtc(at)).toBe('2026-12-31 18:05:09 UTC');
    expect(formatVietnamTime(at)).toBe('01/01/2027 01:05:09 (UTC+7)');
    expect(formatVietnamDate(at)).toBe('01/01/2027');
  });

  it('keeps the query when switching language and only follows local redirects', () => {
    expect(languageHref('http://x/findings?status=new&lang=vi', 'en')).toBe('/findings?status=new&lang=en');
    expect(safeNext('/findings/3')).toBe('/findings/3');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', undefined]) expect(safeNext(bad)).toBe('/findings');
  });
});
