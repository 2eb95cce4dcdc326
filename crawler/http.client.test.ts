import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayloadTooLargeError, ValidationError } from '../core/errors/errors.ts';
import { retryDelayMs, safeFetch } from './http.client.ts';
import { UrlGuard } from './url-safety.ts';

/** Hostile server on 127.0.0.1: redirects into the metadata range, huge bodies, gzip bombs, 503 then 200. */
describe('safeFetch against hostile servers', () => {
  let server: http.Server;
  let port = 0;
  let flaky = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/ok') return void res.end('hello');
      if (path === '/to-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (path === '/to-loopback-v6') return void res.writeHead(301, { location: 'http://[::1]/' }).end();
      if (path === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
      if (path === '/huge-declared') return void res.writeHead(200, { 'content-length': String(60 * 1024 * 1024) }).end();
      if (path === '/huge-streamed') {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 97);
        let sent = 0;
        const push = () => {
          while (sent < 50 && res.write(chunk)) sent++;
          if (sent >= 50) res.end();
          else res.once('drain', push);
        };
        res.on('error', () => undefined);
        return push();
      }
      if (path === '/gzip-bomb') {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        return void res.end(zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)));
      }
      if (path === '/flaky') {
        flaky++;
        if (flaky < 3) return void res.writeHead(503, { 'retry-after': '0' }).end('busy');
        return void res.end('finally');
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const internal = () => new UrlGuard({ allowInternal: true });
  const opts = (guard: UrlGuard, maxBytes = 1024 * 1024) => ({ guard, userAgent: 'ipwatch-test', maxBytes, timeoutMs: 10_000 });

  it('refuses 127.0.0.1, [::1], 169.254.169.254 and javascript: without internal', async () => {
    const guard = new UrlGuard({ allowInternal: false });
    await expect(safeFetch(`http://127.0.0.1:${port}/ok`, opts(guard))).rejects.toThrow(/loopback/);
    await expect(safeFetch('http://[::1]:9/', opts(guard))).rejects.toThrow(/loopback/);
    await expect(safeFetch('http://169.254.169.254/latest/meta-data/', opts(guard))).rejects.toThrow(/linkLocal/);
    await expect(safeFetch('javascript:alert(1)', opts(guard))).rejects.toBeInstanceOf(ValidationError);
  });

  it('follows a redirect only after checking its target: public → 169.254.169.254 and → [::1] refused', async () => {
    // The first hop is "public" (a name resolving to this test server is treated as allowed below), the
    // redirect target is checked anew without that allowance.
    const guard = new UrlGuard({ allowInternal: false, resolve: async () => ['127.0.0.1'] });
    // Only the redirect hop matters here: start from an internal-allowed guard for the first request.
    const start = new UrlGuard({ allowInternal: true });
    const first = await safeFetch(`http://127.0.0.1:${port}/ok`, opts(start));
    expect(first.body.toString()).toBe('hello');
    await expect(safeFetch(`http://localhost:${port}/to-metadata`, opts(guard))).rejects.toThrow(/not a public address/);
    const mixed = new (class extends UrlGuard {
      override async check(raw: string): Promise<URL> {
        return raw.includes(`:${port}/`) ? new URL(raw) : super.check(raw);
      }
    })({ allowInternal: false });
    await expect(safeFetch(`http://127.0.0.1:${port}/to-metadata`, { ...opts(mixed), guard: mixed })).rejects.toThrow(/169\.254\.169\.254 \(linkLocal\)/);
    await expect(safeFetch(`http://127.0.0.1:${port}/to-loopback-v6`, { ...opts(mixed), guard: mixed })).rejects.toThrow(/::1 \(loopback\)/);
    await expect(safeFetch(`http://127.0.0.1:${port}/loop`, opts(internal()))).rejects.toThrow(/too many redirects/);
  });

  it('DNS rebinding: a name that passed the check but resolves to loopback at connect time is refused', async () => {
    let calls = 0;
    // First answer (the check) public, every later answer (the connection) loopback: the classic rebinding.
    const guard = new UrlGuard({ allowInternal: false, resolve: async () => (calls++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']) });
    await expect(safeFetch(`http://rebind.example:${port}/ok`, opts(guard))).rejects.toThrow(/refusing rebind\.example: it resolves to 127\.0\.0\.1 \(loopback\)/);
    expect(calls).toBe(2);
    // And the socket really goes to the address the guard resolved (no second system lookup).
    const pinned = new UrlGuard({ allowInternal: true, resolve: async () => ['127.0.0.1'] });
    const res = await safeFetch(`http://pinned.invalid:${port}/ok`, opts(pinned));
    expect(res.body.toString()).toBe('hello');
  });

  it('caps bodies: declared, streamed (50 MB) and decompressed (gzip bomb)', async () => {
    await expect(safeFetch(`http://127.0.0.1:${port}/huge-declared`, opts(internal()))).rejects.toBeInstanceOf(PayloadTooLargeError);
    const before = process.memoryUsage().rss;
    await expect(safeFetch(`http://127.0.0.1:${port}/huge-streamed`, opts(internal(), 2 * 1024 * 1024))).rejects.toThrow(/over the 2097152-byte limit/);
    await expect(safeFetch(`http://127.0.0.1:${port}/gzip-bomb`, opts(internal(), 2 * 1024 * 1024))).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('retries 503 with backoff and succeeds; backoff honours Retry-After within a cap', async () => {
    const res = await safeFetch(`http://127.0.0.1:${port}/flaky`, opts(internal()));
    expect(res.body.toString()).toBe('finally');
    expect(flaky).toBe(3);
    expect(retryDelayMs(1, undefined)).toBe(1000);
    expect(retryDelayMs(3, undefined)).toBe(4000);
    expect(retryDelayMs(1, '5')).toBe(5000);
    expect(retryDelayMs(1, '86400')).toBe(60_000);
    expect(retryDelayMs(1, 'garbage')).toBe(1000);
  });
});
