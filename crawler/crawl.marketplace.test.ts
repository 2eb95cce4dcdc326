import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test/helpers/databases.ts';
import { CrawlService } from './crawl.service.ts';
import { ListingRepository } from './listing.repository.ts';
import { SourceRepository } from './source.repository.ts';
import { createCrawlTestContext, type CrawlTestContext } from './test/crawl.context.ts';

/** Built by another part of the project; loaded by path so the crawler's own tests never depend on it. */
const marketplaceModule = new URL('../scripts/demo/marketplace/marketplace.ts', import.meta.url);

interface Marketplace {
  url: string;
  close(): Promise<void>;
  truth: { listings: { url: string; robotsDisallowed: boolean; title: string }[] };
}

describe.skipIf(!existsSync(marketplaceModule))('crawl of the sample marketplace', () => {
  const kind = databaseKinds()[0]!;
  let market: Marketplace;
  let t: CrawlTestContext;
  beforeAll(async () => {
    const { startMarketplace } = (await import(marketplaceModule.href)) as { startMarketplace(): Promise<Marketplace> };
    market = await startMarketplace();
    t = await createCrawlTestContext(kind);
  });
  afterAll(async () => {
    await market?.close();
    await t?.close();
  });

  it('finds most listings of the truth and none that robots.txt hides', { timeout: 600_000 }, async () => {
    const sources = new SourceRepository(t.ctx.db);
    const source = await sources.upsertSource({ name: 'demo marketplace', startUrl: `${market.url}/`, maxPages: 250, allowInternal: true });
    const run = await sources.createRun(source.id);
    const started = Date.now();
    const summary = await new CrawlService(t.ctx).crawl(source, run.id);
    const seconds = (Date.now() - started) / 1000;
    console.info(`[marketplace crawl] ${summary.pagesVisited} pages, ${summary.listingsFound} listings, ${summary.errors.length} errors in ${seconds.toFixed(0)} s = ${((summary.pagesVisited / seconds) * 60).toFixed(0)} pages/min`);

    const stored = await new ListingRepository(t.ctx.db).list({ sourceId: source.id, limit: 10_000 });
    const urls = new Set(stored.map((l) => l.url));
    const visible = market.truth.listings.filter((l) => !l.robotsDisallowed);
    const found = visible.filter((l) => urls.has(l.url));
    const missed = visible.filter((l) => !urls.has(l.url)).map((l) => l.url);
    if (missed.length) console.info('[marketplace crawl] missed', missed.slice(0, 20));
    expect(summary.status).toBe('succeeded');
    expect(found.length / visible.length).toBeGreaterThanOrEqual(0.9);
    for (const hidden of market.truth.listings.filter((l) => l.robotsDisallowed)) expect(urls.has(hidden.url)).toBe(false);
    // Every stored listing is a product of the truth (no category page, cart or block page stored as one).
    const truthUrls = new Set(market.truth.listings.map((l) => l.url));
    expect(stored.filter((l) => !truthUrls.has(l.url)).map((l) => l.url)).toEqual([]);
  });
});
