import { describe, expect, it } from 'vitest';
import { nextFirings, validateCron } from './schedule.cron.ts';
import { buildSearchUrl } from './source.search.ts';

describe('schedules (cron in Vietnam time) and search sources', () => {
  it('reads cron in Asia/Ho_Chi_Minh: 02:00 there is 19:00 UTC the day before', () => {
    expect(validateCron('  0   2 * * * ')).toBe('0 2 * * *');
    const [next] = nextFirings('0 2 * * *', 1, new Date('2026-11-25T12:00:00Z'));
    expect(next!.toISOString()).toBe('2026-11-25T19:00:00.000Z');
    expect(validateCron('0 8 * * MON-FRI')).toBe('0 8 * * MON-FRI');
  });

  it.each([
    ['', /empty/],
    ['61 * * * *', /not a valid cron/],
    ['0 25 * * *', /not a valid cron/],
    ['* * * * * *', /5 fields/],
    ['0 2 * *', /5 fields/],
    ['*/5 * * * *', /minimum is 10/],
    ['@reboot', /characters/],
    ['0 2 * * *; rm -rf /', /characters/],
    ['0 0 31 2 *', /not a valid cron|never/],
    ['x'.repeat(500), /characters|5 fields/],
  ])('refuses %j', (cron, message) => {
    expect(() => validateCron(cron)).toThrow(message);
  });

  it('builds search URLs: known marketplaces, templates, encoded queries, never in the host', () => {
    expect(buildSearchUrl('https://tiki.vn/', 'tranh Đông Hồ').url).toBe('https://tiki.vn/search?q=tranh%20%C4%90%C3%B4ng%20H%E1%BB%93');
    expect(buildSearchUrl('http://127.0.0.1:3100/tim-kiem?q={query}', 'gốm & sứ').url).toBe('http://127.0.0.1:3100/tim-kiem?q=g%E1%BB%91m%20%26%20s%E1%BB%A9');
    expect(() => buildSearchUrl('https://{query}.example.vn/', 'x')).toThrow(/not its host/);
    expect(() => buildSearchUrl('javascript:{query}', 'x')).toThrow(/only http and https/);
    expect(() => buildSearchUrl('https://shopee.vn', '   ')).toThrow(/empty/);
  });
});
