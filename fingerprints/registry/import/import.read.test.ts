import { describe, expect, it } from 'vitest';
import { mapHeader } from './import.columns.ts';
import { csvOf, xlsxOf } from './import.fixture.ts';
import { ImportFileError } from './import.issue.ts';
import { readTable } from './import.read.ts';
import { parseDate, validateRow, type WorkRow } from './import.validate.ts';

const limits = { maxFileBytes: 1024 * 1024, maxRows: 100 };
const utf8 = (text: string) => new TextEncoder().encode(text);

async function fileError(promise: Promise<unknown>): Promise<ImportFileError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe('reading registry files', () => {
  it('CSV: BOM, `;` delimiter, quoted newlines keep each record on its first line', async () => {
    const text = '\uFEFFtitle;type;owners\r\n"Đám cưới chuột";fine_art;"Làng Đông Hồ"\r\n"Bài thơ\r\nhai dòng";literary;A\r\n\r\nCuối;photo;B\r\n;;\r\n';
    const table = await readTable('a.csv', utf8(text), limits);
    expect(table.header).toEqual(['title', 'type', 'owners']);
    expect(table.rows.map((r) => r.row)).toEqual([2, 3, 6]);
    expect(table.rows[1]!.cells[0]).toBe('Bài thơ\nhai dòng');
  });

  it('CSV: an unclosed quote names the line where the record starts', async () => {
    const error = await fileError(readTable('bad.csv', utf8('title,type,owners\nA,literary,B\n"C,literary,D\nE,photo,F\n'), limits));
    expect(error.row).toBe(3);
    expect(error.message).toMatch(/bad\.csv.*ngoặc kép/);
  });

  it('CSV: UTF-16, Windows-1258, binary and ZIP content are refused with a reason', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('title,type,owners\n', 'utf16le')]);
    expect((await fileError(readTable('a.csv', utf16, limits))).message).toMatch(/UTF-16/);
    const cp1258 = Buffer.from([...Buffer.from('title,type,owners\nT'), 0xea, 0xd2, 0x6e, ...Buffer.from(',literary,X\n')]);
    expect((await fileError(readTable('a.csv', cp1258, limits))).message).toMatch(/UTF-8.*Windows-1258/);
    expect((await fileError(readTable('a.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), limits))).status).toBe(415);
    const xlsx = await xlsxOf([['title', 'type', 'owners']]);
    expect((await fileError(readTable('a.csv', xlsx, limits))).message).toMatch(/ZIP\/XLSX/);
  });

  it('refuses other extensions, empty files, oversized files and too many rows', async () => {
    expect((await fileError(readTable('a.txt', utf8('x'), limits))).status).toBe(415);
    await fileError(readTable('a.csv', new Uint8Array(), limits));
    expect((await fileError(readTable('a.csv', new Uint8Array(limits.maxFileBytes + 1).fill(65), limits))).status).toBe(413);
    const many = csvOf([['title', 'type', 'owners'], ...Array.from({ length: 101 }, (_, i) => [`T${i}`, 'photo', 'X'])]);
    expect((await fileError(readTable('a.csv', utf8(many), limits))).message).toMatch(/quá nhiều dòng/);
  });

  it('XLSX: dates, numbers, rich text, hyperlinks and cached formula values become text', async () => {
    const bytes = await xlsxOf([
      ['name', 'kind', 'owner', 'filing_date', 'nice_classes', 'goods', 'certificate_no'],
      [
        { richText: [{ text: 'Gốm ' }, { text: 'Phù Lãng', font: { bold: true } }] },
        'collective',
        { text: 'HTX Gốm', hyperlink: 'https://example.vn' },
        new Date(Date.UTC(2024, 2, 5)),
        25,
        { formula: 'CONCAT("a","b")', result: 'ab' },
        '=HYPERLINK("http://x","y")',
      ],
      ['X', 'ordinary', 'Y', '', '', { formula: 'A1' }, { error: '#REF!' }],
    ]);
    const table = await readTable('m.xlsx', bytes, limits);
    expect(table.rows[0]!.cells).toEqual(['Gốm Phù Lãng', 'collective', 'HTX Gốm', '2024-03-05', '25', 'ab', '=HYPERLINK("http://x","y")']);
    expect(table.rows[0]!.row).toBe(2);
    expect(table.rows[1]!.problems.map((p) => p.vi).join(' ')).toMatch(/F3: ô có công thức chưa được tính.*G3: ô có lỗi Excel #REF!/);
  });

  it('XLSX: a truncated workbook and a text file named .xlsx are refused', async () => {
    const bytes = await xlsxOf([['title', 'type', 'owners'], ['A', 'photo', 'B']]);
    expect((await fileError(readTable('t.xlsx', bytes.subarray(0, Math.floor(bytes.length * 0.6)), limits))).message).toMatch(/ZIP/);
    expect((await fileError(readTable('t.xlsx', utf8('title,type,owners\n'), limits))).status).toBe(415);
  });
});

describe('headers and rows', () => {
  it('tells works from marks by the header, in codes or Vietnamese labels, with or without marks', () => {
    expect(mapHeader(['Tên tác phẩm', 'Loại hình', 'Chủ sở hữu'])?.kind).toBe('works');
    expect(mapHeader(['ten nhan hieu', 'LOAI NHAN HIEU', 'Chủ sở hữu (*)'])).toMatchObject({ kind: 'marks', errors: [] });
    expect(mapHeader(['STT', 'foo'])).toBeUndefined();
    const missing = mapHeader(['title', 'type', 'STT'])!;
    expect(missing.errors[0]!.vi).toMatch(/thiếu cột bắt buộc: owners/);
    expect(missing.ignored).toEqual(['STT']);
  });

  it('parses both date forms and refuses impossible dates', () => {
    expect(parseDate('2024-03-05')).toBe('2024-03-05');
    expect(parseDate('5/3/2024')).toBe('2024-03-05');
    expect(parseDate('31/02/2024')).toBeUndefined();
    expect(parseDate('2024/03/05')).toBeUndefined();
  });

  it('validates a work row: codes or labels, lists, formula text kept, every problem reported', () => {
    const header = mapHeader(['title', 'type', 'authors', 'owners', 'certificate_no', 'certificate_date', 'description'])!;
    const ok = validateRow('works', header, { row: 2, problems: [], cells: ['Tranh gà', 'Mỹ thuật', 'A; B;', 'Làng X', '12/2020/qtg', '01/02/2020', "'=HYPERLINK(\"x\")"] });
    expect(ok.ok).toBe(true);
    const work = (ok as { value: WorkRow }).value;
    expect(work).toMatchObject({ type: 'fine_art', authors: ['A', 'B'], certificateNo: '12/2020/QTG', certificateDate: '2020-02-01', description: '=HYPERLINK("x")' });
    const bad = validateRow('works', header, { row: 3, problems: [], cells: ['', 'painting', '', '', 'X-1', '2020-13-01', ''] });
    expect(bad.ok).toBe(false);
    const messages = (bad as { errors: { vi: string }[] }).errors.map((e) => e.vi).join('\n');
    expect(messages).toMatch(/title: bắt buộc/);
    expect(messages).toMatch(/loại hình không hợp lệ "painting"/);
    expect(messages).toMatch(/owners: cần ít nhất một/);
    expect(messages).toMatch(/certificate_no/);
    expect(messages).toMatch(/certificate_date: ngày không hợp lệ/);
  });

  it('validates a mark row: Nice classes, grant after filing', () => {
    const header = mapHeader(['name', 'kind', 'owner', 'filing_date', 'grant_date', 'nice_classes'])!;
    const ok = validateRow('marks', header, { row: 2, problems: [], cells: ['Gốm Phù Lãng', 'geographical_indication', 'UBND', '2019-01-01', '2020-01-01', '35;21; 21'] });
    expect(ok).toMatchObject({ ok: true, value: { niceClasses: [21, 35], kind: 'geographical_indication' } });
    const bad = validateRow('marks', header, { row: 2, problems: [], cells: ['A', 'brand', 'B', '2020-01-01', '2019-01-01', '46'] });
    expect((bad as { errors: { en: string }[] }).errors.map((e) => e.en)).toEqual([
      expect.stringMatching(/unknown mark kind "brand"/),
      expect.stringMatching(/invalid Nice class "46"/),
    ]);
  });
});
