import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { UserRole } from '../../api.schema.ts';
import type { AppEnv } from '../../app.types.ts';
import { createErrorHandler, createNotFoundHandler } from '../../problem/problem.handler.ts';
import { requireRole } from './require-role.middleware.ts';

function tinyApp(role: UserRole | undefined) {
  const app = new Hono<AppEnv>();
  const render = (c: Parameters<Parameters<typeof createErrorHandler>[1]>[0], p: { status: number }) => c.text('page', p.status as 403);
  app.onError(createErrorHandler({ error: () => undefined } as never, render));
  app.notFound(createNotFoundHandler(render));
  app.use(async (c, next) => {
    c.set('session', role ? { token: 't', user: { id: 1, email: 'u@x.vn', name: 'U', role, ownerId: null, locale: 'vi' } } : undefined);
    await next();
  });
  app.post('/api/review', requireRole(['officer']), (c) => c.text('reviewed'));
  app.get('/api/any', requireRole(), (c) => c.text('any'));
  app.get('/page', requireRole([], { loginPath: '/login' }), (c) => c.text('page'));
  return app;
}

describe('requireRole', () => {
  it('lets a listed role through', async () => {
    expect((await tinyApp('officer').request('/api/review', { method: 'POST' })).status).toBe(200);
    expect((await tinyApp('inspector').request('/api/any')).status).toBe(200);
  });

  it('answers 403 problem to another role and 401 problem to nobody', async () => {
    const forbidden = await tinyApp('inspector').request('/api/review', { method: 'POST' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toBe('application/problem+json');
    expect(await forbidden.json()).toMatchObject({ type: 'forbidden', status: 403 });
    const anonymous = await tinyApp(undefined).request('/api/any');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ type: 'unauthorized' });
  });

  it('sends an anonymous page visitor to the login form, keeping where they were going', async () => {
    const res = await tinyApp(undefined).request('/page?x=1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fpage%3Fx%3D1');
  });
});
