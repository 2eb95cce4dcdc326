import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test/helpers/databases.ts';
import { CrawlService } from './crawl.service.ts';
import { MANIFEST_FORMAT, vietnamTime, type EvidenceManifest } from './evidence/manifest.ts';
import { readWarc } from './evidence/warc.reader.ts';
import { ListingRepository } from './listing.repository.ts';
import { loadSessionKey } from './session/session.key.ts';
import { SessionRepository } from './session/session.repository.ts';
import { SourceRepository } from './source.repository.ts';
import { createCrawlTestContext, type CrawlTestContext } from './test/crawl.context.ts';

/** Built by another part of the project; loaded by path so the crawler's own tests never depend on it. */
const marketplaceModule = new URL('../scripts/demo/marketplace/marketplace.ts', import.meta.url);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe.skipIf(!existsSync(marketplaceModule))('named adapter, WARC evidence, history and sessions with real Chromium', () => {
  const kind = databaseKinds()[0]!;
  let market: { url: string; close(): Promise<void> };
  let t: CrawlTestContext;
  beforeAll(async () => {
    const { startMarketplace } = (await import(marketplaceModule.href)) as { startMarketplace(): Promise<typeof market> };
    market = await startMarketplace();
    t = await createCrawlTestContext(kind);
  });
  afterAll(async () => {
    await market?.close();
    await t?.close();
  });

  it('crawls the sample marketplace with the cho-que adapter and stores a WARC per listing that warcio reads back', { timeout: 300_000 }, async () => {
    const sources = new SourceRepository(t.ctx.db);
    const listings = new ListingRepository(t.ctx.db);
    const source = await sources.upsertSource({ name: 'Chợ Quê', startUrl: `${market.url}/danh-muc/tranh-trang-tri`, adapter: 'cho-que', maxPages: 8, allowInternal: true });
    const run = await sources.createRun(source.id);
    const started = Date.now();
    const summary = await new CrawlService(t.ctx).crawl(source, run.id);
    console.info(`[cho-que crawl] ${summary.pagesVisited} pages, ${summary.listingsFound} listings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(summary.status).toBe('succeeded');
    expect(summary.listingsFound).toBeGreaterThanOrEqual(4);

    const stored = await listings.list({ sourceId: source.id });
    for (const listing of stored) {
      expect(listing.url).toMatch(new RegExp(`^${market.url}/san-pham/[a-z0-9-]+-i\\d+$`));
      const [proof] = await listings.evidenceOf(listing.id);
      expect(proof!.warcKey).toMatch(/\.warc$/);
      expect(proof!.serverIp).toBe('127.0.0.1');
      const warc = await t.ctx.blobs.read(proof!.warcKey!);
      expect(sha256(warc)).toBe(proof!.warcSha256);
      const records = await readWarc(warc);
      const types = records.map((r) => r.type);
      expect(types[0]).toBe('warcinfo');
      expect(types.at(-1)).toBe('metadata');
      for (const r of records) if (r.payloadDigest) expect(r.payloadDigestOk).toBe(true);

      // The document exchange with its original status line and headers, and the product JSON the page fetched.
      const responses = records.filter((r) => r.type === 'response');
      const page = responses.find((r) => r.targetUri === proof!.url)!;
      expect(page.status).toBe(200);
      expect(page.httpHeaders['content-type']).toMatch(/text\/html/);
      expect(sha256(page.payload)).toBe(proof!.responseSha256);
      const api = responses.find((r) => /\/api\/san-pham\/\d+$/.test(r.targetUri ?? ''))!;
      expect((JSON.parse(api.payload.toString('utf8')) as { item: { name: string } }).item.name).toBe(listing.title);
      expect(records.filter((r) => r.type === 'request').length).toBe(responses.length);

      const screenshot = records.find((r) => r.targetUri?.startsWith('urn:ipwatch:screenshot:'));
      const dom = records.find((r) => r.targetUri?.startsWith('urn:ipwatch:rendered-dom:'));
      const meta = records.at(-1);
      // The listing's images as fetched, byte for byte what the image store holds.
      const images = await listings.images(listing.id);
      const imageRecords = records.filter((r) => r.type === 'resource' && r.targetUri?.startsWith(`${market.url}/img/`));
      expect(imageRecords.map((r) => r.targetUri)).toEqual(images.filter((i) => i.sha256).map((i) => i.url));
      for (const r of imageRecords) expect(sha256(r.payload)).toBe(images.find((i) => i.url === r.targetUri)!.sha256);
      expect(imageRecords[0]?.contentType).toBe('image/jpeg');
      expect(sha256(screenshot!.payload)).toBe(proof!.screenshotSha256);
      expect(screenshot!.payload.subarray(1, 4).toString()).toBe('PNG');
      expect(sha256(dom!.payload)).toBe(proof!.htmlSha256);
      expect(JSON.parse(meta!.payload.toString('utf8'))).toMatchObject({ canonicalUrl: listing.url, httpStatus: 200, serverIp: '127.0.0.1', listing: { title: listing.title } });

      // The manifest names every file of the capture by SHA-256, and each file in the store still matches.
      const manifestBytes = await t.ctx.blobs.read(proof!.manifestKey!);
      expect(sha256(manifestBytes)).toBe(proof!.manifestSha256);
      const manifest = JSON.parse(manifestBytes.toString('utf8')) as EvidenceManifest;
      expect(manifest).toMatchObject({ format: MANIFEST_FORMAT, canonicalUrl: listing.url, capturedAt: proof!.capturedAt.toISOString(), serverIp: '127.0.0.1', httpStatus: 200 });
      expect(manifest.capturedAtVietnam).toBe(vietnamTime(proof!.capturedAt));
      expect(manifest.files.map((f) => f.role)).toEqual(expect.arrayContaining(['screenshot', 'html', 'warc', 'image']));
      expect(manifest.files.find((f) => f.role === 'warc')!.sha256).toBe(proof!.warcSha256);
      for (const file of manifest.files) expect(sha256(await t.ctx.blobs.read(file.key))).toBe(file.sha256);

      const history = await listings.history(listing.id);
      expect(history.map((e) => e.kind)).toEqual(['first_seen']);
      expect(history[0]!.runId).toBe(run.id);
    }
  });

  it('records a known listing whose page now answers 404 as removed, not as a crawl error', { timeout: 120_000 }, async () => {
    const sources = new SourceRepository(t.ctx.db);
    const listings = new ListingRepository(t.ctx.db);
    const source = await sources.upsertSource({ name: 'Chợ Quê gỡ', startUrl: `${market.url}/`, adapter: 'cho-que', maxPages: 1, allowInternal: true });
    const url = `${market.url}/san-pham/tranh-da-go-i999999`;
    const { listing } = await listings.upsert({ sourceId: source.id, platform: '127.0.0.1', url, externalId: '999999', title: 'Tranh đã gỡ', description: null, priceVnd: 1, currency: 'VND', sellerName: null, sellerUrl: null, contentHash: 'x' }, new Date(Date.now() - 86_400_000));
    const run = await sources.createRun(source.id);
    const summary = await new CrawlService(t.ctx).crawl(source, run.id, { singlePage: `${url}?sp_atk=zz` });
    expect(summary.status).toBe('succeeded');
    expect(summary.errors).toEqual([]);
    expect(await listings.get(listing.id)).toMatchObject({ status: 'removed' });
    expect((await listings.history(listing.id)).map((e) => [e.kind, e.reason])).toEqual([
      ['first_seen', null],
      ['removed', 'HTTP 404'],
    ]);
  });

  it("loads a source's sealed browser session into the crawl's browser (cookie and localStorage)", { timeout: 120_000 }, async () => {
    const cookies: string[] = [];
    const server = http.createServer((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      cookies.push(req.headers.cookie ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="vi"><head><title>Hồ sơ</title><meta property="og:type" content="product"><meta property="og:title" content="Tranh riêng tư"><meta property="product:price:amount" content="50000"><meta property="product:price:currency" content="VND"></head>
<body><h1>Tranh riêng tư</h1><p id="t"></p><script>document.getElementById('t').textContent = 'token=' + localStorage.getItem('token');</script></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const sources = new SourceRepository(t.ctx.db);
      const source = await sources.upsertSource({ name: 'login', startUrl: `${origin}/p/1`, maxPages: 1, allowInternal: true });
      await new SessionRepository(t.ctx.db, await loadSessionKey(t.ctx.config)).save(source.id, {
        cookies: [{ name: 'officer', value: 'phien-cua-can-bo', domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }],
        origins: [{ origin, localStorage: [{ name: 'token', value: 'ls-123' }] }],
      });
      const run = await sources.createRun(source.id);
      const summary = await new CrawlService(t.ctx).crawl(source, run.id);
      expect(summary.listingsFound).toBe(1);
      expect(cookies[0]).toContain('officer=phien-cua-can-bo');
      const listings = new ListingRepository(t.ctx.db);
      const [listing] = await listings.list({ sourceId: source.id });
      const [proof] = await listings.evidenceOf(listing!.id);
      expect((await t.ctx.blobs.read(proof!.htmlKey)).toString('utf8')).toContain('token=ls-123');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
