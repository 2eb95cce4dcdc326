import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../../core/audit/audit.repository.ts';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { createApiFixture, login, ORIGIN, type ApiFixture } from '../../test/api.fixture.ts';

const SECRET = 'SPC_EC-very-secret-cookie-value';
const state = {
  cookies: [{ name: 'SPC_EC', value: SECRET, domain: '.shopee.vn', path: '/', expires: 1_900_000_000, httpOnly: true, secure: true, sameSite: 'Lax' }],
  origins: [{ origin: 'https://shopee.vn', localStorage: [{ name: 'token', value: 'local-secret' }] }],
};

describe.each(databaseKinds())("a source's browser session over REST on %s", (kind) => {
  let f: ApiFixture;
  let sourceId: number;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    f = await createApiFixture(kind);
    for (const [name, user] of Object.entries({ officer: f.seeded.officer, inspector: f.seeded.inspector, holder: f.seeded.holderA })) cookies[name] = (await login(f.app, user.email)).cookie!;
    const res = await call('POST', '/api/v1/sources', 'officer', { name: 'Shopee tranh', startUrl: 'https://shopee.vn/search?keyword=tranh', adapter: 'shopee' });
    sourceId = (await res.json()).id;
  });
  afterAll(() => f?.close());

  function call(method: string, path: string, who: string, body?: unknown) {
    return f.app.request(path, { method, headers: { cookie: cookies[who]!, 'content-type': 'application/json' }, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  }

  it('stores it sealed for officers and shows only a summary, never a value', async () => {
    const put = await call('PUT', `/api/v1/sources/${sourceId}/session`, 'officer', state);
    expect(put.status).toBe(200);
    const text = await put.text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toMatchObject({ sourceId, cookies: 1, domains: ['shopee.vn'], origins: ['https://shopee.vn'] });
    const got = await call('GET', `/api/v1/sources/${sourceId}/session`, 'inspector');
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ session: { cookies: 1 } });
    const events = await new AuditRepository(f.db.db).list({ entityType: 'crawler.source', entityId: sourceId, action: 'source.session.save' });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect(JSON.stringify(events)).not.toContain('local-secret');
    const doc = await (await f.app.request('/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths)).toContain('/api/v1/sources/{id}/session');
  });

  it.each([
    ['inspector', 403],
    ['holder', 403],
  ])('refuses %s (%i)', async (who, status) => {
    expect((await call('PUT', `/api/v1/sources/${sourceId}/session`, who, state)).status).toBe(status);
    expect((await call('DELETE', `/api/v1/sources/${sourceId}/session`, who)).status).toBe(status);
  });

  it.each([
    ['not JSON', '{"cookies": [', 400],
    ['no cookies and no origins', { cookies: [], origins: [] }, 400],
    ['a cookie without a domain', { cookies: [{ name: 'a', value: 'b' }], origins: [] }, 400],
    ['an array', [1, 2], 400],
  ])('refuses %s with a problem and keeps the stored session', async (_what, body, status) => {
    const res = await call('PUT', `/api/v1/sources/${sourceId}/session`, 'officer', body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await (await call('GET', `/api/v1/sources/${sourceId}/session`, 'officer')).json()).toMatchObject({ session: { cookies: 1 } });
  });

  it('refuses a body over the limit (413) and an unknown source (404)', async () => {
    const huge = { cookies: [{ name: 'x', value: 'v'.repeat(6 * 1024 * 1024), domain: 'shopee.vn', path: '/' }], origins: [] };
    expect((await call('PUT', `/api/v1/sources/${sourceId}/session`, 'officer', huge)).status).toBe(413);
    expect((await call('PUT', '/api/v1/sources/999999/session', 'officer', state)).status).toBe(404);
    expect((await call('GET', '/api/v1/sources/999999/session', 'officer')).status).toBe(404);
  });

  it('removes it (audited), then there is none', async () => {
    expect((await call('DELETE', `/api/v1/sources/${sourceId}/session`, 'officer')).status).toBe(204);
    expect(await (await call('GET', `/api/v1/sources/${sourceId}/session`, 'officer')).json()).toEqual({ session: null });
    expect((await call('DELETE', `/api/v1/sources/${sourceId}/session`, 'officer')).status).toBe(404);
  });

  it('uploads from the source page as a file (multipart with the CSRF token), errors shown on the page', async () => {
    const page = await (await f.app.request(`/monitoring/sources/${sourceId}`, { headers: { cookie: cookies.officer! } })).text();
    expect(page).toContain('enctype="multipart/form-data"');
    const token = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const upload = (content: string) => {
      const form = new FormData();
      form.set('_csrf', token);
      form.set('state', new File([content], 'shopee.json', { type: 'application/json' }));
      return f.app.request(`/monitoring/sources/${sourceId}/session`, { method: 'POST', headers: { cookie: cookies.officer!, origin: ORIGIN }, body: form });
    };
    const ok = await upload(JSON.stringify(state));
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toMatch(/1 cookie cho shopee\.vn/);
    expect(html).not.toContain(SECRET);
    const bad = await upload('không phải JSON');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/role="alert"/);
    // The inspector sees the summary, not the form.
    const readOnly = await (await f.app.request(`/monitoring/sources/${sourceId}`, { headers: { cookie: cookies.inspector! } })).text();
    expect(readOnly).toMatch(/1 cookie cho shopee\.vn/);
    expect(readOnly).not.toContain('enctype="multipart/form-data"');
  });
});
