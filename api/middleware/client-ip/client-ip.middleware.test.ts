import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../app.types.ts';
import { clientIp, clientIpOf, isLoopback, resolveClientIp } from './client-ip.middleware.ts';

describe('resolveClientIp', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(resolveClientIp('::ffff:10.0.0.5', '1.2.3.4', 0)).toBe('10.0.0.5');
  });
  it('takes the entry written by the nearest trusted proxy, not what the client wrote', () => {
    // The client forged "6.6.6.6"; the single proxy appended the real peer 203.0.113.9.
    expect(resolveClientIp('10.0.0.2', '6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(resolveClientIp('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.0.0.7', 2)).toBe('203.0.113.9');
  });
  it('falls back to the socket peer on a short or garbled header', () => {
    expect(resolveClientIp('10.0.0.2', 'not-an-ip', 1)).toBe('10.0.0.2');
    expect(resolveClientIp('10.0.0.2', '203.0.113.9', 3)).toBe('10.0.0.2');
    expect(resolveClientIp(undefined, undefined, 1)).toBe('unknown');
  });
  it('knows loopback', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('10.0.0.1')).toBe(false);
    expect(isLoopback('unknown')).toBe(false);
  });
});

describe('clientIp middleware', () => {
  it('puts the resolved address on the context', async () => {
    const app = new Hono<AppEnv>();
    app.use('*', clientIp({ trustedProxies: 1 }));
    app.get('/', (c) => c.text(clientIpOf(c)));
    const res = await app.request('/', { headers: { 'x-forwarded-for': '9.9.9.9, 198.51.100.1' } });
    expect(await res.text()).toBe('198.51.100.1');
  });
});
