import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../api.services.ts';
import { caseServices } from '../../cases/cases.services.ts';
import type { SessionUser } from '../../app.types.ts';
import { createApiFixture, login, ORIGIN, type ApiFixture } from '../../test/api.fixture.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

describe('case pages', () => {
  let f: ApiFixture;
  let caseId: number;
  let noticeId: number;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    f = await createApiFixture('pglite');
    for (const [name, user] of Object.entries({ officer: f.seeded.officer, inspector: f.seeded.inspector, holderA: f.seeded.holderA, holderB: f.seeded.holderB })) cookies[name] = (await login(f.app, user.email)).cookie!;
    const o = f.seeded.officer;
    const officer: SessionUser = { id: o.id, email: o.email, name: o.name, role: 'officer', ownerId: null, locale: 'vi' };
    const { cases, notices } = caseServices(createServices(f.deps));
    caseId = (await cases.create(officer, { groupedBy: 'manual', findingIds: [f.seeded.findingA.id], title: 'Vụ <script>alert(1)</script>' })).id;
    noticeId = (await notices.draft(officer, caseId, { basis: 'art113', recipient: 'Shopee' })).id;
    // Sent two days ago and never re-checked: overdue.
    await notices.record(officer, noticeId, 'sent', new Date(Date.now() - 48 * 3600_000));
  });
  afterAll(() => f?.close());

  const get = (url: string, who: string) => f.app.request(url, { headers: { cookie: cookies[who]! } });

  it('shows an overdue notice standing out, and crawled or typed text as text', async () => {
    const list = await (await get('/cases', 'officer')).text();
    expect(list).toMatch(new RegExp(`<tr data-case-id="${caseId}" class="overdue">`));
    expect(list).toContain('Quá hạn');
    expect(list).toContain('Vụ &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list).not.toContain('<script>alert(1)');
    const detail = await (await get(`/cases/${caseId}`, 'inspector')).text();
    expect(detail).toContain(`<article class="card notice overdue" data-notice-id="${noticeId}">`);
    // Inspectors read: no forms to act.
    expect(detail).not.toContain(`action="/notices/${noticeId}/events"`);
    expect(await (await get(`/cases/${caseId}?error=%3Cimg%20src%3Dx%3E`, 'officer')).text()).toContain('&lt;img src=x&gt;');
  });

  it('answers another holder, bad ids and the wrong role as the API does', async () => {
    expect((await get(`/cases/${caseId}`, 'holderA')).status).toBe(200);
    expect((await get(`/cases/${caseId}`, 'holderB')).status).toBe(404);
    expect(await (await get('/cases', 'holderB')).text()).toContain('Chưa có vụ việc nào.');
    for (const url of ['/cases/99999', '/cases/99999999999', '/cases/abc']) expect((await get(url, 'officer')).status, url).toBe(404);
    expect((await get('/cases/new', 'inspector')).status).toBe(403);
    expect((await get('/cases/calendar', 'holderA')).status).toBe(403);
    expect((await get(`/cases/${caseId}/notices/new`, 'holderA')).status).toBe(403);
    expect((await f.app.request('/cases')).status).toBe(303);
  });

  it('records events from the form in Vietnam time and shows a refusal on the page', async () => {
    const html = await (await get(`/cases/${caseId}`, 'officer')).text();
    const post = (at: string, event: string) =>
      f.app.request(`/notices/${noticeId}/events`, { method: 'POST', headers: { cookie: cookies.officer!, origin: ORIGIN }, body: new URLSearchParams({ _csrf: csrfOf(html)!, event, at }) });
    const bad = await post('2026-11-20T08:00', 'objection');
    expect(bad.status).toBe(303);
    expect(decodeURIComponent(bad.headers.get('location')!)).toContain('Chỉ yêu cầu theo Điều 114');
    const received = new Date(Date.now() - 47 * 3600_000);
    const local = new Date(received.getTime() + 7 * 3600_000).toISOString().slice(0, 16);
    expect((await post(local, 'received')).headers.get('location')).toBe(`/cases/${caseId}`);
    const view = await caseServices(createServices(f.deps)).cases.repo.getNotice(noticeId);
    expect(view!.receivedAt!.toISOString().slice(0, 16)).toBe(received.toISOString().slice(0, 16));
    expect((await post('not a time', 'received')).headers.get('location')).toMatch(/error=/);
  });
});
