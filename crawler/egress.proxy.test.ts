import dns from 'node:dns/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { parseConfig } from '../core/config/config.ts';
import { startEgressProxy } from './egress.proxy.ts';
import { routeSubrequests } from './page.guard.ts';
import { guardedLookup, isPublicAddress, UrlGuard } from './url-safety.ts';

let hits = 0;
let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>Bí mật nội bộ</title></head><body><h1>Trang quản trị</h1>${req.url}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function viaProxy(proxyUrl: string, target: string): Promise<number> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    http.get({ host: proxy.hostname, port: proxy.port, path: target, headers: { host: new URL(target).host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

function connectVia(proxyUrl: string, authority: string): Promise<string> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(proxy.port), proxy.hostname, () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    socket.once('data', (d) => {
      resolve(d.toString().split('\r\n')[0]!);
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

describe('guarded egress proxy', () => {
  it('connects only to addresses the guard accepts, for plain requests and CONNECT tunnels', async () => {
    // The name answers 127.0.0.1: the guard refuses it, so nothing reaches the server behind it.
    const refusing = await startEgressProxy({ lookup: guardedLookup({ allowInternal: false, resolve: async () => ['127.0.0.1'] }) });
    const before = hits;
    expect(await viaProxy(refusing.url, `http://rebind.example:${port}/admin`)).toBe(403);
    expect(await connectVia(refusing.url, `rebind.example:${port}`)).toMatch(/^HTTP\/1.1 403/);
    expect(await connectVia(refusing.url, '169.254.169.254:80')).toMatch(/^HTTP\/1.1 403/);
    expect(hits).toBe(before);
    expect(refusing.refused.join('\n')).toMatch(/127\.0\.0\.1.*loopback/);
    await refusing.close();

    const trusting = await startEgressProxy({ lookup: guardedLookup({ allowInternal: false }), trusted: (host, p) => host === '127.0.0.1' && p === port });
    expect(await viaProxy(trusting.url, `http://127.0.0.1:${port}/ok`)).toBe(200);
    expect(await connectVia(trusting.url, `127.0.0.1:${port}`)).toMatch(/^HTTP\/1.1 200/);
    expect(await viaProxy(trusting.url, 'ftp://127.0.0.1/')).toBe(400);
    await trusting.close();
  });
});

/**
 * DNS rebinding in the browser path: a host name the guard sees as public (its resolver says
 * 93.184.216.34) that the system resolves to this machine. The page guard lets the request through (the
 * name looked public); without the proxy Playwright's route.fetch would resolve it again and load the
 * internal page. With the proxy the only connection made is to the address the guard checked.
 */
const hostName = os.hostname();
const systemAddress = await dns.lookup(hostName).then((a) => a.address, () => undefined);
describe.skipIf(!systemAddress || isPublicAddress(systemAddress))('DNS rebinding inside Chromium', () => {
  it('never lets the browser reach the internal page', { timeout: 120_000 }, async () => {
    const options = { allowInternal: false, resolve: async () => ['93.184.216.34'] };
    const guard = new UrlGuard(options);
    const proxy = await startEgressProxy({ lookup: guard.lookup });
    const browser = await chromium.launch({ executablePath: parseConfig({}).chromiumPath, args: ['--no-sandbox'], proxy: { server: proxy.url } });
    try {
      const page = await browser.newPage();
      await routeSubrequests(page, { guard, robots: { allowed: async () => true } });
      const before = hits;
      const response = await page.goto(`http://${hostName}:${port}/admin`, { timeout: 30_000 }).catch(() => null);
      expect(hits - before).toBe(0);
      expect(response?.ok() ?? false).toBe(false);
      // Chromium may still be moving to its own error page: read the text once it has settled.
      await page.waitForLoadState('load').catch(() => undefined);
      expect(await page.evaluate(() => document.body?.innerText ?? '').catch(() => '')).not.toContain('Trang quản trị');
    } finally {
      await browser.close();
      await proxy.close();
    }
  });
});
