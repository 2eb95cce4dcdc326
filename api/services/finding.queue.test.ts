import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { WorkRepository } from '../../fingerprints/work.repository.ts';
import { FindingRepository, type QueueFilter } from '../../matcher/finding.repository.ts';
import type { Finding, Signal } from '../../matcher/matcher.schema.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/helpers/databases.ts';
import { decodeCursor, encodeCursor } from './finding.cursor.ts';

const image: Signal = { kind: 'image', algorithm: 'pdq', score: 0.9, explanation: 'x' };
const orb: Signal = { kind: 'image', algorithm: 'orb', score: 0.9, explanation: 'x' };
const title: Signal = { kind: 'text', algorithm: 'title-words', score: 0.8, explanation: 'x' };
const mark: Signal = { kind: 'text', algorithm: 'mark-name', score: 1, explanation: 'x', spans: [{ field: 'image 1 (OCR)', text: 'Gốm' }] };

describe.each(databaseKinds())('review queue on %s', (kind) => {
  let db: TestDatabase;
  let repo: FindingRepository;
  const all: Finding[] = [];
  let workA: number;
  let workB: number;
  let markId: number;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    repo = new FindingRepository(db.db);
    const works = new WorkRepository(db.db);
    const listings = new ListingRepository(db.db);
    const owner = await works.upsertOwner('Làng tranh Đông Hồ', 'organisation');
    workA = (await works.create({ title: 'A', type: 'fine_art' }, [owner.id])).id;
    workB = (await works.create({ title: 'B', type: 'fine_art' }, [])).id;
    const [m] = await db.db.execute(`insert into fingerprints.marks (name, kind, owner_id) values ('Gốm', 'collective', ${owner.id}) returning id` as never).then((r) => (r as unknown as { rows: { id: number }[] }).rows);
    markId = m!.id;
    const base = Date.parse('2026-11-01T00:00:00Z');
    for (let i = 0; i < 12; i++) {
      const { listing } = await listings.upsert(
        { platform: i % 2 ? 'shopee' : 'lazada', url: `https://shop.example/p/${i}`, title: `t${i}`, sellerName: i < 4 ? 'Shop Tranh' : `Seller ${i}`, sellerUrl: i < 4 ? 'https://shop.example/s/tranh' : null, contentHash: `h${i}` },
        new Date(base),
      );
      const subject = i % 3 === 2 ? { markId } : { workId: i % 3 === 0 ? workA : workB };
      const signals = i % 3 === 2 ? [mark] : i % 2 ? [image, title] : [orb];
      // Two findings share a timestamp: the id breaks the tie in the keyset.
      const at = new Date(base + Math.min(i, 10) * 3_600_000);
      all.push(await repo.upsert({ listingId: listing.id, ...subject, score: 0.5 + (i % 5) / 10, signals }, at));
    }
    await repo.setStatus(all[1]!.id, 'new', 'confirmed', 1, new Date(base));
    await repo.assign(all[3]!.id, 7, new Date(base));
  });
  afterAll(() => db?.close());

  const ids = async (filter: Omit<QueueFilter, 'limit'>, limit = 100) => (await repo.queue({ limit, ...filter })).map((f) => f.id);
  const byCreated = () => [...all].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id).map((f) => f.id);

  it('orders newest first, oldest first and by score, with id as the tie-break', async () => {
    expect(await ids({})).toEqual(byCreated());
    expect(await ids({ sort: 'oldest' })).toEqual(byCreated().reverse());
    const score = [...all].sort((a, b) => b.score - a.score || b.id - a.id).map((f) => f.id);
    expect(await ids({ sort: 'score' })).toEqual(score);
  });

  it('pages through every order with keyset cursors, nothing lost or repeated', async () => {
    for (const sort of ['newest', 'oldest', 'score'] as const) {
      const seen: number[] = [];
      let after;
      for (;;) {
        const page = await repo.queue({ sort, after, limit: 5 });
        seen.push(...page.map((f) => f.id));
        if (page.length < 5) break;
        after = decodeCursor(encodeCursor(page.at(-1)!, sort), sort);
      }
      expect(seen, sort).toEqual(await ids({ sort }));
    }
    expect(() => decodeCursor(encodeCursor(all[0]!, 'score'), 'newest')).toThrow(/not valid/);
    expect(() => decodeCursor('bm9wZQ', 'newest')).toThrow(/not valid/);
  });

  it('filters by status, work, mark, scope, score, assignee and date', async () => {
    expect(await ids({ statuses: ['confirmed'] })).toEqual([all[1]!.id]);
    expect((await repo.queue({ workId: workA, limit: 100 })).every((f) => f.workId === workA)).toBe(true);
    expect((await ids({ markId })).length).toBe(4);
    expect(await ids({ scopes: [{ workIds: [], markIds: [] }] })).toEqual([]);
    expect((await ids({ scopes: [{ workIds: [workA], markIds: [markId] }] })).length).toBe(8);
    expect((await repo.queue({ minScore: 0.8, limit: 100 })).every((f) => f.score >= 0.8 - 1e-6)).toBe(true);
    expect((await ids({ minScore: 0.9 })).length).toBe(2);
    expect(await ids({ assignee: 7 })).toEqual([all[3]!.id]);
    expect((await ids({ assignee: 'none' })).length).toBe(11);
    const day = Date.parse('2026-11-01T00:00:00Z');
    expect((await ids({ from: new Date(day + 2 * 3_600_000), to: new Date(day + 4 * 3_600_000) })).sort()).toEqual([all[2]!.id, all[3]!.id, all[4]!.id].sort());
  });

  it('filters by platform and seller through the listing, and by signal type', async () => {
    expect((await ids({ platform: 'shopee' })).length).toBe(6);
    // The platform is copied onto each finding when it is written (its own index serves the filter).
    expect(new Set((await repo.queue({ platform: 'shopee', limit: 100 })).map((f) => f.platform))).toEqual(new Set(['shopee']));
    expect((await ids({ seller: 'https://shop.example/s/tranh' })).length).toBe(4);
    expect((await ids({ seller: 'shop tranh', platform: 'lazada' })).length).toBe(2);
    expect((await ids({ signal: 'orb' })).length).toBe(4);
    expect((await ids({ signal: 'image' })).length).toBe(8);
    expect((await ids({ signal: 'title' })).length).toBe(4);
    expect((await ids({ signal: 'mark' })).length).toBe(4);
    expect((await ids({ signal: 'ocr' })).length).toBe(4);
    expect(await ids({ signal: 'text' })).toEqual([]);
  });
});
