import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../app.types.ts';
import { createErrorHandler } from '../../problem/problem.handler.ts';
import { CSRF_FIELD, csrfToken, deriveCsrfToken } from './csrf-token.middleware.ts';

const sessionToken = 's'.repeat(43);

function tinyApp(signedIn: boolean) {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler({ error: () => undefined } as never, (c, p) => c.text(p.detail, p.status as 403)));
  app.use(async (c, next) => {
    c.set('session', signedIn ? { token: sessionToken, user: { id: 1, email: 'o@x.vn', name: 'O', role: 'officer', ownerId: null, locale: 'vi' } } : undefined);
    await next();
  });
  app.use(csrfToken());
  app.get('/form', (c) => c.text(c.var.csrfToken ?? 'none'));
  app.post('/form', (c) => c.text('done'));
  return app;
}

const postForm = (app: Hono<AppEnv>, fields: Record<string, string>) => app.request('/form', { method: 'POST', body: new URLSearchParams(fields) });

describe('csrfToken middleware', () => {
  it('exposes a per-session token for forms and accepts it back', async () => {
    const app = tinyApp(true);
    const token = await (await app.request('/form')).text();
    expect(token).toBe(deriveCsrfToken(sessionToken));
    expect(token).not.toContain(sessionToken);
    expect((await postForm(app, { [CSRF_FIELD]: token })).status).toBe(200);
  });

  it('refuses a signed-in form POST without the token or with a wrong one', async () => {
    const app = tinyApp(true);
    const missing = await postForm(app, { status: 'confirmed' });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toMatch(/CSRF/);
    expect((await postForm(app, { [CSRF_FIELD]: deriveCsrfToken('t'.repeat(43)) })).status).toBe(403);
  });

  it('does not get in the way of anonymous forms (login) or JSON', async () => {
    expect((await postForm(tinyApp(false), { email: 'a@x.vn' })).status).toBe(200);
    const json = await tinyApp(true).request('/form', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(200);
  });
});
