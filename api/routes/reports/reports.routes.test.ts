import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listings } from '../../../crawler/crawler.schema.ts';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { seedReportYear } from '../../reports/test/report.seed.ts';
import { createApiFixture, login, type ApiFixture } from '../../test/api.fixture.ts';

const PLATFORM = '<b>"tik"&tok</b>\u0007=cmd';
export const REPORT_OUT = path.join(os.tmpdir(), 'ipwatch-report');

describe.each(databaseKinds())('yearly report routes on %s', (kind) => {
  let f: ApiFixture;
  const cookies: Record<string, string> = {};
  const get = (who: string, url: string) => f.app.request(url, { headers: { cookie: cookies[who]! } });
  beforeAll(async () => {
    f = await createApiFixture(kind);
    const { findingC } = await seedReportYear(f);
    // A hostile crawled value that reaches the report as a bucket name.
    await f.deps.db.update(listings).set({ platform: PLATFORM }).where(eq(listings.id, findingC.listingId));
    for (const [who, user] of Object.entries({ officer: f.seeded.officer, inspector: f.seeded.inspector, holderA: f.seeded.holderA, holderB: f.seeded.holderB })) {
      cookies[who] = (await login(f.app, user.email)).cookie!;
    }
    fs.mkdirSync(REPORT_OUT, { recursive: true });
  });
  afterAll(async () => f?.close());

  it('serves the figures as JSON, scoped for rights holders', async () => {
    const res = await get('inspector', '/api/v1/reports/yearly?year=2026');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ year: 2026, scope: 'all', totals: { findings: 4, notices: 2, removals: 2, medianHoursToRemoval: 20 } });
    expect(body.breakdowns.platform.map((r: { key: string }) => r.key)).toContain(PLATFORM);
    const own = await (await get('holderB', '/api/v1/reports/yearly?year=2026')).json();
    expect(own).toMatchObject({ scope: 'own', totals: { findings: 1, notices: 1, removals: 0 } });
    expect(JSON.stringify(own)).not.toContain('Song Hồ');
  });

  it('refuses a bad year with a 400 problem', async () => {
    for (const year of ['abc', '99999', '1999', '']) {
      const res = await get('officer', `/api/v1/reports/yearly?year=${year}`);
      expect(res.status, year).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect((await get('officer', `/api/v1/reports/yearly.pdf?year=${year}`)).status).toBe(400);
    }
    expect((await get('officer', '/reports?year=abc')).status).toBe(400);
    expect((await f.app.request('/api/v1/reports/yearly?year=2026')).status).toBe(401);
  });

  it('exports XLSX with one sheet per breakdown', async () => {
    const res = await get('officer', '/api/v1/reports/yearly.xlsx?year=2026');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('ipwatch-bao-cao-2026.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng cộng', 'Theo tháng', 'Theo loại hình tác phẩm', 'Theo nhãn hiệu', 'Theo nền tảng', 'Theo xã, phường', 'Theo kết quả xử lý']);
    const platforms = book.getWorksheet('Theo nền tảng')!;
    const values = platforms.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 5));
    expect(values).toContainEqual(['shopee', 2, 1, 2]);
    expect(values.map((v) => v[0])).toContain(`<b>"tik"&tok</b> =cmd`);
    const months = book.getWorksheet('Theo tháng')!;
    expect(months.getRow(2).values).toEqual([undefined, 'Th1', 2, 0, 0]);
    expect(months.getRow(4).getCell(4).value).toBe(2);
  });

  it('renders the PDF for the Chairman in Vietnamese, hostile text as text; rights holders may not have it', async () => {
    const res = await get('officer', '/api/v1/reports/yearly.pdf?year=2026');
    expect(res.status).toBe(200);
    const pdf = path.join(REPORT_OUT, `report-${kind}.pdf`);
    fs.writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('ghi nhận 4 phát hiện nghi vi phạm');
    expect(text).toContain('Xã Song Hồ');
    expect(text).toContain('<b>"tik"&tok</b>');
    expect((await get('holderA', '/api/v1/reports/yearly.pdf?year=2026')).status).toBe(403);
  });

  it('shows the page with SVG charts to officers and inspectors, not to rights holders', async () => {
    const res = await get('inspector', '/reports?year=2026');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;b&gt;&quot;tik&quot;&amp;tok&lt;/b&gt;');
    expect(html).toContain('/api/v1/reports/yearly.pdf?year=2026');
    expect((await get('holderA', '/reports?year=2026')).status).toBe(403);
  });

  it('documents the three routes in OpenAPI', async () => {
    const doc = await (await f.app.request('/api/v1/openapi.json')).json();
    for (const p of ['/api/v1/reports/yearly', '/api/v1/reports/yearly.xlsx', '/api/v1/reports/yearly.pdf']) expect(doc.paths[p]?.get, p).toBeDefined();
  });
});
