import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListingRepository } from '../../../crawler/listing.repository.ts';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { createApiFixture, login, type ApiFixture } from '../../test/api.fixture.ts';

describe('GET /api/v1/listings/{id}: history of a listing', () => {
  let f: ApiFixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    f = await createApiFixture(databaseKinds()[0]!);
    for (const [name, user] of Object.entries({ inspector: f.seeded.inspector, holderB: f.seeded.holderB })) cookies[name] = (await login(f.app, user.email)).cookie!;
  });
  afterAll(() => f?.close());
  const get = (path: string, who: string) => f.app.request(path, { headers: { cookie: cookies[who]! } });

  it('shows a takedown and the return of the listing, with status and reason', async () => {
    const id = f.seeded.findingA.listingId;
    const repo = new ListingRepository(f.db.db);
    const listing = (await repo.get(id))!;
    await repo.markRemoved(listing.url, new Date('2026-11-20T03:00:00Z'), { reason: 'HTTP 404' });
    const removed = await (await get(`/api/v1/listings/${id}`, 'inspector')).json();
    expect(removed).toMatchObject({ status: 'removed', removedAt: '2026-11-20T03:00:00.000Z' });
    expect(removed.history.map((e: { kind: string }) => e.kind)).toEqual(['first_seen', 'removed']);

    const { id: _id, firstSeenAt: _f, lastSeenAt: _l, status: _s, removedAt: _r, ...fields } = listing;
    await repo.upsert({ ...fields, priceVnd: 99000, contentHash: `${listing.contentHash}-2` }, new Date('2026-11-24T03:00:00Z'));
    const back = await (await get(`/api/v1/listings/${id}`, 'inspector')).json();
    expect(back).toMatchObject({ status: 'active', removedAt: null });
    expect(back.history.at(-1)).toMatchObject({ kind: 'reappeared', at: '2026-11-24T03:00:00.000Z', changes: [{ field: 'priceVnd', to: 99000 }] });
    expect(back.history[1]).toMatchObject({ kind: 'removed', reason: 'HTTP 404' });
  });

  it('keeps the history behind the same access rule, and answers a missing WARC with a 404', async () => {
    expect((await get(`/api/v1/listings/${f.seeded.findingA.listingId}`, 'holderB')).status).toBe(404);
    const res = await get(`/files/evidence/${f.seeded.evidenceIdA}/warc`, 'inspector');
    expect(res.status).toBe(404);
  });
});
