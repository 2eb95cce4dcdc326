import type { Redis } from 'ioredis';
import ipaddr from 'ipaddr.js';
import { adapterForUrl } from './adapters/adapter.registry.ts';
import { genericAdapter } from './adapters/generic.adapter.ts';

/**
 * Polite default request rates come from the site adapters (one place: each adapter's `politeness`). The
 * marketplaces that block automated visitors early (MARKETPLACES.md §7: Shopee's traffic wall after ~25
 * products in 15 minutes) get a few a minute; an unknown public site the generic adapter's two a second;
 * loopback/private hosts (the sample marketplace, an intranet an officer marked internal) are not
 * throttled unless the source says so.
 */
export const DEFAULT_RATE_PER_MINUTE = genericAdapter.politeness.requestsPerMinute;

export function ratePerMinuteFor(host: string, sourceRate: number | null | undefined): number {
  if (sourceRate && sourceRate > 0) return sourceRate;
  const bare = host.replace(/^\[|\]$/g, '');
  const platform = ipaddr.isValid(bare) ? genericAdapter : adapterForUrl(`https://${bare}/`);
  if (platform !== genericAdapter && platform.politeness.requestsPerMinute > 0) return platform.politeness.requestsPerMinute;
  if (/^localhost$|\.localhost$/i.test(bare)) return 0;
  if (ipaddr.isValid(bare) && ipaddr.process(bare).range() !== 'unicast') return 0;
  return DEFAULT_RATE_PER_MINUTE;
}

/** One token bucket per host; `reserve` takes a token and says how long to wait before using it. */
export interface TokenBucketStore {
  reserve(host: string, perMinute: number): Promise<number>;
}

/**
 * Reserves a token atomically in Redis with the server's clock, so every crawler process on every machine
 * draws from one bucket per host. Tokens may go negative: each caller gets its own slot in the queue.
 */
const RESERVE_SCRIPT = `
local rate = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(b[1])
local ts = tonumber(b[2])
if tokens == nil then tokens = cap ts = now end
tokens = math.min(cap, tokens + (now - ts) * rate)
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) / rate) end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((cap - tokens) / rate) + 60000)
return wait
`;

export class RedisTokenBuckets implements TokenBucketStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async reserve(host: string, perMinute: number): Promise<number> {
    const wait = await this.redis.eval(RESERVE_SCRIPT, 1, `${this.prefix}:ratelimit:host:${host.toLowerCase()}`, String(perMinute / 60_000), '1');
    return Number(wait);
  }
}

/** Same algorithm in this process only: for `ipwatch crawl`, which runs without Redis. */
export class LocalTokenBuckets implements TokenBucketStore {
  private readonly buckets = new Map<string, { tokens: number; ts: number }>();
  constructor(private readonly clock: () => number = () => Date.now()) {}

  async reserve(host: string, perMinute: number): Promise<number> {
    const rate = perMinute / 60_000;
    const now = this.clock();
    const bucket = this.buckets.get(host) ?? { tokens: 1, ts: now };
    bucket.tokens = Math.min(1, bucket.tokens + (now - bucket.ts) * rate);
    bucket.ts = now;
    const wait = bucket.tokens < 1 ? Math.ceil((1 - bucket.tokens) / rate) : 0;
    bucket.tokens -= 1;
    this.buckets.set(host, bucket);
    return wait;
  }
}

/** Waits for the host's turn; an abort (cancel, shutdown) ends the wait at once. */
export class DomainRateLimiter {
  constructor(
    private readonly store: TokenBucketStore,
    private readonly sourceRate: number | null | undefined,
    private readonly signal?: AbortSignal,
  ) {}

  async acquire(url: URL | string): Promise<void> {
    const host = (typeof url === 'string' ? new URL(url) : url).hostname;
    const perMinute = ratePerMinuteFor(host, this.sourceRate);
    if (!perMinute) return;
    const wait = await this.store.reserve(host, perMinute);
    if (wait > 0) await abortableSleep(wait, this.signal);
  }
}

/** Waits ms, or rejects with the signal's reason as soon as it is aborted (a cancelled run stops waiting). */
export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
