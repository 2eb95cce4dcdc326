import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { createApiFixture, login, ORIGIN, PASSWORD, type ApiFixture } from '../test/api.fixture.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

describe.each(databaseKinds())('pages and login on %s', (kind) => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture(kind, { app: { loginLimit: 3, loginWindowSeconds: 60 } });
  });
  afterAll(() => f?.close());

  it('signs in with the right password: HttpOnly cookie, redirect to the findings', async () => {
    const res = await f.app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams({ email: 'CanBo@sovhttdl.bacninh.gov.vn', password: PASSWORD, next: '/findings?status=new' }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/findings?status=new');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ipwatch_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
  });

  it('refuses a wrong password and an unknown email alike, and never redirects off-site', async () => {
    const wrong = await f.app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams({ email: 'thanhtra@sovhttdl.bacninh.gov.vn', password: 'sai-mat-khau', next: '//evil.example' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const html = await wrong.text();
    expect(html).toContain('Email hoặc mật khẩu không đúng.');
    expect(html).toContain('name="next" value="/findings"');
    const unknown = await login(f.app, 'nobody@example.vn');
    expect(unknown.status).toBe(401);
    const ok = await f.app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams({ email: 'dongho@example.vn', password: PASSWORD, next: 'https://evil.example/' }) });
    expect(ok.headers.get('location')).toBe('/findings');
  });

  it('rate-limits login attempts per IP and email with a 429 page', async () => {
    const email = 'phulang@example.vn';
    for (let i = 0; i < 3; i++) expect((await login(f.app, email, 'wrong-password')).status).toBe(401);
    const limited = await f.app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams({ email, password: PASSWORD }) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.headers.get('content-type')).toMatch(/text\/html/);
    expect(await limited.text()).toContain('Quá nhiều lần đăng nhập');
  });

  it('refuses a cross-origin form POST without CSRF proof', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, {}, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const res = await f.app.request('/login', { method: 'POST', headers, body: new URLSearchParams({ email: 'canbo@sovhttdl.bacninh.gov.vn', password: PASSWORD }) });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const same = await f.app.request('/login', { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams({ email: 'canbo@sovhttdl.bacninh.gov.vn', password: PASSWORD }) });
    expect(same.status).toBe(303);
  });

  it('sends anonymous visitors to the login form and renders it in Vietnamese, English on request', async () => {
    const res = await f.app.request('/findings');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Ffindings');
    expect((await f.app.request('/')).headers.get('location')).toBe('/findings');
    const vi = await (await f.app.request('/login')).text();
    expect(vi).toContain('<html lang="vi">');
    expect(vi).toContain('Mật khẩu');
    const en = await f.app.request('/login?lang=en');
    expect(await en.text()).toContain('Password');
    expect(en.headers.get('set-cookie')).toContain('ipwatch_lang=en');
    expect(en.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(en.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('lists findings and shows one side by side; an officer confirms through the form with its CSRF token', async () => {
    const { cookie } = await login(f.app, 'canbo@sovhttdl.bacninh.gov.vn');
    const list = await (await f.app.request('/findings', { headers: { cookie: cookie! } })).text();
    expect(list).toContain('Tranh Đám cưới chuột');
    expect(list).toContain('Bình gốm men da lươn Phù Lãng');
    expect(list).toContain('93%');
    const id = f.seeded.findingA.id;
    const page = await (await f.app.request(`/findings/${id}`, { headers: { cookie: cookie! } })).text();
    expect(page).toContain('3794/2026/QTG');
    expect(page).toContain('125.000');
    expect(page).toContain('<mark>Đám cưới chuột</mark>');
    expect(page).toContain(`/files/evidence/${f.seeded.evidenceIdA}/screenshot`);
    expect(page).toContain('2026-11-20 03:15:42 UTC');
    expect(page).toContain('20/11/2026 10:15:42 (UTC+7)');
    expect(page).toContain('class="region"');
    const token = csrfOf(page);
    expect(token).toBeDefined();
    const missing = await f.app.request(`/findings/${id}/review`, { method: 'POST', headers: { cookie: cookie!, origin: ORIGIN }, body: new URLSearchParams({ status: 'dismissed' }) });
    expect(missing.status).toBe(403);
    const done = await f.app.request(`/findings/${id}/review`, { method: 'POST', headers: { cookie: cookie!, origin: ORIGIN }, body: new URLSearchParams({ status: 'dismissed', note: 'ảnh khác', _csrf: token! }) });
    expect(done.status).toBe(303);
    const after = await (await f.app.request(`/findings/${id}`, { headers: { cookie: cookie! } })).text();
    expect(after).toContain('badge dismissed');
    expect(after).toContain('ảnh khác');
    const filtered = await (await f.app.request('/findings?status=dismissed', { headers: { cookie: cookie! } })).text();
    expect(filtered).toContain(`data-finding-id="${id}"`);
    expect(filtered).not.toContain(`data-finding-id="${f.seeded.findingB.id}"`);
  });

  it('shows inspectors no review buttons and refuses their review POST; a rights holder gets a 404 page for others', async () => {
    const { cookie } = await login(f.app, 'thanhtra@sovhttdl.bacninh.gov.vn');
    const page = await (await f.app.request(`/findings/${f.seeded.findingB.id}`, { headers: { cookie: cookie! } })).text();
    expect(page).not.toContain('/review"');
    const res = await f.app.request(`/findings/${f.seeded.findingB.id}/review`, { method: 'POST', headers: { cookie: cookie!, origin: ORIGIN }, body: new URLSearchParams({ status: 'confirmed', _csrf: csrfOf(page)! }) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('không có quyền');
    const holder = await login(f.app, 'dongho@example.vn');
    const other = await f.app.request(`/findings/${f.seeded.findingB.id}`, { headers: { cookie: holder.cookie! } });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('logs out: the session row is gone, the old cookie no longer works', async () => {
    const { cookie } = await login(f.app, 'canbo@sovhttdl.bacninh.gov.vn');
    const page = await (await f.app.request('/findings', { headers: { cookie: cookie! } })).text();
    const out = await f.app.request('/logout', { method: 'POST', headers: { cookie: cookie!, origin: ORIGIN }, body: new URLSearchParams({ _csrf: csrfOf(page)! }) });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/ipwatch_session=;/);
    expect((await f.app.request('/findings', { headers: { cookie: cookie! } })).status).toBe(303);
  });

  it('answers unknown pages with an HTML 404', async () => {
    const res = await f.app.request('/no-such-page');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Không tìm thấy trang.');
    const { cookie } = await login(f.app, 'thanhtra@sovhttdl.bacninh.gov.vn');
    expect((await f.app.request('/findings/99999999999', { headers: { cookie: cookie! } })).status).toBe(404);
  });
});
