import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createRedis } from '../../core/queue/queue.repository.ts';
import { createApiFixture, type ApiFixture } from '../test/api.fixture.ts';

/** What @hono/node-server passes as env: the socket the request came in on. */
const peer = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('/healthz and /metrics', () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture('pglite');
  });
  afterAll(() => f?.close());

  it('reports database and Redis ok', async () => {
    const res = await f.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ database: 'ok', redis: 'ok' });
  });

  it('answers 503 problem naming Redis when its connection is closed', async () => {
    const redis = createRedis(inject('redisUrl'));
    await redis.ping();
    redis.disconnect();
    const { createApp } = await import('../app.ts');
    const app = createApp({ ...f.deps, redis });
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await res.json();
    expect(problem).toMatchObject({ type: 'dependency-unavailable', status: 503 });
    expect(problem.detail).toMatch(/^redis: /);
  });

  it('exposes Prometheus metrics with queue depths read at scrape time', async () => {
    const res = await f.app.request('/metrics', {}, peer('127.0.0.1'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^ipwatch_queue_jobs\{queue="match",state="waiting"\} 0$/m);
    expect(text).toContain('ipwatch_jobs_total');
    expect(text).toContain('ipwatch_process_');
  });

  it('refuses /metrics to other hosts when no token is configured, even with a forged X-Forwarded-For', async () => {
    const res = await f.app.request('/metrics', { headers: { 'x-forwarded-for': '127.0.0.1' } }, peer('203.0.113.7'));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('requires the configured bearer token for /metrics, from anywhere', async () => {
    const withToken = await createApiFixture('pglite', { config: { IPWATCH_METRICS_TOKEN: 'scrape-token-0123456789' } });
    try {
      expect((await withToken.app.request('/metrics', {}, peer('127.0.0.1'))).status).toBe(401);
      const wrong = await withToken.app.request('/metrics', { headers: { authorization: 'Bearer scrape-token-0123456780' } }, peer('203.0.113.7'));
      expect(wrong.status).toBe(401);
      const ok = await withToken.app.request('/metrics', { headers: { authorization: 'Bearer scrape-token-0123456789' } }, peer('203.0.113.7'));
      expect(ok.status).toBe(200);
    } finally {
      await withToken.close();
    }
  });
});
