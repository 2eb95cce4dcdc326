import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { createApiFixture, type ApiFixture } from '../test/api.fixture.ts';
import { communeSql } from './report.repository.ts';
import { parseYear, ReportService } from './report.service.ts';
import { seedReportYear } from './test/report.seed.ts';

const pick = <T extends { key: string | null }>(rows: T[], key: string | null) => rows.find((r) => r.key === key);

describe.each(databaseKinds())('yearly report aggregation on %s', (kind) => {
  let f: ApiFixture;
  let service: ReportService;
  beforeAll(async () => {
    f = await createApiFixture(kind);
    await seedReportYear(f);
    service = new ReportService(f.deps.db, (await import('../api.services.ts')).createServices(f.deps).access, () => new Date('2026-12-01T00:00:00Z'));
  });
  afterAll(async () => f?.close());

  it('counts findings, notices, removals and time to removal per breakdown (Vietnam time)', async () => {
    const r = await service.yearly(f.seeded.officer, 2026);
    expect(r.scope).toBe('all');
    expect(r.totals).toEqual({ key: 'all', findings: 4, notices: 2, removals: 2, avgHoursToRemoval: 20, medianHoursToRemoval: 20 });
    const m = r.breakdowns.month;
    expect(m).toHaveLength(12);
    expect(m.map((x) => x.findings)).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0]);
    expect(m.map((x) => x.notices)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(pick(m, '3')).toMatchObject({ removals: 2, avgHoursToRemoval: 20, medianHoursToRemoval: 20 });
    expect(r.breakdowns.workType.map((x) => [x.key, x.findings, x.notices, x.removals])).toEqual([['applied_art', 1, 1, 0], ['fine_art', 2, 1, 2], ['mark', 1, 0, 0]]);
    expect(r.breakdowns.mark.map((x) => [x.key, x.findings])).toEqual([['Tranh Đông Hồ (12345)', 1]]);
    expect(r.breakdowns.platform.map((x) => [x.key, x.findings, x.notices, x.removals])).toEqual([['lazada', 1, 1, 0], ['shopee', 2, 1, 2], ['tiktok', 1, 0, 0]]);
    expect(r.breakdowns.commune.map((x) => [x.key, x.findings, x.notices, x.removals])).toEqual([['Xã Phù Lãng', 1, 1, 0], ['Xã Song Hồ', 3, 1, 2]]);
    expect(r.breakdowns.outcome.map((x) => [x.key, x.findings, x.notices, x.removals])).toEqual([['no_case', 1, 0, 0], ['open', 1, 1, 0], ['removed', 2, 1, 2]]);
    const medianCheck = pick(r.breakdowns.platform, 'shopee')!;
    expect(medianCheck.medianHoursToRemoval).toBe(20);
  });

  it('the year before and after hold only the finding across each boundary', async () => {
    expect((await service.yearly(f.seeded.officer, 2025)).totals.findings).toBe(0);
    expect((await service.yearly(f.seeded.officer, 2027)).totals).toMatchObject({ findings: 1, notices: 0, removals: 0, avgHoursToRemoval: null });
  });

  it("gives a rights holder only their own works' and marks' figures", async () => {
    const a = await service.yearly(f.seeded.holderA, 2026);
    expect(a.scope).toBe('own');
    expect(a.totals).toMatchObject({ findings: 3, notices: 1, removals: 2 });
    expect(a.breakdowns.platform.map((x) => x.key)).toEqual(['shopee', 'tiktok']);
    expect(a.breakdowns.commune.map((x) => x.key)).toEqual(['Xã Song Hồ']);
    const b = await service.yearly(f.seeded.holderB, 2026);
    expect(b.totals).toMatchObject({ findings: 1, notices: 1, removals: 0 });
    expect(b.breakdowns.mark).toEqual([]);
  });

  it('reads the commune or ward out of an address, new and old forms; anything else is unknown', async () => {
    const cases: [string | null, string | null][] = [
      ['Số 5 đường Lý Thái Tổ, Phường Kinh Bắc, tỉnh Bắc Ninh', 'Phường Kinh Bắc'],
      ['xã Phù Lãng huyện Quế Võ, Bắc Ninh', 'Xã Phù Lãng'],
      ['Khu phố Đa Hội, phường  Đông   Ngàn, thị xã Từ Sơn', 'Phường Đông Ngàn'],
      ['Thị trấn Hồ, Thuận Thành', 'Thị trấn Hồ'],
      ['Thôn Đông Hồ, Song Hồ, Thuận Thành', null],
      ['', null],
      [null, null],
    ];
    for (const [address, expected] of cases) {
      const result = (await f.deps.db.execute(sql`select ${sql.raw(communeSql('a'))} as c from (select ${address}::text as a) t`)) as unknown as { rows: { c: string | null }[] };
      expect(result.rows[0]!.c, String(address)).toBe(expected);
    }
  });
});

describe('year parameter', () => {
  it('accepts a year, defaults to the Vietnam year, refuses anything else', () => {
    expect(parseYear('2026', new Date())).toBe(2026);
    expect(parseYear(undefined, new Date('2026-12-31T17:30:00Z'))).toBe(2027);
    for (const bad of ['abc', '99999', '1999', '2026.5', '', '-1']) expect(() => parseYear(bad, new Date()), bad).toThrow(/year/);
  });
});
