import { afterAll, describe, expect, it } from 'vitest';
import { createTestQueues } from '../test/helpers/queues.ts';
import { DEFAULT_RATE_PER_MINUTE, DomainRateLimiter, LocalTokenBuckets, ratePerMinuteFor, RedisTokenBuckets } from './run.rate-limit.ts';

describe('per-domain rate limits', () => {
  const q = createTestQueues();
  afterAll(() => q.cleanup());

  it('picks the source setting, else the platform default, else the general default; loopback unthrottled', () => {
    expect(ratePerMinuteFor('shopee.vn', null)).toBe(2);
    expect(ratePerMinuteFor('www.lazada.vn', undefined)).toBe(4);
    expect(ratePerMinuteFor('tiki.vn', 30)).toBe(30);
    expect(ratePerMinuteFor('example.vn', null)).toBe(DEFAULT_RATE_PER_MINUTE);
    expect(ratePerMinuteFor('127.0.0.1', null)).toBe(0);
    expect(ratePerMinuteFor('[::1]', null)).toBe(0);
    expect(ratePerMinuteFor('localhost', 10)).toBe(10);
    // One source of truth: every named adapter's own polite rate.
    expect(ratePerMinuteFor('shop.tiktok.com', null)).toBe(2);
    expect(ratePerMinuteFor('m.facebook.com', null)).toBe(2);
    expect(ratePerMinuteFor('www.chotot.com', null)).toBe(12);
  });

  it('one bucket per host in Redis, shared by two "processes" (two clients)', async () => {
    const a = new RedisTokenBuckets(q.redis, q.prefix);
    const other = q.redis.duplicate();
    const b = new RedisTokenBuckets(other, q.prefix);
    // 120/min = one token every 500 ms, burst 1: the reservations queue up across both clients.
    const waits = [await a.reserve('shop.vn', 120), await b.reserve('shop.vn', 120), await a.reserve('shop.vn', 120), await b.reserve('shop.vn', 120)];
    expect(waits[0]).toBe(0);
    for (let i = 1; i < 4; i++) {
      expect(waits[i]).toBeGreaterThan(i * 500 - 100);
      expect(waits[i]).toBeLessThanOrEqual(i * 500 + 5);
    }
    // Another host has its own bucket.
    expect(await b.reserve('other.vn', 120)).toBe(0);
    other.disconnect();
  });

  it('the limiter really waits, and a cancel ends the wait at once', async () => {
    const limiter = new DomainRateLimiter(new LocalTokenBuckets(), 600); // every 100 ms
    const started = Date.now();
    for (let i = 0; i < 4; i++) await limiter.acquire('http://slow.vn/p');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const controller = new AbortController();
    const waiting = new DomainRateLimiter(new LocalTokenBuckets(), 1, controller.signal);
    await waiting.acquire('http://a.vn/');
    const second = waiting.acquire('http://a.vn/');
    setTimeout(() => controller.abort(new Error('cancelled')), 50);
    await expect(second).rejects.toThrow(/cancelled/);
  });
});
