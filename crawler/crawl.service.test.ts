import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../core/services/free-port.ts';
import { databaseKinds } from '../test/helpers/databases.ts';
import { CrawlService } from './crawl.service.ts';
import { ListingRepository } from './listing.repository.ts';
import { SourceRepository } from './source.repository.ts';
import { createCrawlTestContext, type CrawlTestContext } from './test/crawl.context.ts';
import { startFixtureSite, type FixtureSite } from './test/fixture.site.ts';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe.each(databaseKinds())('CrawlService on %s with real Chromium', (kind) => {
  let site: FixtureSite;
  let closedPort: number;
  let t: CrawlTestContext;
  beforeAll(async () => {
    closedPort = await freePort();
    site = await startFixtureSite({ closedPort });
    t = await createCrawlTestContext(kind);
  });
  afterAll(async () => {
    await site?.close();
    await t?.close();
  });

  it('crawls a shop: listings, images and evidence stored, robots.txt honoured, bad inputs recorded', async () => {
    const sources = new SourceRepository(t.ctx.db);
    const listings = new ListingRepository(t.ctx.db);
    const source = await sources.upsertSource({ name: 'fixture', startUrl: `${site.url}/danh-muc/tranh`, maxPages: 30, allowInternal: true });
    const run = await sources.createRun(source.id);
    const seen: [number, boolean][] = [];
    const started = Date.now();
    const summary = await new CrawlService(t.ctx).crawl(source, run.id, { onListing: async (id, changed) => void seen.push([id, changed]) });
    const seconds = (Date.now() - started) / 1000;
    console.info(`[crawl speed] ${summary.pagesVisited} pages in ${seconds.toFixed(1)} s = ${((summary.pagesVisited / seconds) * 60).toFixed(0)} pages/min`);

    expect(summary.status).toBe('succeeded');
    expect(site.hits.get('/san-pham/cam')).toBeUndefined();
    const all = await listings.list({ sourceId: source.id });
    const byPath = new Map(all.map((l) => [new URL(l.url).pathname, l]));
    expect([...byPath.keys()].sort()).toEqual(['/san-pham/gom-phu-lang', '/san-pham/tranh-ga', '/san-pham/tranh-lon']);
    expect(seen.filter(([, changed]) => changed)).toHaveLength(3);

    const ga = byPath.get('/san-pham/tranh-ga')!;
    expect(ga).toMatchObject({ title: 'Tranh gà Đông Hồ', priceVnd: 125000, currency: 'VND', sellerName: 'Xưởng tranh Nguyễn Đăng', externalId: 'GA-01' });
    expect(ga.url).toBe(`${site.url}/san-pham/tranh-ga`);
    const gaImages = await listings.images(ga.id);
    expect(gaImages.map((i) => new URL(i.url).pathname)).toEqual(['/img/ga.png', '/img/ga-2.png']);
    for (const image of gaImages) {
      expect(image.error).toBeNull();
      const bytes = await t.ctx.blobs.read(image.blobKey!);
      expect(sha256(bytes)).toBe(image.sha256);
      expect(bytes.equals(site.images.get(new URL(image.url).pathname)!)).toBe(true);
    }

    const lon = byPath.get('/san-pham/tranh-lon')!;
    expect(lon).toMatchObject({ title: 'Tranh lợn ăn cây ráy', priceVnd: 1250000, sellerName: 'Làng tranh' });
    expect(lon.description).toContain('khắc gỗ');
    const lonImages = await listings.images(lon.id);
    expect(lonImages.some((i) => i.url.endsWith('/img/lon.png') && i.sha256)).toBe(true);

    const gom = byPath.get('/san-pham/gom-phu-lang')!;
    expect(gom).toMatchObject({ title: 'Bình gốm Phù Lãng', priceVnd: 1200000 });
    const gomImages = new Map((await listings.images(gom.id)).map((i) => [new URL(i.url).pathname, i]));
    expect(gomImages.get('/img/gom.png')?.sha256).toBeTruthy();
    expect(gomImages.get('/img/missing.jpg')?.error).toBe('HTTP 404');
    expect(gomImages.get('/img/fake.jpg')?.error).toMatch(/not an image: served as image\/jpeg but the bytes are an HTML page/);
    expect(gomImages.get('/img/private/x.png')?.error).toMatch(/disallowed by robots\.txt/);
    // Not even the browser loaded it while rendering the page.
    expect(site.hits.get('/img/private/x.png')).toBeUndefined();

    for (const listing of all) {
      const [evidence] = await listings.evidenceOf(listing.id);
      expect(evidence).toBeDefined();
      const screenshot = await t.ctx.blobs.read(evidence!.screenshotKey);
      expect(screenshot.subarray(1, 4).toString()).toBe('PNG');
      expect(sha256(screenshot)).toBe(evidence!.screenshotSha256);
      const html = await t.ctx.blobs.read(evidence!.htmlKey);
      expect(sha256(html)).toBe(evidence!.htmlSha256);
      expect(html.toString()).toContain(listing.title);
      if (evidence!.responseKey) expect(sha256(await t.ctx.blobs.read(evidence!.responseKey))).toBe(evidence!.responseSha256);
      expect(evidence!.httpStatus).toBe(200);
      expect(evidence!.headers?.['x-fixture']).toBe('ipwatch');
      expect(evidence!.software).toMatch(/^ipwatch\/\d+\.\d+\.\d+ crawlee\/3\.\S+ chromium\/\d+/);
      expect(Math.abs(evidence!.capturedAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    }

    const stored = (await sources.getRun(run.id))!;
    expect(stored).toMatchObject({ status: 'succeeded', pagesVisited: summary.pagesVisited, listingsFound: 3 });
    expect(stored.errors.some((e) => e.url.endsWith('/img/missing.jpg') && /HTTP 404/.test(e.message))).toBe(true);
    expect(summary.pagesVisited).toBeGreaterThanOrEqual(5);
    expect(stored.errors.some((e) => e.url.includes(`:${closedPort}/`) && /host unreachable: .*ECONNREFUSED/.test(e.message))).toBe(true);
    // The malformed page was visited, did not stop the run and did not become a listing.
    expect(site.hits.get('/san-pham/hong')).toBeGreaterThanOrEqual(1);

    // Recrawl: nothing duplicated, nothing changed, nothing lost.
    const run2 = await sources.createRun(source.id);
    const seen2: boolean[] = [];
    const again = await new CrawlService(t.ctx).crawl(source, run2.id, { onListing: async (_, changed) => void seen2.push(changed) });
    expect(again.status).toBe('succeeded');
    expect(await listings.list({ sourceId: source.id })).toHaveLength(3);
    expect(seen2).toEqual([false, false, false]);
    expect((await listings.images(ga.id)).every((i) => i.sha256)).toBe(true);
    expect((await listings.evidenceOf(ga.id)).length).toBe(2);
  });

  it('ends the run as failed with a clear error when the start URL is unreachable', async () => {
    const sources = new SourceRepository(t.ctx.db);
    const port = await freePort();
    const source = await sources.upsertSource({ name: 'closed', startUrl: `http://127.0.0.1:${port}/`, allowInternal: true });
    const run = await sources.createRun(source.id);
    const summary = await new CrawlService(t.ctx).crawl(source, run.id);
    expect(summary.status).toBe('failed');
    expect(summary.errors[0]!.message).toMatch(new RegExp(`start URL http://127.0.0.1:${port}/ is unreachable: .*ECONNREFUSED`));
    expect((await sources.getRun(run.id))!.status).toBe('failed');
  });

  it('refuses loopback addresses unless the source allows internal addresses', async () => {
    const sources = new SourceRepository(t.ctx.db);
    const source = await sources.upsertSource({ name: 'internal', startUrl: `${site.url}/`, allowInternal: false });
    const run = await sources.createRun(source.id);
    const summary = await new CrawlService(t.ctx).crawl(source, run.id);
    expect(summary.status).toBe('failed');
    expect(summary.errors[0]!.message).toMatch(/refusing 127\.0\.0\.1:\d+: it resolves to 127\.0\.0\.1 \(loopback\), not a public address/);
  });
});
