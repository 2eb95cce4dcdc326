import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrawlService } from './crawl.service.ts';
import { ListingRepository } from './listing.repository.ts';
import { SourceRepository } from './source.repository.ts';
import { createCrawlTestContext, type CrawlTestContext } from './test/crawl.context.ts';

interface Server {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Server> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const product = (image: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Tranh chuột</title><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Tranh chuột đám cưới', image: [image], offers: { '@type': 'Offer', price: 99000, priceCurrency: 'VND' } })}</script></head>
<body><h1>Tranh chuột đám cưới</h1><img src="${image}" width="240" height="240"><img src="/img/ok.png" width="240" height="240"></body></html>`;

/**
 * The "public" site is served on loopback and trusted by exact origin; every other internal address,
 * including a second loopback port, must stay out of reach even through redirects the browser follows.
 */
describe('SSRF guard inside Chromium', () => {
  let internal: Server;
  let site: Server;
  let t: CrawlTestContext;
  beforeAll(async () => {
    const png = await sharp({ create: { width: 240, height: 240, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toBuffer();
    internal = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(product('/secret.png'));
    });
    site = await serve((req, res) => {
      const redirect = (location: string) => {
        res.writeHead(302, { location });
        res.end();
      };
      if (req.url === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      if (req.url === '/to-private') return redirect(`${internal.url}/admin`);
      if (req.url === '/to-metadata') return redirect('http://169.254.169.254/latest/meta-data/');
      // Two hops: the first is public, the second is not; Chromium would follow both on its own.
      if (req.url === '/hop') return redirect('/to-private');
      if (req.url === '/img/redirect.png') return redirect(`${internal.url}/secret.png`);
      if (req.url === '/img/ok.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (req.url === '/san-pham') return res.writeHead(200, { 'content-type': 'text/html' }).end(product('/img/redirect.png'));
      if (req.url === '/san-pham-lon') return res.writeHead(200, { 'content-type': 'text/html' }).end(product('/img/huge.png'));
      // 40 MB behind a declared length: the guarded fetch must refuse it rather than hand it to the page.
      if (req.url === '/img/huge.png') return res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(40 * 1024 * 1024) }).end(Buffer.alloc(40 * 1024 * 1024));
      res.writeHead(404).end();
    });
    t = await createCrawlTestContext('pglite');
  });
  afterAll(async () => {
    await site?.close();
    await internal?.close();
    await t?.close();
  });

  async function crawl(path: string, name: string) {
    const sources = new SourceRepository(t.ctx.db);
    const source = await sources.upsertSource({ name, startUrl: `${site.url}${path}`, maxPages: 5, allowInternal: false });
    const run = await sources.createRun(source.id);
    const summary = await new CrawlService(t.ctx).crawl(source, run.id, { allowedOrigins: [site.url] });
    const listings = await new ListingRepository(t.ctx.db).list({ sourceId: source.id });
    return { summary, listings, run: await sources.getRun(run.id) };
  }

  it.each([
    ['/to-private', /127\.0\.0\.1.*loopback/],
    ['/hop', /127\.0\.0\.1.*loopback/],
    ['/to-metadata', /169\.254\.169\.254.*linkLocal/],
  ])('refuses a start page redirecting %s to an internal address, and says so', async (path, message) => {
    const { summary, listings, run } = await crawl(path, `redirect ${path}`);
    expect(internal.hits).toEqual([]);
    expect(listings).toEqual([]);
    expect(summary.status).toBe('failed');
    expect(summary.errors.map((e) => e.message).join('\n')).toMatch(message);
    expect(JSON.stringify(run?.errors)).toMatch(message);
  });

  it('stores the page but not an image that redirects to an internal address', async () => {
    const { summary, listings, run } = await crawl('/san-pham', 'image redirect');
    expect(internal.hits).toEqual([]);
    expect(summary.status).toBe('succeeded');
    expect(listings).toHaveLength(1);
    const images = await new ListingRepository(t.ctx.db).images(listings[0]!.id);
    const bad = images.find((i) => i.url.endsWith('/img/redirect.png'));
    expect(bad?.sha256 ?? null).toBeNull();
    expect(bad?.error).toMatch(/127\.0\.0\.1/);
    expect(images.find((i) => i.url.endsWith('/img/ok.png'))?.sha256).toBeTruthy();
    expect(JSON.stringify(run?.errors)).toMatch(/img\/redirect\.png[^]*127\.0\.0\.1|127\.0\.0\.1[^]*redirect\.png/);
  });

  it('refuses an oversized response in the guarded browser path, and keeps the page', async () => {
    const { summary, listings, run } = await crawl('/san-pham-lon', 'huge image');
    expect(summary.status).toBe('succeeded');
    expect(listings).toHaveLength(1);
    expect(JSON.stringify(run?.errors)).toMatch(/huge\.png[^]*response of \d+ bytes is over the 33554432-byte limit/);
  });
});
