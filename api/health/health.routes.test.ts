import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createRedis } from '../../core/queue/queue.repository.ts';
import { createApiFixture, type ApiFixture } from '../test/api.fixture.ts';

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
    const res = await f.app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^ipwatch_queue_jobs\{queue="match",state="waiting"\} 0$/m);
    expect(text).toContain('ipwatch_jobs_total');
    expect(text).toContain('ipwatch_process_');
  });
});
