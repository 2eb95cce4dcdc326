import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv, SessionUser } from '../../app.types.ts';
import { SESSION_COOKIE, clearSessionCookie, session, setSessionCookie } from './session.middleware.ts';

const alice: SessionUser = { id: 1, email: 'alice@example.vn', name: 'Alice', role: 'officer', ownerId: null, locale: 'vi' };
const goodToken = 'a'.repeat(43);

function tinyApp() {
  const seen: string[] = [];
  const app = new Hono<AppEnv>();
  app.use(session({ resolve: async (token) => (seen.push(token), token === goodToken ? alice : undefined) }));
  app.get('/', (c) => c.json({ user: c.var.session?.user.email ?? null }));
  app.get('/login', (c) => (setSessionCookie(c, goodToken, new Date(Date.now() + 3600_000), true), c.text('ok')));
  app.get('/logout', (c) => (clearSessionCookie(c, true), c.text('bye')));
  return { app, seen };
}

describe('session middleware', () => {
  it('resolves a known token to its user', async () => {
    const { app } = tinyApp();
    const res = await app.request('/', { headers: { cookie: `${SESSION_COOKIE}=${goodToken}` } });
    expect(await res.json()).toEqual({ user: 'alice@example.vn' });
  });

  it('leaves the session empty for unknown, missing and malformed tokens without a lookup for junk', async () => {
    const { app, seen } = tinyApp();
    expect(await (await app.request('/', { headers: { cookie: `${SESSION_COOKIE}=${'b'.repeat(43)}` } })).json()).toEqual({ user: null });
    expect(await (await app.request('/')).json()).toEqual({ user: null });
    expect(await (await app.request('/', { headers: { cookie: `${SESSION_COOKIE}=x';drop` } })).json()).toEqual({ user: null });
    expect(seen).toEqual(['b'.repeat(43)]);
  });

  it('sets an HttpOnly, SameSite=Lax, Secure cookie and clears it', async () => {
    const { app } = tinyApp();
    const set = (await app.request('/login')).headers.get('set-cookie') ?? '';
    expect(set).toContain(`${SESSION_COOKIE}=${goodToken}`);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Secure/);
    const cleared = (await app.request('/logout')).headers.get('set-cookie') ?? '';
    expect(cleared).toMatch(/Max-Age=0/);
  });
});
