import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFixture, login, ORIGIN, type ApiFixture } from '../test/api.fixture.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

describe('review pages', () => {
  let f: ApiFixture;
  let officer: string;
  let holderA: string;
  beforeAll(async () => {
    f = await createApiFixture('pglite');
    officer = (await login(f.app, f.seeded.officer.email)).cookie!;
    holderA = (await login(f.app, f.seeded.holderA.email)).cookie!;
  });
  afterAll(() => f?.close());
  const get = (path: string, cookie = officer) => f.app.request(path, { headers: { cookie } });

  it('serves the shortcut script from our origin and allows only that in the CSP', async () => {
    const res = await get('/static/review.js');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toContain("case 'j'");
    const page = await get('/findings');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toContain('<script src="/static/review.js" defer');
  });

  it('answers a bad filter with a 400 page, keeps empty form fields as "no filter"', async () => {
    expect((await get('/findings?minScore=7')).status).toBe(400);
    const empty = await get('/findings?status=&work=&platform=&minScore=&signal=&sort=newest');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain(`data-finding-id="${f.seeded.findingA.id}"`);
  });

  it('needs a reason to dismiss through the page form', async () => {
    const html = await (await get(`/findings/${f.seeded.findingA.id}`)).text();
    const body = new URLSearchParams({ status: 'dismissed', note: ' ', _csrf: csrfOf(html)! });
    const res = await f.app.request(`/findings/${f.seeded.findingA.id}/review`, { method: 'POST', headers: { cookie: officer, origin: ORIGIN }, body });
    expect(res.status).toBe(400);
  });

  it('adds an allow rule from a finding page and lists it; a holder sees no other holder’s seller', async () => {
    const html = await (await get(`/findings/${f.seeded.findingA.id}`)).text();
    expect(html).toContain('Ảnh 1 của tin đăng');
    const body = new URLSearchParams({ subject: `work:${f.seeded.findingA.workId}`, choice: 'seller|Shop Tranh Đẹp 68', back: `/findings/${f.seeded.findingA.id}`, _csrf: csrfOf(html)! });
    const res = await f.app.request('/allow-list', { method: 'POST', headers: { cookie: officer, origin: ORIGIN }, body });
    expect(res.status).toBe(303);
    const list = await (await get('/allow-list')).text();
    expect(list).toContain('shop tranh dep 68');
    const after = await (await get(`/findings/${f.seeded.findingA.id}`)).text();
    expect(after).toContain('badge dismissed');
    expect((await get(`/sellers/${f.seeded.findingB.listingId}`, holderA)).status).toBe(404);
    const seller = await get(`/sellers/${f.seeded.findingA.listingId}`);
    expect(seller.status).toBe(200);
    expect(await seller.text()).toContain('Shop Tranh Đẹp 68');
  });
});
