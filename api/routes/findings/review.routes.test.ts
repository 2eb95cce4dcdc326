import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../../core/audit/audit.repository.ts';
import { ListingRepository } from '../../../crawler/listing.repository.ts';
import { FindingRepository } from '../../../matcher/finding.repository.ts';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { createApiFixture, login, type ApiFixture } from '../../test/api.fixture.ts';

describe.each(databaseKinds())('review workflow over REST on %s', (kind) => {
  let f: ApiFixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    f = await createApiFixture(kind);
    for (const [name, user] of Object.entries({ officer: f.seeded.officer, inspector: f.seeded.inspector, holderA: f.seeded.holderA, holderB: f.seeded.holderB })) {
      cookies[name] = (await login(f.app, user.email)).cookie!;
    }
  });
  afterAll(() => f?.close());

  const get = (path: string, who: string) => f.app.request(path, { headers: { cookie: cookies[who]! } });
  const send = (method: string, path: string, who: string, body: unknown) =>
    f.app.request(path, { method, headers: { cookie: cookies[who]!, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const items = async (path: string, who = 'officer') => ((await (await get(path, who)).json()) as { items: { id: number }[] }).items.map((i) => i.id);
  const status = async (id: number) => (await new FindingRepository(f.deps.db).get(id))!.status;

  it('filters the queue from query parameters and answers bad values with a 400 problem', async () => {
    const { findingA, findingB } = f.seeded;
    expect(await items('/api/v1/findings?platform=shopee')).toEqual([findingA.id]);
    expect(await items(`/api/v1/findings?work=${findingB.workId}`)).toEqual([findingB.id]);
    expect(await items('/api/v1/findings?minScore=0.9')).toEqual([findingA.id]);
    expect(await items('/api/v1/findings?signal=pdq')).toEqual([findingA.id]);
    expect(await items('/api/v1/findings?seller=G%E1%BB%91m%20Vi%E1%BB%87t')).toEqual([findingB.id]);
    expect(await items('/api/v1/findings?sort=score')).toEqual([findingA.id, findingB.id]);
    expect(await items('/api/v1/findings?from=2026-11-20&to=2026-11-20')).toEqual([findingB.id, findingA.id]);
    expect(await items('/api/v1/findings?to=2026-01-01')).toEqual([]);
    expect(await items('/api/v1/findings?assignee=none')).toHaveLength(2);
    // A rights holder's filters work inside their scope only.
    expect(await items(`/api/v1/findings?work=${findingB.workId}`, 'holderA')).toEqual([]);
    for (const bad of ['minScore=2', 'signal=smell', 'from=2026-13-45', 'from=yesterday', 'sort=random', 'work=-1', 'assignee=someone', 'status=open', 'cursor=%%%', `sort=score&cursor=${Buffer.from('n|2026-01-01T00:00:00.000Z|5').toString('base64url')}`]) {
      const res = await get(`/api/v1/findings?${bad}`, 'officer');
      expect(res.status, bad).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('requires a reason to dismiss, records decisions, assignment and comments in the audit log', async () => {
    const id = f.seeded.findingB.id;
    expect((await send('POST', `/api/v1/findings/${id}/review`, 'officer', { status: 'dismissed' })).status).toBe(400);
    const res = await send('POST', `/api/v1/findings/${id}/review`, 'officer', { status: 'dismissed', note: 'ảnh minh họa khác' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'dismissed', dismissReason: 'ảnh minh họa khác' });
    expect((await send('POST', `/api/v1/findings/${id}/assign`, 'officer', { assigneeId: f.seeded.inspector.id })).status).toBe(400);
    expect(await (await send('POST', `/api/v1/findings/${id}/assign`, 'officer', { assigneeId: f.seeded.officer.id })).json()).toMatchObject({ assigneeId: f.seeded.officer.id });
    expect(await items('/api/v1/findings?assignee=me')).toEqual([id]);
    const comment = await send('POST', `/api/v1/findings/${id}/comments`, 'officer', { body: 'Đã gọi điện cho người bán <b>x</b>' });
    expect(comment.status).toBe(201);
    expect((await comment.json()).items).toEqual([expect.objectContaining({ author: 'Nguyễn Thị Lan', body: 'Đã gọi điện cho người bán <b>x</b>' })]);
    expect((await send('POST', `/api/v1/findings/${id}/comments`, 'inspector', { body: 'x' })).status).toBe(403);
    const events = await new AuditRepository(f.deps.db).list({ entityType: 'finding', entityId: id });
    expect(events.map((e) => e.action)).toEqual(['finding.dismiss', 'finding.assign', 'finding.comment']);
    expect(events[0]).toMatchObject({ actorUserId: f.seeded.officer.id, after: { status: 'dismissed', reason: 'ảnh minh họa khác' } });
  });

  it("answers another holder's finding with 404 in every route", async () => {
    const other = f.seeded.findingB.id;
    expect((await get(`/api/v1/findings/${other}/comments`, 'holderA')).status).toBe(404);
    expect((await get(`/api/v1/sellers/${f.seeded.findingB.listingId}`, 'holderA')).status).toBe(404);
    expect((await get('/api/v1/sellers/999999', 'officer')).status).toBe(404);
    expect((await send('POST', '/api/v1/findings/bulk', 'holderA', { ids: [other], action: 'confirm' })).status).toBe(403);
  });

  it('bulk actions are all or nothing: an unknown id is a 404 and changes nothing', async () => {
    const { findingA, findingB } = f.seeded;
    const before = [await status(findingA.id), await status(findingB.id)];
    const res = await send('POST', '/api/v1/findings/bulk', 'officer', { ids: [findingA.id, 987654], action: 'confirm' });
    expect(res.status).toBe(404);
    expect([await status(findingA.id), await status(findingB.id)]).toEqual(before);
    expect((await send('POST', '/api/v1/findings/bulk', 'officer', { ids: [findingA.id], action: 'dismiss' })).status).toBe(400);
    expect((await send('POST', '/api/v1/findings/bulk', 'officer', { ids: [], action: 'confirm' })).status).toBe(400);
    const ok = await send('POST', '/api/v1/findings/bulk', 'officer', { ids: [findingA.id, findingB.id], action: 'confirm' });
    expect(await ok.json()).toEqual({ changed: [findingA.id, findingB.id], unchanged: [] });
    const again = await send('POST', '/api/v1/findings/bulk', 'officer', { ids: [findingA.id, findingB.id], action: 'assign', assigneeId: f.seeded.officer.id });
    expect(await again.json()).toEqual({ changed: [findingA.id], unchanged: [findingB.id] });
    const audit = await new AuditRepository(f.deps.db).list({ action: 'finding.confirm' });
    expect(audit.filter((e) => (e.after as { bulk?: boolean }).bulk).map((e) => e.entityId)).toEqual([String(findingA.id), String(findingB.id)]);
  });

  it('allow rules: officers add one (open findings it covers are dismissed) and remove it (they reopen)', async () => {
    const { findingA } = f.seeded;
    await new FindingRepository(f.deps.db).reopen(findingA.id, new Date());
    await f.deps.db.execute(`update matcher.findings set status = 'new' where id = ${findingA.id}` as never);
    expect((await send('POST', '/api/v1/allow-rules', 'inspector', { workId: findingA.workId, kind: 'seller', value: 'x' })).status).toBe(403);
    expect((await send('POST', '/api/v1/allow-rules', 'officer', { workId: findingA.workId, markId: 1, kind: 'seller', value: 'x' })).status).toBe(400);
    expect((await send('POST', '/api/v1/allow-rules', 'officer', { workId: findingA.workId, kind: 'domain', value: 'localhost' })).status).toBe(400);
    expect((await send('POST', '/api/v1/allow-rules', 'officer', { workId: 999999, kind: 'seller', value: 'x' })).status).toBe(404);
    const res = await send('POST', '/api/v1/allow-rules', 'officer', { workId: findingA.workId, kind: 'shop', value: 'https://shopee.example.vn/shop/tranhdep68/', note: 'HĐ cấp phép 12/2026' });
    expect(res.status).toBe(201);
    const { rule, dismissed } = await res.json();
    expect(rule).toMatchObject({ kind: 'shop', value: 'shopee.example.vn/shop/tranhdep68' });
    expect(dismissed).toEqual([findingA.id]);
    expect(await (await get(`/api/v1/findings/${findingA.id}`, 'officer')).json()).toMatchObject({ status: 'dismissed', dismissReason: 'allow-listed' });
    expect((await send('POST', '/api/v1/allow-rules', 'officer', { workId: findingA.workId, kind: 'shop', value: 'shopee.example.vn/shop/tranhdep68' })).status).toBe(409);
    expect((await (await get('/api/v1/allow-rules', 'holderA')).json()).items).toHaveLength(1);
    expect((await (await get('/api/v1/allow-rules', 'holderB')).json()).items).toHaveLength(0);
    expect((await send('DELETE', `/api/v1/allow-rules/${rule.id}`, 'holderB', {})).status).toBe(403);
    const removed = await send('DELETE', `/api/v1/allow-rules/${rule.id}`, 'officer', {});
    expect(await removed.json()).toEqual({ reopened: [findingA.id] });
    expect(await status(findingA.id)).toBe('new');
    expect((await send('DELETE', `/api/v1/allow-rules/${rule.id}`, 'officer', {})).status).toBe(404);
  });

  it("links a seller's listings across platforms by phone, bank account and name", async () => {
    const listings = new ListingRepository(f.deps.db);
    const findings = new FindingRepository(f.deps.db);
    const now = new Date();
    await f.deps.db.execute(`update crawler.listings set description = description || ' Zalo 0912.345.678' where id = ${f.seeded.findingA.listingId}` as never);
    const { listing: other } = await listings.upsert({ platform: 'facebook', url: 'https://facebook.example/tranhdep/1', title: 'Tranh Đông Hồ giá rẻ', description: 'Gọi +84 912 345 678, STK 0123456789 Vietcombank', sellerName: 'Tranh đẹp 68', contentHash: 'fb1' }, now);
    const { listing: third } = await listings.upsert({ platform: 'tiki', url: 'https://tiki.example/p/3', title: 'Tranh', description: 'Chuyển khoản VCB 0123 456 789', sellerName: 'Nhà tranh X', contentHash: 't1' }, now);
    const { listing: unrelated } = await listings.upsert({ platform: 'tiki', url: 'https://tiki.example/p/4', title: 'Tranh', description: 'Liên hệ 0987654321', sellerName: 'Ai đó', contentHash: 't2' }, now);
    // Linked by the number the crawler read from the seller block only (stored E.164), not by any text.
    const { listing: shown } = await listings.upsert({ platform: 'sendo', url: 'https://sendo.example/p/5', title: 'Tranh', description: null, sellerName: 'Cửa hàng Y', sellerPhone: '+84912345678', contentHash: 's1' }, now);
    for (const l of [other, third, unrelated, shown]) await findings.upsert({ listingId: l.id, workId: f.seeded.findingA.workId, score: 0.8, signals: [] }, now);
    const res = await get(`/api/v1/sellers/${f.seeded.findingA.listingId}`, 'officer');
    expect(res.status).toBe(200);
    const seller = await res.json();
    expect(seller.listings.map((l: { id: number }) => l.id).sort()).toEqual([f.seeded.findingA.listingId, other.id, third.id, shown.id].sort());
    expect(seller.phones).toEqual(['0912345678']);
    expect(seller.banks).toEqual(['VCB:0123456789']);
    expect(seller.platforms).toEqual(['facebook', 'sendo', 'shopee', 'tiki']);
    expect(seller.listings.find((l: { id: number }) => l.id === third.id).linkedBy).toMatchObject({ kind: 'bank', value: 'VCB:0123456789' });
    // A rights holder sees the seller only through their own findings.
    const holder = await (await get(`/api/v1/sellers/${f.seeded.findingA.listingId}`, 'holderA')).json();
    expect(holder.listings).toHaveLength(4);
    expect(holder.cases).toEqual([]);
  });
});
