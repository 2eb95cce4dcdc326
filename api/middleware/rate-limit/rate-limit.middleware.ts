import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import { RateLimitedError } from '../../../core/errors/errors.ts';
import type { AppEnv } from '../../app.types.ts';
import { clientIpOf } from '../client-ip/client-ip.middleware.ts';

export interface RateLimitOptions {
  redis: Redis;
  /** Redis key prefix; include the deployment's prefix so tests and tenants don't collide. */
  keyPrefix: string;
  limit: number;
  windowSeconds: number;
  /** What is counted; undefined skips counting (e.g. a form without an email). */
  key: (c: Context<AppEnv>) => string | undefined | Promise<string | undefined>;
}

/**
 * Fixed-window counter in Redis, so every API process shares one count. The key is hashed: no email
 * address or IP is stored in Redis in clear.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    const subject = await options.key(c);
    if (subject === undefined) return next();
    const key = `${options.keyPrefix}:${createHash('sha256').update(subject).digest('hex')}`;
    // SET NX starts the window only on its first hit, so later hits never extend it (a fixed window).
    const replies = await options.redis.multi().set(key, '0', 'EX', options.windowSeconds, 'NX').incr(key).ttl(key).exec();
    if (!replies) throw new Error('rate limit transaction was aborted');
    for (const [error] of replies) if (error) throw error;
    const count = Number(replies[1]?.[1]);
    const ttl = Number(replies[2]?.[1]);
    if (count > options.limit) {
      throw new RateLimitedError(`too many attempts; try again in ${ttl} s`, { retryAfterSeconds: ttl > 0 ? ttl : options.windowSeconds });
    }
    await next();
  };
}

/** Login attempts are counted per IP and email: one attacker cannot lock out a user from everywhere. */
export async function loginAttemptKey(c: Context<AppEnv>): Promise<string | undefined> {
  const body = await c.req.parseBody();
  const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
  return email ? `${clientIpOf(c)}|${email}` : undefined;
}
