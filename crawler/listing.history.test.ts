import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test/helpers/databases.ts';
import { diffSnapshots, snapshotOf } from './listing.history.ts';
import { ListingRepository, type ListingInput } from './listing.repository.ts';

const base: ListingInput = {
  sourceId: null,
  platform: 'shop.vn',
  url: 'https://shop.vn/san-pham/tranh-ga',
  externalId: 'GA-01',
  title: 'Tranh gà Đông Hồ',
  description: 'Tranh gà in giấy điệp.',
  priceVnd: 125000,
  currency: 'VND',
  sellerName: 'Xưởng tranh',
  sellerUrl: null,
  contentHash: 'h1',
  availability: 'in_stock',
};
const day = (n: number) => new Date(Date.UTC(2026, 10, n, 8));

describe('diffSnapshots (pure)', () => {
  it('lists changed fields, ignores unknown previous state and a vanished availability', () => {
    const a = snapshotOf({ ...base, images: ['a.jpg'] });
    expect(diffSnapshots(undefined, a)).toEqual([]);
    expect(diffSnapshots(a, snapshotOf({ ...base, images: ['a.jpg'], availability: null }))).toEqual([]);
    const b = snapshotOf({ ...base, title: 'Tranh gà trống', priceVnd: 99000, images: ['a.jpg', 'b.jpg'], availability: 'out_of_stock', contentHash: 'h2' });
    expect(diffSnapshots(a, b).map((c) => c.field)).toEqual(['title', 'priceVnd', 'availability', 'images']);
    expect(diffSnapshots(a, b)[1]).toEqual({ field: 'priceVnd', from: 125000, to: 99000 });
    const long = snapshotOf({ ...base, description: 'x'.repeat(10_000) });
    expect(String(diffSnapshots(a, long)[0]!.to).length).toBeLessThan(2_100);
  });
});

describe.each(databaseKinds())('listing history on %s', (kind) => {
  let db: TestDatabase;
  let repo: ListingRepository;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    repo = new ListingRepository(db.db);
  });
  afterAll(async () => db?.close());

  it('records first sight, changes, removal and the return after a takedown, once each', async () => {
    const first = await repo.upsert(base, day(1), { images: ['https://shop.vn/a.jpg'] });
    expect(first).toMatchObject({ changed: true, event: { kind: 'first_seen' } });
    const id = first.listing.id;

    // Same content again (a recrawl, or a worker retried after a crash): nothing new is written.
    const again = await repo.upsert(base, day(2), { images: ['https://shop.vn/a.jpg'] });
    expect(again.changed).toBe(false);
    expect(again.event).toBeUndefined();
    expect(again.listing.lastSeenAt.toISOString()).toBe(day(2).toISOString());

    const cheaper = await repo.upsert({ ...base, priceVnd: 99000, contentHash: 'h2' }, day(3), { images: ['https://shop.vn/a.jpg', 'https://shop.vn/b.jpg'] });
    expect(cheaper.changed).toBe(true);
    expect(cheaper.event!.changes).toEqual([
      { field: 'priceVnd', from: 125000, to: 99000 },
      { field: 'images', from: ['https://shop.vn/a.jpg'], to: ['https://shop.vn/a.jpg', 'https://shop.vn/b.jpg'] },
    ]);

    // Availability is not part of the content hash (no re-matching) but is history.
    const soldOut = await repo.upsert({ ...base, priceVnd: 99000, contentHash: 'h2', availability: 'out_of_stock' }, day(4), { images: ['https://shop.vn/a.jpg', 'https://shop.vn/b.jpg'] });
    expect(soldOut.changed).toBe(false);
    expect(soldOut.event!.changes).toEqual([{ field: 'availability', from: 'in_stock', to: 'out_of_stock' }]);
    expect(soldOut.listing.availability).toBe('out_of_stock');

    const removed = await repo.markRemoved(base.url, day(5), { reason: 'HTTP 404' });
    expect(removed).toMatchObject({ newlyRemoved: true, listing: { status: 'removed' } });
    expect((await repo.markRemoved(base.url, day(6), { reason: 'HTTP 404' }))!.newlyRemoved).toBe(false);
    expect(await repo.markRemoved('https://shop.vn/never-seen', day(6), { reason: 'HTTP 404' })).toBeUndefined();

    const back = await repo.upsert({ ...base, priceVnd: 99000, contentHash: 'h2', availability: 'out_of_stock' }, day(9), { images: ['https://shop.vn/a.jpg', 'https://shop.vn/b.jpg'] });
    expect(back).toMatchObject({ changed: true, event: { kind: 'reappeared', changes: [] }, listing: { status: 'active', removedAt: null } });

    const history = await repo.history(id);
    expect(history.map((e) => [e.kind, e.at.toISOString()])).toEqual([
      ['first_seen', day(1).toISOString()],
      ['changed', day(3).toISOString()],
      ['changed', day(4).toISOString()],
      ['removed', day(5).toISOString()],
      ['reappeared', day(9).toISOString()],
    ]);
    expect(history[3]!.reason).toBe('HTTP 404');
    expect(history[4]!.snapshot).toMatchObject({ title: 'Tranh gà Đông Hồ', priceVnd: 99000, images: ['https://shop.vn/a.jpg', 'https://shop.vn/b.jpg'] });
    expect((await repo.reappeared()).map((l) => l.id)).toContain(id);
    expect(await repo.count()).toBe(1);
  });

  it('reports images first recorded by a later capture as an images change, nothing else', async () => {
    const url = 'https://shop.vn/san-pham/cu';
    const { listing } = await repo.upsert({ ...base, url }, day(1));
    // An old row: its first_seen snapshot never recorded images.
    const next = await repo.upsert({ ...base, url }, day(2), { images: ['https://shop.vn/x.jpg'] });
    expect(next.event?.changes.map((c) => c.field)).toEqual(['images']);
    expect((await repo.history(listing.id)).length).toBe(2);
  });
});
