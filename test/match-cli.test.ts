import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productCard, scenePng } from '../fingerprints/image/synthetic.fixture.ts';
import { prepareListingText } from '../matcher/text.signals.ts';
import { toIndexedWork } from '../matcher/match.index.ts';
import { markSignals } from '../matcher/mark.signals.ts';
import { labelledPhoto, plainPhoto } from '../matcher/ocr.fixture.ts';
import { runCli, type CliResult } from './helpers/cli.ts';

/** `ipwatch match` (DESIGN.md §5) run as the real process, on inputs written here (no licence issues). */

interface Line {
  query: string | number;
  matches: { work: string | number; score: number; explanation: string; signals: { algorithm: string }[] }[];
  error?: string;
}

// Written for this test: a lục bát verse about the Cầu river, and an unrelated text sharing its words.
const VERSE = [
  'Chiều về trên bến sông Cầu',
  'Con đò lặng lẽ qua cầu gió bay',
  'Làng tranh giấy điệp hây hây',
  'Mẹ ngồi in mộc cả ngày không thôi',
  'Quan họ câu hát lả lơi',
  'Giữ tình người ở chẳng rời quê hương',
].join('\n');
const UNRELATED = 'Hôm nay trời mưa, mẹ nấu canh cua. Con đò chờ khách, gió bay lá vàng ngoài ngõ, cả ngày không thôi.';

function strip(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

function parse(result: CliResult): Line[] {
  return result.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);
}

function byQuery(lines: Line[]): Map<string | number, Line> {
  return new Map(lines.map((l) => [l.query, l]));
}

function expectOneLine(result: CliResult, pattern: RegExp) {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('ipwatch match (offline batch matching)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const at = (...parts: string[]) => path.join(dir, ...parts);
  const write = (file: string, data: string | Buffer) => fs.writeFile(at(file), data);
  const match = (works: string, candidates: string) => runCli(['match', '--works', at(works), '--candidates', at(candidates)], env);

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-match-'));
    // No database and no Redis: an unusable URL would fail the run if the command touched either.
    env = { ...process.env, IPWATCH_DATA_DIR: at('data'), DATABASE_URL: '', REDIS_URL: '' };
    for (const sub of ['works', 'works/sub', 'candidates', 'candidates/nested', 'good', 'badworks']) await fs.mkdir(at(sub), { recursive: true });
    const a = await scenePng(301);
    const b = await scenePng(302);
    await write('works/painting-a.png', a);
    await write('works/painting-b.png', b);
    await write('works/.notes', 'not an image, and hidden');
    await write('works/sub/ignored.txt', 'subdirectories are not part of the set');
    const resized = await sharp(a).resize(320).jpeg({ quality: 70 }).toBuffer();
    const card = await productCard(b);
    const other = await scenePng(399);
    const full = await sharp(a).jpeg().toBuffer();
    for (const d of ['candidates', 'good']) {
      await write(`${d}/resized.jpg`, resized);
      await write(`${d}/card.png`, card);
      await write(`${d}/other.png`, other);
    }
    await write('candidates/truncated.jpg', full.subarray(0, Math.floor(full.length / 2)));
    await write('candidates/text.jpg', 'Xin chào, đây không phải là ảnh.');
    await write('candidates/empty.png', '');
    await write('candidates/.DS_Store', 'x');
    await write('candidates/nested/deep.png', other);
    await write('badworks/good.png', a);
    await write('badworks/broken.jpg', full.subarray(0, 200));
    await fs.mkdir(at('photos'));
    await write('photos/labelled.jpg', await labelledPhoto('Gốm Phù Lãng'));
    await write('photos/plain.jpg', await plainPhoto());

    const works = [
      { id: 'verse-cau', title: 'Bến sông Cầu', text: VERSE },
      { id: 'gom-phu-lang', kind: 'mark', text: 'Gốm Phù Lãng' },
      { id: 7, kind: 'mark', title: 'Nhãn hiệu tập thể Tranh Đông Hồ', text: 'Đông Hồ' },
    ];
    await write('works.jsonl', works.map((w) => JSON.stringify(w)).join('\n') + '\n');
    const candidates = [
      { id: 'copy', text: `Góc thơ\nBài thơ hay sưu tầm: ${strip(VERSE).replace(/\n/g, ', ')}. Mời các bạn chia sẻ.` },
      { id: 'unrelated', text: UNRELATED },
      { id: 'mark-in-title', text: 'Bình hoa gốm Phù Lãng men lam cao cấp trang trí phòng khách size lớn, freeship toàn quốc' },
      { id: 'mark-similar', text: 'Lọ cắm hoa Gốm Phù Lãnh hàng thủ công giá rẻ' },
      { id: 'mark-unaccented', text: 'tranh dong ho dam cuoi chuot kho lon' },
      { id: 'clock', text: 'Đồng hồ treo tường chạy êm, đồng bộ giờ tự động' },
      { id: 12, text: '' },
    ];
    await write('candidates.jsonl', candidates.map((c) => JSON.stringify(c)).join('\n') + '\n');
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('images vs images: copies found, unrelated empty, unreadable files reported per candidate, exit 2', async () => {
    const result = await match('works', 'candidates');
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const lines = parse(result);
    expect(lines.map((l) => l.query).sort()).toEqual(['card', 'empty', 'other', 'resized', 'text', 'truncated']);
    const q = byQuery(lines);
    expect(q.get('resized')!.matches.map((m) => m.work)).toEqual(['painting-a']);
    expect(q.get('card')!.matches.map((m) => m.work)).toEqual(['painting-b']);
    for (const m of [...q.get('resized')!.matches, ...q.get('card')!.matches]) {
      expect(m.score).toBeGreaterThanOrEqual(0.5);
      expect(m.score).toBeLessThanOrEqual(1);
      expect(m.explanation).toMatch(/image/);
    }
    expect(q.get('other')).toEqual({ query: 'other', matches: [] });
    expect(q.get('truncated')).toMatchObject({ matches: [], error: expect.stringMatching(/truncated|corrupt/) });
    expect(q.get('text')).toMatchObject({ matches: [], error: expect.stringMatching(/not an image/) });
    expect(q.get('empty')).toMatchObject({ matches: [], error: expect.stringMatching(/empty/) });
  });

  it('exits 0 when every candidate was read', async () => {
    const result = await match('works', 'good');
    expect(result.code).toBe(0);
    const q = byQuery(parse(result));
    expect(q.size).toBe(3);
    expect(q.get('resized')!.matches[0]!.work).toBe('painting-a');
    expect(q.get('other')!.matches).toEqual([]);
  });

  it('texts: an accent-stripped copy of a verse and marks inside titles, nothing for look-alike words', async () => {
    const result = await match('works.jsonl', 'candidates.jsonl');
    expect(result.code).toBe(0);
    const q = byQuery(parse(result));
    expect(q.size).toBe(7);
    const copy = q.get('copy')!.matches;
    expect(copy.map((m) => m.work)).toEqual(['verse-cau']);
    expect(copy[0]!.signals.map((s) => s.algorithm)).toContain('text-shingles');
    expect(q.get('unrelated')!.matches).toEqual([]);
    expect(q.get('mark-in-title')!.matches.map((m) => m.work)).toEqual(['gom-phu-lang']);
    const similar = q.get('mark-similar')!.matches;
    expect(similar.map((m) => m.work)).toEqual(['gom-phu-lang']);
    expect(similar[0]!.score).toBeLessThan(1);
    expect(similar[0]!.explanation).toMatch(/mark-name/);
    // Numeric ids keep their JSON type, on both sides.
    expect(q.get('mark-unaccented')!.matches.map((m) => m.work)).toEqual([7]);
    // "đồng hồ" (a clock) folds to the letters of "Đông Hồ"; with diacritics written, it is another word.
    expect(q.get('clock')!.matches).toEqual([]);
    expect(q.get(12)!.matches).toEqual([]);
  });

  it('marks printed on candidate images are OCR\'d and matched; IPWATCH_OCR=off turns that off', async () => {
    const result = await match('works.jsonl', 'photos');
    expect(result.code).toBe(0);
    const q = byQuery(parse(result));
    expect(q.get('labelled')!.matches.map((m) => m.work)).toEqual(['gom-phu-lang']);
    const signal = q.get('labelled')!.matches[0]!.signals[0] as unknown as { explanation: string; spans: { field: string }[] };
    expect(signal.explanation).toContain('image 1 (OCR)');
    expect(signal.spans[0]!.field).toBe('image 1 (OCR)');
    expect(q.get('plain')).toEqual({ query: 'plain', matches: [] });
    const off = await runCli(['match', '--works', at('works.jsonl'), '--candidates', at('photos')], { ...env, IPWATCH_OCR: 'off' });
    expect(off.code).toBe(0);
    expect(byQuery(parse(off)).get('labelled')).toEqual({ query: 'labelled', matches: [] });
  }, 120_000);

  it('a broken candidate line gets an error line (by id when it shows) and the run goes on, exit 2', async () => {
    const lines = [
      JSON.stringify({ id: 'before', text: 'Bình gốm Phù Lãng' }),
      '{"id":"cut-off","text":"Bình gốm',
      '{"text":"no id at all"}',
      'not json',
      '',
      JSON.stringify({ id: 'after', text: 'Đĩa gốm Phù Lãng' }),
    ];
    await write('broken.jsonl', lines.join('\n'));
    const result = await match('works.jsonl', 'broken.jsonl');
    expect(result.code).toBe(2);
    const q = byQuery(parse(result));
    expect([...q.keys()].sort()).toEqual(['after', 'before', 'cut-off', 'line:3', 'line:4']);
    expect(q.get('cut-off')).toMatchObject({ matches: [], error: expect.stringMatching(/JSON/) });
    expect(q.get('line:3')).toMatchObject({ matches: [], error: expect.stringMatching(/id/) });
    expect(q.get('after')!.matches.map((m) => m.work)).toEqual(['gom-phu-lang']);
  });

  it('a huge line is refused unread and a windows-1258 line is still matched', async () => {
    const huge = JSON.stringify({ id: 'huge', text: 'gốm '.repeat(2_800_000) });
    // "Bình Gốm Phù Lãng" in windows-1258: base letters with combining tone marks.
    const legacy = Buffer.from([...Buffer.from('{"id":"legacy","text":"B'), 0xec, ...Buffer.from('nh G'), 0xf4, 0xec, ...Buffer.from('m Phu'), 0xcc, ...Buffer.from(' La'), 0xde, ...Buffer.from('ng"}')]);
    await write('hostile.jsonl', Buffer.concat([Buffer.from(`${huge}\n`), legacy, Buffer.from(`\n${JSON.stringify({ id: 'last', text: 'x' })}\n`)]));
    const result = await match('works.jsonl', 'hostile.jsonl');
    expect(result.code).toBe(2);
    const q = byQuery(parse(result));
    expect(q.get('huge')).toMatchObject({ matches: [], error: expect.stringMatching(/too long/) });
    expect(q.get('legacy')!.matches.map((m) => m.work)).toEqual(['gom-phu-lang']);
    expect(q.get('last')!.matches).toEqual([]);
  });

  it('bad arguments and unreadable works stop the run: exit 1, one line naming the file', async () => {
    expectOneLine(await runCli(['match', '--candidates', at('candidates.jsonl')], env), /--works is required/);
    expectOneLine(await match('no-such-dir', 'candidates'), new RegExp(`${at('no-such-dir')}.*no such file`));
    expectOneLine(await match('works', 'no-such.jsonl'), /--candidates .*no-such\.jsonl/);
    expectOneLine(await match('badworks', 'good'), /badworks\/broken\.jpg: .*(truncated|corrupt)/);
    await write('bad-works.jsonl', `${JSON.stringify({ id: 'ok', text: VERSE })}\n{"id":"bad","text":"unterminated\n`);
    expectOneLine(await match('bad-works.jsonl', 'candidates.jsonl'), /bad-works\.jsonl:2: not valid JSON/);
    await write('dup-works.jsonl', `${JSON.stringify({ id: 'x', text: VERSE })}\n${JSON.stringify({ id: 'x', text: 'khác' })}\n`);
    expectOneLine(await match('dup-works.jsonl', 'candidates.jsonl'), /dup-works\.jsonl:2: duplicate id "x"/);
  });
});

describe('mark names (matcher/mark.signals.ts)', () => {
  const mark = (name: string) => toIndexedWork({ id: 1, title: name, keywords: [], text: null, kind: 'mark' });
  const find = (name: string, title: string) => markSignals(mark(name), prepareListingText({ title, description: null }))[0];

  it('finds a name however it is spaced, without diacritics, or with look-alike digits', () => {
    expect(find('Gốm Phù Lãng', 'Bình GốmPhùLãng men lam')?.score).toBe(1);
    expect(find('Gốm Phù Lãng', 'binh gom phu lang men lam')?.score).toBe(1);
    expect(find('Vinacafe', 'Cà phê V1nacafe hòa tan')?.score).toBe(1);
  });

  it('tolerates letter edits by length, never a tone change, never fuzzy on accent-less text', () => {
    expect(find('Vinacafe', 'Cà phê Vinacafé hòa tan')).toBeDefined();
    expect(find('Vinacafe', 'Cà phê Vinakafe hòa tan')?.score).toBeCloseTo(0.875);
    expect(find('Phù Lãng', 'gốm Phú Lãng')).toBeUndefined();
    expect(find('Đông Hồ', 'dong bo gia re')).toBeUndefined();
    expect(find('Sen', 'senior size')).toBeUndefined();
  });
});
