import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { reviews } from '../api.schema.ts';
import { createApiFixture, login, type ApiFixture } from '../test/api.fixture.ts';

describe.each(databaseKinds())('REST /api/v1 on %s', (kind) => {
  let f: ApiFixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    f = await createApiFixture(kind);
    for (const [name, user] of Object.entries({ officer: f.seeded.officer, inspector: f.seeded.inspector, holderA: f.seeded.holderA, holderB: f.seeded.holderB })) {
      const { cookie } = await login(f.app, user.email);
      cookies[name] = cookie!;
    }
  });
  afterAll(() => f?.close());

  const get = (path: string, who: string) => f.app.request(path, { headers: { cookie: cookies[who]! } });
  const review = (id: number, who: string, body: unknown) =>
    f.app.request(`/api/v1/findings/${id}/review`, { method: 'POST', headers: { cookie: cookies[who]!, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses anonymous calls with a 401 problem', async () => {
    const res = await f.app.request('/api/v1/findings');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: 'unauthorized', status: 401, title: expect.any(String), detail: expect.any(String) });
  });

  it('shows officers every finding, newest first, with keyset pages', async () => {
    const all = await (await get('/api/v1/findings', 'officer')).json();
    expect(all.items.map((i: { id: number }) => i.id)).toEqual([f.seeded.findingB.id, f.seeded.findingA.id]);
    const first = await (await get('/api/v1/findings?limit=1', 'officer')).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await get(`/api/v1/findings?limit=1&cursor=${first.nextCursor}`, 'officer')).json();
    expect(second.items.map((i: { id: number }) => i.id)).toEqual([f.seeded.findingA.id]);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0]).toMatchObject({ work: { title: 'Tranh Đám cưới chuột', certificateNo: '3794/2026/QTG' }, listing: { platform: 'shopee' } });
  });

  it('shows a rights holder only their own findings, works and listings; others are 404', async () => {
    const list = await (await get('/api/v1/findings', 'holderA')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([f.seeded.findingA.id]);
    expect((await get(`/api/v1/findings/${f.seeded.findingA.id}`, 'holderA')).status).toBe(200);
    const other = await get(`/api/v1/findings/${f.seeded.findingB.id}`, 'holderA');
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ type: 'not-found', status: 404 });
    const works = await (await get('/api/v1/works', 'holderA')).json();
    expect(works.items.map((w: { title: string }) => w.title)).toEqual(['Tranh Đám cưới chuột']);
    expect((await get(`/api/v1/works/${f.seeded.findingB.workId}`, 'holderA')).status).toBe(404);
    expect((await get(`/api/v1/listings/${f.seeded.findingB.listingId}`, 'holderA')).status).toBe(404);
    const listings = await (await get('/api/v1/listings', 'holderB')).json();
    expect(listings.items.map((l: { id: number }) => l.id)).toEqual([f.seeded.findingB.listingId]);
  });

  it('lets inspectors read everything', async () => {
    expect((await (await get('/api/v1/works', 'inspector')).json()).items).toHaveLength(2);
    const listing = await (await get(`/api/v1/listings/${f.seeded.findingA.listingId}`, 'inspector')).json();
    expect(listing).toMatchObject({ priceVnd: 125000, images: [{ file: `/files/listing-images/${f.seeded.listingImageIdA}` }], evidence: [{ screenshot: `/files/evidence/${f.seeded.evidenceIdA}/screenshot` }] });
    const work = await (await get(`/api/v1/works/${f.seeded.findingA.workId}`, 'inspector')).json();
    expect(work).toMatchObject({ owners: [{ name: 'Làng tranh Đông Hồ' }], assets: [{ file: `/files/assets/${f.seeded.assetIdA}` }] });
  });

  it('forbids inspectors and rights holders to review (403 problem)', async () => {
    for (const who of ['inspector', 'holderA']) {
      const res = await review(f.seeded.findingA.id, who, { status: 'confirmed' });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ type: 'forbidden', status: 403 });
    }
  });

  it('answers bad bodies, ids, queries and cursors with a 400 problem', async () => {
    for (const body of [{ status: 'removed' }, { note: 'x' }, { status: 'confirmed', extra: 1 }, 'not json']) {
      const res = await review(f.seeded.findingA.id, 'officer', body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ type: 'validation-error', status: 400 });
    }
    const malformed = await f.app.request(`/api/v1/findings/${f.seeded.findingA.id}/review`, { method: 'POST', headers: { cookie: cookies.officer!, 'content-type': 'application/json' }, body: '{"status":' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');
    for (const path of ['/api/v1/findings/abc', '/api/v1/findings/-1', '/api/v1/findings?limit=0', '/api/v1/findings?status=bogus', '/api/v1/findings?cursor=bm9wZQ']) {
      const res = await get(path, 'officer');
      expect(res.status, path).toBe(400);
      expect((await res.json()).type).toBe('validation-error');
    }
  });

  it('lets an officer confirm: status changes, a review row is written, a second identical review conflicts', async () => {
    const id = f.seeded.findingA.id;
    const res = await review(id, 'officer', { status: 'confirmed', note: 'Bán tranh in lại không phép' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: 'confirmed', reviewerId: f.seeded.officer.id });
    const rows = await f.db.db.select().from(reviews).where(eq(reviews.findingId, id));
    expect(rows).toMatchObject([{ userId: f.seeded.officer.id, fromStatus: 'new', toStatus: 'confirmed', note: 'Bán tranh in lại không phép' }]);
    const again = await review(id, 'officer', { status: 'confirmed' });
    expect(again.status).toBe(409);
    expect((await (await get(`/api/v1/findings/${id}`, 'holderA')).json()).status).toBe('confirmed');
    expect((await get('/api/v1/findings?status=confirmed', 'officer')).status).toBe(200);
  });

  it('publishes an OpenAPI document listing every route', async () => {
    const res = await f.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/accounts', '/api/v1/accounts/registrations', '/api/v1/accounts/{id}', '/api/v1/accounts/{id}/approve', '/api/v1/accounts/{id}/reject',
      '/api/v1/allow-rules', '/api/v1/allow-rules/{id}', '/api/v1/calendar-days', '/api/v1/calendar-days/{day}',
      '/api/v1/captures', '/api/v1/captures/{id}', '/api/v1/cases', '/api/v1/cases/{id}', '/api/v1/cases/{id}/close', '/api/v1/cases/{id}/findings',
      '/api/v1/cases/{id}/findings/{findingId}', '/api/v1/cases/{id}/notices', '/api/v1/cases/{id}/packet',
      '/api/v1/findings', '/api/v1/findings/bulk', '/api/v1/findings/{id}', '/api/v1/findings/{id}/assign', '/api/v1/findings/{id}/comments', '/api/v1/findings/{id}/packet', '/api/v1/findings/{id}/review', '/api/v1/listings', '/api/v1/listings/{id}',
      '/api/v1/marks', '/api/v1/marks/{id}', '/api/v1/marks/{id}/assets/{assetId}', '/api/v1/marks/{id}/fingerprint', '/api/v1/marks/{id}/image', '/api/v1/marks/{id}/status',
      '/api/v1/me', '/api/v1/notices/{id}', '/api/v1/notices/{id}/document', '/api/v1/notices/{id}/events', '/api/v1/packets/public-key', '/api/v1/registry/export', '/api/v1/registry/import', '/api/v1/registry/template',
      '/api/v1/reports/yearly', '/api/v1/reports/yearly.pdf', '/api/v1/reports/yearly.xlsx',
      '/api/v1/runs', '/api/v1/runs/{id}', '/api/v1/runs/{id}/cancel', '/api/v1/sellers/{listingId}', '/api/v1/sources', '/api/v1/sources/{id}', '/api/v1/sources/{id}/runs', '/api/v1/sources/{id}/session',
      '/api/v1/works', '/api/v1/works/{id}', '/api/v1/works/{id}/assets', '/api/v1/works/{id}/assets/{assetId}', '/api/v1/works/{id}/fingerprint', '/api/v1/works/{id}/history', '/api/v1/works/{id}/status',
    ]);
    expect(doc.paths['/api/v1/findings/{id}/review'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(doc.components.schemas).toHaveProperty('Problem');
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({ in: 'cookie' });
  });

  it('answers unknown API paths with a 404 problem', async () => {
    const res = await get('/api/v1/nothing-here', 'officer');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
