import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../../core/audit/audit.repository.ts';
import { auditEvents } from '../../../core/audit/audit.schema.ts';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { createApiFixture, login, ORIGIN, type ApiFixture } from '../../test/api.fixture.ts';

const registration = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  name: 'Nguyễn Văn Hải',
  password: 'mat-khau-moi-2026',
  partyKind: 'organisation',
  organisation: 'HTX Tranh dân gian Đông Hồ',
  phone: '0912 345 678',
  claimedOwner: 'Làng tranh Đông Hồ',
  ...extra,
});

describe.each(databaseKinds())('REST accounts on %s', (kind) => {
  let f: ApiFixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    f = await createApiFixture(kind);
    for (const [name, user] of Object.entries({ officer: f.seeded.officer, inspector: f.seeded.inspector, holderA: f.seeded.holderA })) {
      cookies[name] = (await login(f.app, user.email)).cookie!;
    }
  });
  afterAll(() => f?.close());

  const post = (path: string, body: unknown, who?: string) =>
    f.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...(who ? { cookie: cookies[who]! } : {}) }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const get = (path: string, who?: string) => f.app.request(path, { headers: who ? { cookie: cookies[who]! } : {} });

  it('registers without signing in: the account is pending and cannot sign in, with a clear message', async () => {
    const res = await post('/api/v1/accounts/registrations', registration('hai@dongho.example.vn'));
    expect(res.status).toBe(201);
    const account = await res.json();
    expect(account).toMatchObject({ email: 'hai@dongho.example.vn', role: 'rights_holder', status: 'pending', ownerId: null, claimedOwner: 'Làng tranh Đông Hồ' });
    expect(account).not.toHaveProperty('passwordHash');
    const page = await f.app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams({ email: 'hai@dongho.example.vn', password: 'mat-khau-moi-2026' }) });
    expect(page.status).toBe(403);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('đang chờ cán bộ phê duyệt');
    // A wrong password says nothing about the pending state.
    const wrong = await f.app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams({ email: 'hai@dongho.example.vn', password: 'wrong-password' }) });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('phê duyệt');
  });

  it('refuses a taken email (409), bad JSON, unknown fields and missing fields (400)', async () => {
    expect((await post('/api/v1/accounts/registrations', registration('dongho@example.vn'))).status).toBe(409);
    for (const body of ['{"email":', registration('x@example.vn', { role: 'officer' }), registration('x@example.vn', { password: 'short' }), { email: 'x@example.vn' }, registration('not-an-email'), registration('x@example.vn', { partyKind: 'company' }), registration('x@example.vn', { claimedOwner: 'x'.repeat(301) })]) {
      const res = await post('/api/v1/accounts/registrations', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('lets only officers list and decide (401 anonymous, 403 inspector and rights holder)', async () => {
    expect((await get('/api/v1/accounts')).status).toBe(401);
    for (const who of ['inspector', 'holderA']) {
      expect((await get('/api/v1/accounts', who)).status).toBe(403);
      expect((await post('/api/v1/accounts/1/approve', { ownerId: 1 }, who)).status).toBe(403);
      expect((await post('/api/v1/accounts/1/reject', {}, who)).status).toBe(403);
    }
  });

  it('approves with an existing owner: the holder signs in and sees that owner’s works only', async () => {
    const pending = await (await get('/api/v1/accounts?status=pending', 'officer')).json();
    const account = pending.items.find((a: { email: string }) => a.email === 'hai@dongho.example.vn');
    expect(account).toBeDefined();
    const ownerA = f.seeded.holderA.ownerId!;
    for (const body of [{}, { ownerId: ownerA, newOwnerName: 'X' }, { ownerId: 2_147_483_648 }, { ownerId: ownerA, extra: true }, { ownerId: 'one' }]) {
      expect((await post(`/api/v1/accounts/${account.id}/approve`, body, 'officer')).status, JSON.stringify(body)).toBe(400);
    }
    expect((await post(`/api/v1/accounts/${account.id}/approve`, { ownerId: 999_999 }, 'officer')).status).toBe(400);
    const res = await post(`/api/v1/accounts/${account.id}/approve`, { ownerId: ownerA, note: 'Đã đối chiếu GCN 3794/2026/QTG' }, 'officer');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'active', ownerId: ownerA, decisionNote: 'Đã đối chiếu GCN 3794/2026/QTG' });
    expect((await post(`/api/v1/accounts/${account.id}/approve`, { ownerId: ownerA }, 'officer')).status).toBe(409);
    expect((await post(`/api/v1/accounts/${account.id}/reject`, {}, 'officer')).status).toBe(409);
    const events = await f.db.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'account'), eq(auditEvents.entityId, String(account.id))));
    expect(events.map((e) => [e.action, e.actorUserId])).toEqual([['account.register', null], ['account.approve', f.seeded.officer.id]]);
    expect(JSON.stringify(events)).not.toContain('argon2');
    expect((await new AuditRepository(f.db.db).verify()).intact).toBe(true);
    const { status, cookie } = await login(f.app, 'hai@dongho.example.vn', 'mat-khau-moi-2026');
    expect(status).toBe(303);
    const works = await (await f.app.request('/api/v1/works', { headers: { cookie: cookie! } })).json();
    expect(works.items.map((w: { title: string }) => w.title)).toEqual(['Tranh Đám cưới chuột']);
  });

  it('approves by creating a new owner, and rejects: a rejected account cannot sign in', async () => {
    const created = await (await post('/api/v1/accounts/registrations', registration('lan@gomviet.example.vn', { claimedOwner: 'Cơ sở gốm Lan Việt', partyKind: 'person' }))).json();
    const ok = await post(`/api/v1/accounts/${created.id}/approve`, { newOwnerName: 'Cơ sở gốm Lan Việt' }, 'officer');
    expect(ok.status).toBe(200);
    const approved = await ok.json();
    expect(approved.ownerId).toEqual(expect.any(Number));
    expect(approved.ownerId).not.toBe(f.seeded.holderA.ownerId);

    const other = await (await post('/api/v1/accounts/registrations', registration('spam@example.vn'))).json();
    const rejected = await post(`/api/v1/accounts/${other.id}/reject`, { note: 'Không chứng minh được quyền' }, 'officer');
    expect(await rejected.json()).toMatchObject({ status: 'rejected', ownerId: null });
    const page = await f.app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams({ email: 'spam@example.vn', password: 'mat-khau-moi-2026' }) });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('đã bị từ chối');
  });

  it('limits registrations per client address (form and REST share one count): 429 with Retry-After', async () => {
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++) status = (await post('/api/v1/accounts/registrations', { email: 'x' })).status;
    expect(status).toBe(429);
    const page = await f.app.request('/register', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams({ email: 'y@example.vn' }) });
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('answers ids past int4, staff accounts and unknown ids with 400/404', async () => {
    expect((await get('/api/v1/accounts/2147483648', 'officer')).status).toBe(400);
    expect((await get(`/api/v1/accounts/${f.seeded.inspector.id}`, 'officer')).status).toBe(404);
    expect((await post(`/api/v1/accounts/${f.seeded.officer.id}/approve`, { ownerId: 1 }, 'officer')).status).toBe(404);
    expect((await get('/api/v1/accounts/999999', 'officer')).status).toBe(404);
    expect((await get('/api/v1/accounts?status=bogus', 'officer')).status).toBe(400);
  });
});
