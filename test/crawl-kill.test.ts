import { existsSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { JobName } from '../core/queue/job-names.ts';
import { evidence, listings, sources as sourcesTable } from '../crawler/crawler.schema.ts';
import { crawlJobId } from '../crawler/schedule.service.ts';
import { SourceRepository } from '../crawler/source.repository.ts';
import { createStageTestContext } from '../matcher/matcher.fixture.ts';
import { startCli, type LongRunning } from './helpers/cli.ts';
import { createTestQueues } from './helpers/queues.ts';

const marketplaceModule = new URL('../scripts/demo/marketplace/marketplace.ts', import.meta.url);

/**
 * Issue 8: a crawler worker killed with SIGKILL in the middle of a run. BullMQ's stalled-job check hands
 * the run to the next worker, which finishes it; listings stay unique and no listing is captured twice.
 */
describe.skipIf(!inject('postgresUrl') || !existsSync(marketplaceModule))('a crawler worker killed with kill -9 mid-run', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it('is resumed by the next worker: the run completes, nothing lost or stored twice', { timeout: 420_000 }, async () => {
    const { startMarketplace } = (await import(marketplaceModule.href)) as { startMarketplace(): Promise<{ url: string; close(): Promise<void> }> };
    const market = await startMarketplace();
    cleanups.push(() => market.close());
    const queues = createTestQueues();
    cleanups.push(() => queues.cleanup());
    const stage = await createStageTestContext('postgres', queues.queues);
    cleanups.push(() => stage.close());
    const { ctx } = stage;
    const databaseUrl = (ctx.db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;

    const sources = new SourceRepository(ctx.db);
    // A slow, polite rate so that the kill lands in the middle of the run.
    const source = await sources.upsertSource({ name: 'Chợ Quê', startUrl: `${market.url}/danh-muc/tranh-trang-tri`, adapter: 'cho-que', maxPages: 7, allowInternal: true });
    await ctx.db.update(sourcesTable).set({ ratePerMinute: 40 }).where(eq(sourcesTable.id, source.id));
    const { run } = await sources.claimRun(source.id, { trigger: 'manual' });
    await queues.queues.add(JobName.CrawlSource, { sourceId: source.id, runId: run.id }, { jobId: crawlJobId(run.id) });

    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: queues.redisUrl,
      IPWATCH_QUEUE_PREFIX: queues.prefix,
      IPWATCH_DATA_DIR: ctx.config.dataDir,
      IPWATCH_LOG_LEVEL: 'warn',
    };
    const captured = async () => (await ctx.db.select({ id: evidence.id }).from(evidence).where(eq(evidence.runId, run.id))).length;
    const until = async (check: () => Promise<boolean>, ms: number, what: string) => {
      const deadline = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };

    const first: LongRunning = await startCli(['worker', '--role', 'crawler'], env, /ready/);
    cleanups.push(() => first.stop());
    await until(async () => (await captured()) >= 2, 180_000, 'the first listings');
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('close', r));
    const beforeRestart = await captured();
    expect((await sources.getRun(run.id))?.status).toBe('running');

    const second = await startCli(['worker', '--role', 'crawler'], env, /ready/);
    cleanups.push(() => second.stop());
    // The dead worker's lock expires (30 s), the stalled check moves the job back, the second worker resumes.
    await until(async () => ['succeeded', 'failed', 'interrupted'].includes((await sources.getRun(run.id))?.status ?? ''), 300_000, 'the resumed run');
    const finished = await sources.getRun(run.id);
    expect(finished?.status).toBe('succeeded');

    const rows = await ctx.db.select({ listingId: evidence.listingId, url: listings.url }).from(evidence).innerJoin(listings, eq(listings.id, evidence.listingId)).where(eq(evidence.runId, run.id));
    const perListing = new Map<number, number>();
    for (const row of rows) perListing.set(row.listingId, (perListing.get(row.listingId) ?? 0) + 1);
    // More listings than before the kill, each captured exactly once in this run.
    expect(rows.length).toBeGreaterThan(beforeRestart);
    expect([...perListing.values()].every((n) => n === 1)).toBe(true);
    const stored = await ctx.db.select({ id: listings.id, url: listings.url }).from(listings).where(and(eq(listings.sourceId, source.id)));
    expect(new Set(stored.map((l) => l.url)).size).toBe(stored.length);
    expect(stored.map((l) => l.id).sort()).toEqual([...perListing.keys()].sort());
    // Every file the evidence rows name is in the store.
    for (const row of await ctx.db.select().from(evidence).where(eq(evidence.runId, run.id))) {
      for (const key of [row.screenshotKey, row.htmlKey, row.warcKey, row.manifestKey]) await expect(ctx.blobs.read(key!)).resolves.toBeInstanceOf(Buffer);
    }
  });
});
