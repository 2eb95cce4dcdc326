import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../core/services/free-port.ts';
import { httpUserAgent, RobotsPolicy } from './robots.policy.ts';
import { UrlGuard } from './url-safety.ts';

describe('RobotsPolicy', () => {
  let server: http.Server;
  let base: string;
  const fetched: string[] = [];
  const agents: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      fetched.push(req.url!);
      agents.push(String(req.headers['user-agent']));
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('User-agent: *\nDisallow: /private\n\nUser-agent: ipwatch\nDisallow: /no-ipwatch\nCrawl-delay: 2\n');
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches robots.txt once per origin and applies the ipwatch group', async () => {
    const robots = new RobotsPolicy(new UrlGuard({ allowInternal: true }));
    expect(await robots.allowed(`${base}/san-pham/1`)).toBe(true);
    expect(await robots.refusal(`${base}/no-ipwatch/x`)).toBe(`disallowed by robots.txt of ${base}`);
    // The ipwatch group replaces the * group for us (RFC 9309 §2.2.1).
    expect(await robots.allowed(`${base}/private`)).toBe(true);
    expect(await robots.crawlDelaySeconds(`${base}/`)).toBe(2);
    expect(fetched.filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(agents[0]).toBe(httpUserAgent());
    expect(httpUserAgent()).toBe('ipwatch/0.1 (+So VHTTDL Bac Ninh)');
  });

  it('allows everything when robots.txt is missing and nothing when the host is unreachable', async () => {
    const missing = http.createServer((_, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => missing.listen(0, '127.0.0.1', resolve));
    const other = `http://127.0.0.1:${(missing.address() as AddressInfo).port}`;
    const robots = new RobotsPolicy(new UrlGuard({ allowInternal: true }));
    expect(await robots.allowed(`${other}/anything`)).toBe(true);
    await new Promise<void>((resolve) => missing.close(() => resolve()));
    const closed = `http://127.0.0.1:${await freePort()}`;
    expect(await robots.refusal(`${closed}/x`)).toMatch(/robots\.txt of .* unavailable \(cannot fetch .*ECONNREFUSED/);
    expect(await robots.originError(`${closed}/x`)).toMatch(/ECONNREFUSED/);
  });
});
