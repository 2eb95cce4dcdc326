import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { createApiFixture, type ApiFixture } from '../../test/api.fixture.ts';
import { workPng } from '../../test/images.fixture.ts';
import { PortalClients } from './portal.fixture.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const WORKS_CSV = [
  'title,type,authors,owners,certificate_no,certificate_date,description',
  'Tranh Gà mái,fine_art,Nghệ nhân Nguyễn Đăng Chế,Làng tranh Đông Hồ,5001/2026/QTG,2026-05-01,"=HYPERLINK(""http://evil.example"",""bấm"")"',
  'Gốm Phù Lãng men nâu,applied_art,,HTX Gốm Phù Lãng,,,',
].join('\n');

describe.each(databaseKinds())('REST marks and registry import on %s', (kind) => {
  let f: ApiFixture;
  let api: PortalClients;
  beforeAll(async () => {
    f = await createApiFixture(kind);
    api = await new PortalClients(f).signIn();
  });
  afterAll(() => f?.close());

  it('creates marks per owner; a rights holder sees and edits only their own; inspectors read only', async () => {
    const res = await api.json('POST', '/api/v1/marks', 'officer', { name: 'Gốm Phù Lãng', kind: 'collective', owner: 'HTX Gốm Phù Lãng', certificateNo: '4-0412345-000', filingDate: '2020-03-15', niceClasses: [21, 35] });
    expect(res.status).toBe(201);
    const markB = await res.json();
    expect(markB).toMatchObject({ name: 'Gốm Phù Lãng', owner: { id: f.seeded.holderB.ownerId }, niceClasses: [21, 35], expiresOn: '2030-03-15' });
    const own = await (await api.json('POST', '/api/v1/marks', 'holderA', { name: 'Tranh Đông Hồ', kind: 'geographical_indication' })).json();
    expect(own.owner.id).toBe(f.seeded.holderA.ownerId);

    expect((await (await api.get('/api/v1/marks?q=gom%20phu%20lang', 'inspector')).json()).items.map((m: { id: number }) => m.id)).toEqual([markB.id]);
    expect((await (await api.get('/api/v1/marks', 'holderA')).json()).items.map((m: { id: number }) => m.id)).toEqual([own.id]);
    for (const attempt of [
      () => api.get(`/api/v1/marks/${markB.id}`, 'holderA'),
      () => api.get(`/api/v1/marks/${markB.id}/fingerprint`, 'holderA'),
      () => api.json('PATCH', `/api/v1/marks/${markB.id}`, 'holderA', { goods: 'x' }),
      () => api.json('POST', `/api/v1/marks/${markB.id}/status`, 'holderA', { status: 'withdrawn' }),
      async () => api.multipart(`/api/v1/marks/${markB.id}/image`, 'holderA', { file: { name: 'logo.png', bytes: await workPng() } }),
    ]) expect((await attempt()).status).toBe(404);
    expect((await api.json('PATCH', `/api/v1/marks/${markB.id}`, 'inspector', { goods: 'x' })).status).toBe(403);
    expect((await api.json('POST', '/api/v1/marks', 'inspector', { name: 'X', kind: 'ordinary', owner: 'Y' })).status).toBe(403);

    const image = await api.multipart(`/api/v1/marks/${own.id}/image`, 'holderA', { file: { name: 'logo.png', bytes: await workPng() } });
    expect(image.status).toBe(201);
    const asset = await image.json();
    expect((await api.get(`/files/assets/${asset.id}`, 'holderB')).status).toBe(404);
    expect((await api.get(`/files/assets/${asset.id}`, 'holderA')).status).toBe(200);
    expect((await api.delete(`/api/v1/marks/${own.id}/assets/${asset.id}`, 'holderB')).status).toBe(404);
    expect((await api.delete(`/api/v1/marks/${own.id}/assets/${asset.id}`, 'holderA')).status).toBe(204);
    for (const body of [{ name: 'X', kind: 'brand' }, { name: 'X', kind: 'ordinary', niceClasses: [46] }, { name: 'X', kind: 'ordinary', filingDate: '15/03/2020x' }, { name: 'X', kind: 'ordinary', extra: 1 }]) {
      expect((await api.json('POST', '/api/v1/marks', 'officer', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await api.get('/api/v1/marks/2147483648', 'officer')).status).toBe(400);
  });

  it('imports a CSV: dry run writes nothing, the real run creates, a re-run changes nothing (same JSON as the CLI)', async () => {
    const dry = await api.multipart('/api/v1/registry/import', 'officer', { file: { name: 'tac-pham.csv', bytes: utf8(WORKS_CSV) }, dryRun: 'true' });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toEqual({ kind: 'works', created: 2, updated: 0, unchanged: 0, rejected: [] });
    expect((await (await api.get('/api/v1/works?q=ga%20mai', 'officer')).json()).total).toBe(0);
    const real = await api.multipart('/api/v1/registry/import', 'officer', { file: { name: 'tac-pham.csv', bytes: utf8(WORKS_CSV) } });
    expect(await real.json()).toEqual({ kind: 'works', created: 2, updated: 0, unchanged: 0, rejected: [] });
    const again = await api.multipart('/api/v1/registry/import', 'officer', { file: { name: 'tac-pham.csv', bytes: utf8(WORKS_CSV) } });
    expect(await again.json()).toEqual({ kind: 'works', created: 0, updated: 0, unchanged: 2, rejected: [] });
    const ga = (await (await api.get('/api/v1/works?q=ga%20mai', 'holderA')).json()).items;
    expect(ga).toMatchObject([{ title: 'Tranh Gà mái', description: '=HYPERLINK("http://evil.example","bấm")' }]);
  });

  it('rejects a file with a bad row as a 422 problem with a Vietnamese reason per row, and writes nothing', async () => {
    const csv = 'title,type,owners,certificate_no\nTác phẩm tốt,folk,Ai đó,\nTác phẩm xấu,poem,Ai đó,\nTrùng số,folk,Ai đó,5001/2026/QTG\n';
    const res = await api.multipart('/api/v1/registry/import', 'officer', { file: { name: 'x.csv', bytes: utf8(csv) } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect(body).toMatchObject({ type: 'import-rejected', status: 422, kind: 'works', created: 0, updated: 0 });
    expect(body.rejected.map((r: { row: number }) => r.row)).toEqual(expect.arrayContaining([3]));
    expect(body.rejected.find((r: { row: number }) => r.row === 3).errors.join(' ')).toMatch(/[àáảãạăâđêôơư]/);
    expect((await (await api.get('/api/v1/works?q=tac%20pham%20tot', 'officer')).json()).total).toBe(0);
  });

  it('refuses whole files: missing required column, wrong type behind .xlsx, oversized, no file; and non-officers', async () => {
    const cases: [string, Record<string, string | { name: string; bytes: Uint8Array }>, number][] = [
      ['missing column', { file: { name: 'x.csv', bytes: utf8('title,type\nA,folk\n') } }, 422],
      ['html as xlsx', { file: { name: 'x.xlsx', bytes: utf8('<html>not a workbook</html>') } }, 415],
      ['zip that is not one', { file: { name: 'x.csv', bytes: utf8(WORKS_CSV) }, images: { name: 'i.zip', bytes: utf8('PK nope') } }, 400],
      ['no file', { dryRun: 'true' }, 400],
    ];
    for (const [what, fields, status] of cases) {
      const res = await api.multipart('/api/v1/registry/import', 'officer', fields);
      expect([status, 400, 413, 415, 422], what).toContain(res.status);
      expect(res.status, what).toBeGreaterThanOrEqual(400);
      expect(res.status, what).toBeLessThan(500);
      expect(res.headers.get('content-type'), what).toBe('application/problem+json');
    }
    for (const who of ['inspector', 'holderA'] as const) {
      expect((await api.multipart('/api/v1/registry/import', who, { file: { name: 'x.csv', bytes: utf8(WORKS_CSV) } })).status).toBe(403);
    }
    expect((await api.multipart('/api/v1/registry/import', 'anonymous', { file: { name: 'x.csv', bytes: utf8(WORKS_CSV) } })).status).toBe(401);
  });

  it('exports what the user may see with formulas neutralised, and serves the templates', async () => {
    const csv = await api.get('/api/v1/registry/export?kind=works&format=csv', 'officer');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="tac-pham-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = await csv.text();
    expect(text).toContain('Tranh Gà mái');
    expect(text).toContain(`"'=HYPERLINK(`);
    const holder = await (await api.get('/api/v1/registry/export?kind=works&format=csv', 'holderB')).text();
    expect(holder).toContain('Bình gốm men da lươn');
    expect(holder).not.toContain('Tranh Gà mái');
    const xlsx = await api.get('/api/v1/registry/export?kind=works&format=xlsx', 'inspector');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const cells = book.worksheets[0]!.getSheetValues().flat().filter((v) => typeof v === 'string') as string[];
    expect(cells.some((v) => v.startsWith("'=HYPERLINK"))).toBe(true);
    const template = await api.get('/api/v1/registry/template?kind=marks&format=csv', 'holderA');
    expect(template.status).toBe(200);
    expect(await template.text()).toMatch(/^\uFEFF?.*\*/);
    expect((await api.get('/api/v1/registry/template?kind=people', 'officer')).status).toBe(400);
    expect((await api.get('/api/v1/registry/export?kind=works', 'anonymous')).status).toBe(401);
  });
});
