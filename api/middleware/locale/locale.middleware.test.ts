import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../app.types.ts';
import { LOCALE_COOKIE, locale } from './locale.middleware.ts';

const app = new Hono<AppEnv>();
app.use(locale({ secure: false }));
app.get('/', (c) => c.json({ locale: c.var.locale, submit: c.var.t.login.submit }));

describe('locale middleware', () => {
  it('speaks Vietnamese by default, whatever the browser asks', async () => {
    const res = await app.request('/', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(await res.json()).toEqual({ locale: 'vi', submit: 'Đăng nhập' });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('switches with ?lang=en and remembers it in a cookie', async () => {
    const res = await app.request('/?lang=en');
    expect(await res.json()).toEqual({ locale: 'en', submit: 'Sign in' });
    expect(res.headers.get('set-cookie')).toContain(`${LOCALE_COOKIE}=en`);
    const next = await app.request('/', { headers: { cookie: `${LOCALE_COOKIE}=en` } });
    expect(await next.json()).toMatchObject({ locale: 'en' });
  });

  it('ignores unknown languages', async () => {
    const res = await app.request('/?lang=fr', { headers: { cookie: `${LOCALE_COOKIE}=xx` } });
    expect(await res.json()).toMatchObject({ locale: 'vi' });
  });
});
