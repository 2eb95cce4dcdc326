import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestQueues } from '../../../test/helpers/queues.ts';
import type { AppEnv } from '../../app.types.ts';
import { createErrorHandler } from '../../problem/problem.handler.ts';
import { loginAttemptKey, rateLimit } from './rate-limit.middleware.ts';

const t = createTestQueues();
afterAll(() => t.cleanup());

function tinyApp(limit: number, windowSeconds = 60) {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler({ error: () => undefined } as never, (c, p) => c.text(`page ${p.type}`, p.status as 429)));
  app.post('/api/login', rateLimit({ redis: t.redis, keyPrefix: `${t.prefix}:rl`, limit, windowSeconds, key: loginAttemptKey }), async (c) => {
    const body = await c.req.parseBody();
    return c.text(`hello ${String(body.email)}`);
  });
  return app;
}

const post = (app: Hono<AppEnv>, email: string) =>
  app.request('/api/login', { method: 'POST', body: new URLSearchParams({ email, password: 'x' }) });

describe('rateLimit on real Redis', () => {
  it('allows `limit` attempts per email, then answers 429 problem with Retry-After', async () => {
    const app = tinyApp(3);
    for (let i = 0; i < 3; i++) expect((await post(app, 'a@x.vn')).status).toBe(200);
    const limited = await post(app, 'A@x.vn ');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ type: 'rate-limited', status: 429 });
    // Another email from the same address still gets through, and the body stays readable downstream.
    const other = await post(app, 'b@x.vn');
    expect(await other.text()).toBe('hello b@x.vn');
  });

  it('opens again when the window is over', async () => {
    const app = tinyApp(1, 1);
    expect((await post(app, 'c@x.vn')).status).toBe(200);
    expect((await post(app, 'c@x.vn')).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await post(app, 'c@x.vn')).status).toBe(200);
  });
});
