import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Redis } from 'ioredis';
import { pingDatabase } from '../../core/database/database.ts';
import { errorMessage } from '../../core/errors/errors.ts';
import { metricsRegistry, queueDepth } from '../../core/metrics/metrics.ts';
import type { ApiDeps, AppEnv } from '../app.types.ts';
import { clientIpOf, isLoopback } from '../middleware/client-ip/client-ip.middleware.ts';
import { problemResponse, type Problem } from '../problem/problem.handler.ts';

const PROBE_TIMEOUT_MS = 2_000;

/** A probe must answer even when a dependency hangs (ioredis queues commands while reconnecting). */
function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function pingRedis(redis: Redis): Promise<void> {
  // A closed client would otherwise wait for a reconnection that never comes.
  if (redis.status === 'end' || redis.status === 'close') throw new Error(`redis connection is ${redis.status}`);
  await redis.ping();
}

/**
 * Metrics name queues, error rates and hosts: not for the public. A configured token is required as a
 * bearer credential (compared in constant time); without one only the host itself may scrape.
 */
function metricsAccessDenied(c: Context<AppEnv>, token: string | undefined): Problem | undefined {
  if (token) {
    const given = Buffer.from(c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '');
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
    return { type: 'unauthorized', title: 'Authentication required', status: 401, detail: 'send the metrics token as a bearer credential' };
  }
  if (isLoopback(clientIpOf(c))) return undefined;
  return { type: 'forbidden', title: 'Forbidden', status: 403, detail: 'set IPWATCH_METRICS_TOKEN to scrape /metrics from another host' };
}

/** Liveness/readiness and Prometheus scraping; no session needed (they are for machines). */
export function createHealthRouter(deps: ApiDeps): Hono<AppEnv> {
  const router = new Hono<AppEnv>();

  router.get('/healthz', async (c) => {
    const [database, redis] = await Promise.allSettled([
      withTimeout(pingDatabase(deps.db), 'database'),
      withTimeout(pingRedis(deps.redis), 'redis'),
    ]);
    const down = Object.entries({ database, redis }).filter(([, r]) => r.status === 'rejected') as [string, PromiseRejectedResult][];
    if (!down.length) return c.json({ database: 'ok', redis: 'ok' }, 200);
    for (const [name, r] of down) deps.logger.warn({ err: r.reason, dependency: name }, 'health check failed');
    const detail = down.map(([name, r]) => `${name}: ${errorMessage(r.reason)}`).join('; ');
    return problemResponse(c, { type: 'dependency-unavailable', title: 'A dependency is unavailable', status: 503, detail });
  });

  router.get('/metrics', async (c) => {
    const denied = metricsAccessDenied(c, deps.config.metricsToken);
    if (denied) return problemResponse(c, denied);
    try {
      const counts = await withTimeout(deps.queues.counts(), 'redis');
      queueDepth.reset();
      for (const [queue, states] of Object.entries(counts)) {
        for (const [state, n] of Object.entries(states)) queueDepth.set({ queue, state }, n);
      }
    } catch (error) {
      // Process metrics are still worth scraping when Redis is away; the stale gauge is dropped instead.
      queueDepth.reset();
      deps.logger.warn({ err: error }, 'queue depths unavailable for /metrics');
    }
    return c.body(await metricsRegistry.metrics(), 200, { 'content-type': metricsRegistry.contentType });
  });

  return router;
}
