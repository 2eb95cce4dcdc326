import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../../core/audit/audit.repository.ts';
import { QueueName } from '../../../core/queue/job-names.ts';
import { schedulerId } from '../../../crawler/schedule.service.ts';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { createApiFixture, login, ORIGIN, type ApiFixture } from '../../test/api.fixture.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

describe.each(databaseKinds())('monitoring REST and pages on %s', (kind) => {
  let f: ApiFixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    f = await createApiFixture(kind);
    for (const [name, user] of Object.entries({ officer: f.seeded.officer, inspector: f.seeded.inspector, holder: f.seeded.holderA })) cookies[name] = (await login(f.app, user.email)).cookie!;
  });
  afterAll(() => f?.close());

  const call = (method: string, path: string, who: string, body?: unknown) =>
    f.app.request(path, { method, headers: { cookie: cookies[who]!, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const crawlQueue = () => f.queues.queues.queue(QueueName.Crawl);
  const valid = { name: 'Shop tranh', startUrl: 'https://shop.example.vn/danh-muc/tranh', schedule: '0 2 * * *', maxPages: 50, maxDepth: 3, ratePerMinute: 20 };

  it('needs a signed-in officer to steer; rights holders cannot even read', async () => {
    expect((await f.app.request('/api/v1/sources')).status).toBe(401);
    expect((await call('GET', '/api/v1/sources', 'holder')).status).toBe(403);
    expect((await call('GET', '/api/v1/sources', 'inspector')).status).toBe(200);
    const res = await call('POST', '/api/v1/sources', 'inspector', valid);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('creates a source with a BullMQ scheduler in Vietnam time and an audit event', async () => {
    const res = await call('POST', '/api/v1/sources', 'officer', valid);
    expect(res.status).toBe(201);
    const source = await res.json();
    expect(source).toMatchObject({ name: 'Shop tranh', kind: 'site', schedule: '0 2 * * *', timezone: 'Asia/Ho_Chi_Minh', maxPages: 50, ratePerMinute: 20, ignoreRobots: false, allowInternal: false, ownerUserId: f.seeded.officer.id, lastRun: null });
    expect(new Date(source.nextRunAt).getUTCHours()).toBe(19); // 02:00 in Hà Nội
    expect(await crawlQueue().getJobScheduler(schedulerId(source.id))).toMatchObject({ pattern: '0 2 * * *', tz: 'Asia/Ho_Chi_Minh' });
    const events = await new AuditRepository(f.db.db).list({ entityType: 'crawler.source', entityId: source.id });
    expect(events.map((e) => e.action)).toEqual(['source.create']);
    expect((await call('POST', '/api/v1/sources', 'officer', valid)).status).toBe(409);
    const listed = await (await call('GET', '/api/v1/sources', 'officer')).json();
    expect(listed.items.map((s: { id: number }) => s.id)).toContain(source.id);
    const doc = await (await f.app.request('/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/sources', '/api/v1/sources/{id}', '/api/v1/sources/{id}/runs', '/api/v1/runs', '/api/v1/runs/{id}/cancel', '/api/v1/captures', '/api/v1/captures/{id}']));
  });

  it.each([
    ['bad cron', { schedule: '61 * * * *' }, /not a valid cron/],
    ['6-field cron', { schedule: '* * * * * *' }, /5 fields/],
    ['every minute', { schedule: '* * * * *' }, /minimum is 10/],
    ['javascript: URL', { startUrl: 'javascript:alert(1)' }, /only http and https/],
    ['file: URL', { startUrl: 'file:///etc/passwd' }, /only http and https/],
    ['unknown adapter', { adapter: 'nope' }, /unknown site adapter "nope"/],
    ['max pages 0', { maxPages: 0 }, /maxPages/],
    ['unknown field', { evil: true }, /evil|Unrecognized/i],
    ['search without query', { kind: 'search' }, /needs a query/],
    ['search on an unknown site without {query}', { kind: 'search', query: 'tranh', startUrl: 'https://unknown.example/' }, /with \{query\}/],
    ['rate too high', { ratePerMinute: 100_000 }, /ratePerMinute/],
  ])('refuses %s with a 400 problem', async (_, patch, message) => {
    const res = await call('POST', '/api/v1/sources', 'officer', { ...valid, startUrl: `https://x${Math.random()}.example.vn/`, ...patch });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).detail).toMatch(message);
  });

  it('builds a marketplace search URL from a query; ids past int4 are 400, unknown ids 404', async () => {
    const res = await call('POST', '/api/v1/sources', 'officer', { name: 'Tìm tranh Đông Hồ', kind: 'search', startUrl: 'https://shopee.vn', query: 'tranh đông hồ' });
    expect(res.status).toBe(201);
    expect((await res.json()).startUrl).toBe('https://shopee.vn/search?keyword=tranh%20%C4%91%C3%B4ng%20h%E1%BB%93');
    expect((await call('GET', '/api/v1/sources/2147483648', 'officer')).status).toBe(400);
    expect((await call('GET', '/api/v1/sources/99999999999999999999', 'officer')).status).toBe(400);
    expect((await call('GET', '/api/v1/sources/2147483647', 'officer')).status).toBe(404);
    expect((await call('GET', '/api/v1/runs/2147483648', 'officer')).status).toBe(400);
    expect((await call('POST', '/api/v1/runs/2147483647/cancel', 'officer')).status).toBe(404);
  });

  it('PATCH: robots override and schedule removal are audited and synced; DELETE removes the scheduler', async () => {
    const source = await (await call('POST', '/api/v1/sources', 'officer', { ...valid, startUrl: 'https://patch.example.vn/' })).json();
    const patched = await call('PATCH', `/api/v1/sources/${source.id}`, 'officer', { ignoreRobots: true, schedule: null, name: '<script>alert(1)</script>' });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ ignoreRobots: true, schedule: null, nextRunAt: null, maxPages: 50 });
    expect(await crawlQueue().getJobScheduler(schedulerId(source.id))).toBeUndefined();
    const events = await new AuditRepository(f.db.db).list({ entityType: 'crawler.source', entityId: source.id });
    expect(events.map((e) => e.action)).toEqual(['source.create', 'source.robots_override']);
    expect(events[1]!.actorUserId).toBe(f.seeded.officer.id);
    // The crawled or typed title is text in the pages, never markup.
    const page = await (await call('GET', '/monitoring/sources', 'officer')).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    expect((await call('DELETE', `/api/v1/sources/${source.id}`, 'officer')).status).toBe(204);
    expect((await call('GET', `/api/v1/sources/${source.id}`, 'officer')).status).toBe(404);
    expect((await call('DELETE', `/api/v1/sources/${source.id}`, 'officer')).status).toBe(404);
  });

  it('run now queues one run (409 for a second), cancel ends a queued run', async () => {
    const source = await (await call('POST', '/api/v1/sources', 'officer', { ...valid, startUrl: 'https://run.example.vn/' })).json();
    const first = await call('POST', `/api/v1/sources/${source.id}/runs`, 'officer');
    expect(first.status).toBe(202);
    const run = await first.json();
    expect(run).toMatchObject({ status: 'queued', trigger: 'manual', pagesVisited: 0 });
    const second = await call('POST', `/api/v1/sources/${source.id}/runs`, 'officer');
    expect(second.status).toBe(409);
    expect((await second.json()).detail).toMatch(`run ${run.id} queued`);
    expect((await call('POST', `/api/v1/sources/${source.id}/runs`, 'inspector')).status).toBe(403);
    const runs = await (await call('GET', `/api/v1/runs?sourceId=${source.id}`, 'inspector')).json();
    expect(runs.items.map((r: { id: number }) => r.id)).toEqual([run.id]);
    const cancelled = await call('POST', `/api/v1/runs/${run.id}/cancel`, 'officer');
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect((await call('POST', `/api/v1/runs/${run.id}/cancel`, 'officer')).status).toBe(409);
    expect((await call('GET', '/api/v1/runs?status=bogus', 'officer')).status).toBe(400);
  });

  it.each([
    ['http://127.0.0.1:3100/p', /loopback/],
    ['http://169.254.169.254/latest/meta-data/', /linkLocal/],
    ['http://[::1]/', /loopback/],
    ['http://localhost:8080/', /loopback/],
    ['http://10.0.0.8/', /private/],
    ['javascript:alert(document.cookie)', /only http and https/],
    ['not a url', /not a valid URL/],
    ['https://user:pw@shop.vn/', /credentials/],
  ])('manual capture refuses %s without internal (400, nothing queued)', async (url, message) => {
    const res = await call('POST', '/api/v1/captures', 'officer', { url });
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(message);
    expect(await f.queues.queues.queue(QueueName.Capture).getJobCounts('waiting')).toEqual({ waiting: 0 });
  });

  it('manual capture of an allowed URL is queued and visible', async () => {
    expect((await call('POST', '/api/v1/captures', 'inspector', { url: 'http://127.0.0.1:1/' })).status).toBe(403);
    const res = await call('POST', '/api/v1/captures', 'officer', { url: 'http://127.0.0.1:1/san-pham/x', internal: true });
    expect(res.status).toBe(202);
    const capture = await res.json();
    expect(capture).toMatchObject({ status: 'queued', listing: null, findings: [] });
    expect(await f.queues.queues.queue(QueueName.Capture).getJob(`capture-${capture.id}`)).toBeTruthy();
    expect((await (await call('GET', `/api/v1/captures/${capture.id}`, 'inspector')).json()).id).toBe(capture.id);
    const page = await (await call('GET', `/monitoring/captures/${capture.id}`, 'officer')).text();
    expect(page).toContain('http://127.0.0.1:1/san-pham/x');
  });

  it('pages: a form with a bad cron shows the error (400) and keeps the input; a good one creates and redirects', async () => {
    const form = await (await call('GET', '/monitoring/sources/new', 'officer')).text();
    const token = csrfOf(form)!;
    const post = (fields: Record<string, string>) => f.app.request('/monitoring/sources', { method: 'POST', headers: { cookie: cookies.officer!, origin: ORIGIN }, body: new URLSearchParams({ _csrf: token, ...fields }) });
    const bad = await post({ name: 'Form', startUrl: 'https://form.example.vn/', schedule: 'every day', maxPages: '10', enabled: 'on' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('mon-error');
    expect(html).toContain('value="https://form.example.vn/"');
    const good = await post({ name: 'Form', startUrl: 'https://form.example.vn/', schedule: '0 3 * * 1', maxPages: '10', enabled: 'on' });
    expect(good.status).toBe(303);
    const detail = await (await call('GET', good.headers.get('location')!, 'officer')).text();
    expect(detail).toContain('0 3 * * 1');
    expect((await call('GET', '/monitoring/sources/new', 'inspector')).status).toBe(403);
    expect((await call('GET', '/monitoring/sources/99999999999', 'officer')).status).toBe(404);
  });
});
