import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError } from '../../core/errors/errors.ts';
import type { AppEnv } from '../app.types.ts';
import { createErrorHandler, createNotFoundHandler } from './problem.handler.ts';

const logged: unknown[] = [];
const app = new Hono<AppEnv>();
const render = (c: Parameters<Parameters<typeof createErrorHandler>[1]>[0], p: { status: number; title: string }) => c.html(`<h1>${p.title}</h1>`, p.status as 500);
app.onError(createErrorHandler({ error: (...args: unknown[]) => logged.push(args) } as never, render));
app.notFound(createNotFoundHandler(render));
app.get('/api/boom', () => {
  throw new Error('connection to db://admin:secret@10.0.0.5 lost');
});
app.get('/api/conflict', () => {
  throw new ConflictError('finding 3 was changed meanwhile');
});
app.get('/api/zod', () => {
  z.object({ n: z.number() }).parse({ n: 'x' });
  return new Response('unreachable');
});
app.get('/page/boom', () => {
  throw new Error('secret');
});

describe('the one error handler', () => {
  it('maps typed errors to RFC 9457 problems', async () => {
    const res = await app.request('/api/conflict');
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({ type: 'conflict', title: 'Conflict', status: 409, detail: 'finding 3 was changed meanwhile' });
  });

  it('maps zod failures to 400 with the field that failed', async () => {
    const problem = await (await app.request('/api/zod')).json();
    expect(problem).toMatchObject({ type: 'validation-error', status: 400, errors: [{ path: 'n' }] });
  });

  it('hides unknown errors behind a plain 500 but logs them', async () => {
    const res = await app.request('/api/boom');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/secret|stack|at /);
    expect(JSON.parse(text)).toMatchObject({ type: 'internal-error', status: 500 });
    expect(logged).toHaveLength(1);
  });

  it('renders pages as HTML and unknown API paths as problems', async () => {
    const page = await app.request('/page/boom');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).not.toContain('secret');
    expect((await app.request('/api/nope')).headers.get('content-type')).toBe('application/problem+json');
    expect((await app.request('/nope')).headers.get('content-type')).toMatch(/text\/html/);
  });
});
