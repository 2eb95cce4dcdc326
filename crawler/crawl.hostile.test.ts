import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrawlService } from './crawl.service.ts';
import { ListingRepository } from './listing.repository.ts';
import { SourceRepository } from './source.repository.ts';
import { createCrawlTestContext, type CrawlTestContext } from './test/crawl.context.ts';

const product = (name: string, image: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title>
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name, image: [image], offers: { '@type': 'Offer', price: 150000, priceCurrency: 'VND' } })}</script></head>
<body><main><h1>${name}</h1><img src="${image}" width="300" height="300"><p>Giá 150.000đ</p></main></body></html>`;

// A grid that grows forever: every scroll near the bottom appends twenty more cards.
const endless = `<!doctype html><html><head><meta charset="utf-8"><title>Danh mục vô tận</title></head><body><main><div id="grid"></div></main>
<script>let n = 0; function more() { const g = document.getElementById('grid'); for (let i = 0; i < 20; i++, n++) { const a = document.createElement('a'); a.href = '/danh-muc/vo-tan?trang=' + n; a.textContent = 'Mục ' + n; a.style.display = 'block'; a.style.height = '60px'; g.appendChild(a); } }
more(); window.addEventListener('scroll', () => { if (window.scrollY + window.innerHeight > document.body.scrollHeight - 300) more(); });</script></body></html>`;

/**
 * Issue 8's hostile pages: one that never finishes loading (a picture that never answers), one whose
 * body never ends, and an endless scrolling list. The run must end by itself, keep what it could read,
 * and say what it could not.
 */
describe('hostile pages in real Chromium', () => {
  let t: CrawlTestContext;
  let server: http.Server;
  let base: string;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      if (url === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><body><a href="/san-pham/tranh-treo">Tranh</a> <a href="/san-pham/khong-het">Không hết</a> <a href="/danh-muc/vo-tan">Vô tận</a></body></html>');
      if (url === '/san-pham/tranh-treo') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(product('Tranh gà Đông Hồ', '/img/treo.png'));
      // Headers and half a page, then silence: the document never completes.
      if (url === '/san-pham/khong-het') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.write('<!doctype html><html><head><title>Đang tải');
        return;
      }
      if (url === '/img/treo.png') return; // never answers: the page's load event never fires
      if (url.startsWith('/danh-muc/vo-tan')) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(endless);
      res.writeHead(404).end();
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createCrawlTestContext('pglite');
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t?.close();
  });

  it('ends by itself: keeps the page whose picture never came, reports the page that never ended, stops scrolling', { timeout: 300_000 }, async () => {
    const sources = new SourceRepository(t.ctx.db);
    const source = await sources.upsertSource({ name: 'hostile', startUrl: `${base}/`, maxPages: 6, allowInternal: true });
    const run = await sources.createRun(source.id);
    const summary = await new CrawlService(t.ctx).crawl(source, run.id);
    expect(summary.status).toBe('succeeded');
    const stored = await new ListingRepository(t.ctx.db).list({ sourceId: source.id });
    expect(stored.map((l) => l.title)).toEqual(['Tranh gà Đông Hồ']);
    const images = await new ListingRepository(t.ctx.db).images(stored[0]!.id);
    expect(images[0]?.error).toBeTruthy(); // the picture never arrived: said so, not waited for forever
    const errors = summary.errors.map((e) => `${e.url} ${e.message}`).join('\n');
    expect(errors).toMatch(/khong-het.*(timeout|Timeout)/);
    expect(summary.pagesVisited).toBeLessThanOrEqual(6);
  });
});
