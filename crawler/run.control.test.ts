import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobName, QueueName } from '../core/queue/job-names.ts';
import type { JobHandlers } from '../core/queue/queue.repository.ts';
import { databaseKinds } from '../test/helpers/databases.ts';
import { createTestQueues, type TestQueues } from '../test/helpers/queues.ts';
import { createCrawlerJobs } from './crawl.jobs.ts';
import { CrawlService } from './crawl.service.ts';
import { interruptActiveRuns } from './run.control.ts';
import { RunService } from './run.service.ts';
import { crawlJobId, reconcileCrawler, ScheduleService, schedulerId } from './schedule.service.ts';
import { SourceRepository } from './source.repository.ts';
import { createCrawlTestContext, type CrawlTestContext } from './test/crawl.context.ts';
import { startFixtureSite, type FixtureSite } from './test/fixture.site.ts';
import { crawlRuns } from './crawler.schema.ts';
import { eq } from 'drizzle-orm';

const until = async (check: () => Promise<boolean>, timeoutMs = 60_000) => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
};

describe.each(databaseKinds())('runs: schedules, run now, cancel, interrupted on %s', (kind) => {
  let site: FixtureSite;
  let q: TestQueues;
  let t: CrawlTestContext;
  let sources: SourceRepository;
  beforeAll(async () => {
    site = await startFixtureSite();
    q = createTestQueues();
    t = await createCrawlTestContext(kind, q.queues);
    sources = new SourceRepository(t.ctx.db);
  });
  afterAll(async () => {
    await q?.cleanup();
    await site?.close();
    await t?.close();
  });

  it('claims one run per source however many "run now" arrive at once', async () => {
    const source = await sources.upsertSource({ name: 'dup', startUrl: `${site.url}/dup`, allowInternal: true });
    const claims = await Promise.all(Array.from({ length: 6 }, () => sources.claimRun(source.id, { trigger: 'manual' })));
    expect(claims.filter((c) => c.created)).toHaveLength(1);
    expect(new Set(claims.map((c) => c.run.id)).size).toBe(1);
    // Through the service: the second click answers the active run, and only one job exists.
    const runs = new RunService(t.ctx);
    const other = await sources.upsertSource({ name: 'dup2', startUrl: `${site.url}/dup2`, allowInternal: true });
    const [a, b] = [await runs.runNow(other.id, null), await runs.runNow(other.id, null)];
    expect([a.created, b.created]).toEqual([true, false]);
    expect(b.run.id).toBe(a.run.id);
    expect(await q.queues.queue(QueueName.Crawl).getJob(crawlJobId(a.run.id))).toBeTruthy();
    // Cancelling the queued run ends it at once and removes its job.
    const cancelled = await runs.cancel(a.run.id);
    expect(cancelled.status).toBe('cancelled');
    expect(await q.queues.queue(QueueName.Crawl).getJob(crawlJobId(a.run.id))).toBeFalsy();
    await expect(runs.cancel(a.run.id)).rejects.toThrow(/already cancelled/);
    // A job that still ran after the cancel does nothing.
    const summary = await new CrawlService(t.ctx).crawl(other, a.run.id);
    expect(summary.status).toBe('cancelled');
    expect(summary.pagesVisited).toBe(0);
    await runs.cancel(claims[0]!.run.id);
  });

  it('keeps a BullMQ job scheduler per scheduled source (cron in Vietnam time), removed when disabled', async () => {
    const schedules = new ScheduleService(q.queues);
    const source = await sources.upsertSource({ name: 'sched', startUrl: `${site.url}/sched`, allowInternal: true });
    await schedules.sync({ ...source, schedule: '30 2 * * *' });
    const info = await schedules.get(source.id);
    expect(info).toMatchObject({ pattern: '30 2 * * *', tz: 'Asia/Ho_Chi_Minh' });
    // 02:30 in Hà Nội is 19:30 UTC.
    expect(info!.next!.getUTCHours()).toBe(19);
    expect(info!.next!.getUTCMinutes()).toBe(30);
    await schedules.sync({ ...source, schedule: '30 2 * * *', enabled: false });
    expect(await schedules.get(source.id)).toBeUndefined();
    // Reconcile: a scheduler of a deleted source goes, an enabled scheduled source gets one.
    await schedules.sync({ ...source, id: 999_999, schedule: '0 3 * * *' });
    const result = await schedules.reconcile([{ ...source, schedule: '0 4 * * 1' }]);
    expect(result).toEqual({ scheduled: 1, removed: 1 });
    expect((await schedules.get(source.id))?.pattern).toBe('0 4 * * 1');
    expect(await q.queues.queue(QueueName.Crawl).getJobScheduler(schedulerId(999_999))).toBeUndefined();
    await schedules.remove(source.id);
  });

  it('a scheduled firing creates a run and crawls it; a firing during an active run adds none', async () => {
    const source = await sources.upsertSource({ name: 'tick', startUrl: `${site.url}/danh-muc/tranh`, maxPages: 2, allowInternal: true });
    const crawler = createCrawlerJobs(t.ctx, { workerName: 'test-worker' });
    // The other stages' jobs never reach the crawl queue; the map must still be complete.
    const noop = async () => undefined;
    const handlers = { ...Object.fromEntries(Object.values(JobName).map((name) => [name, noop])), ...crawler } as unknown as JobHandlers;
    q.queues.startWorker(QueueName.Crawl, handlers, 1);
    const schedules = new ScheduleService(q.queues, 400);
    await schedules.sync({ ...source, schedule: '0 2 * * *' });
    await until(async () => (await sources.listRuns({ sourceId: source.id })).some((r) => r.trigger === 'schedule' && r.status === 'succeeded'), 90_000);
    await schedules.remove(source.id);
    const runs = await sources.listRuns({ sourceId: source.id });
    const done = runs.find((r) => r.status === 'succeeded')!;
    expect(done).toMatchObject({ trigger: 'schedule', workerId: 'test-worker', pagesVisited: 2 });
    expect(done.finishedAt).toBeTruthy();
    // While a run is active, the tick handler creates nothing.
    const active = await sources.claimRun(source.id, { trigger: 'manual' });
    const result = await handlers[JobName.CrawlSource]({ sourceId: source.id }, { updateData: async () => undefined } as unknown as Job);
    // (a firing made before the scheduler was removed may be crawling it: running, else queued)
    expect((result as { skipped: string }).skipped).toMatch(new RegExp(`^run ${active.run.id} of source ${source.id} is still (queued|running)$`));
    expect((await sources.listRuns({ sourceId: source.id })).filter((r) => r.status === 'queued' || r.status === 'running')).toHaveLength(1);
    await new RunService(t.ctx).cancel(active.run.id);
    await until(async () => (await sources.getRun(active.run.id))!.status === 'cancelled');
  });

  it('cancel stops a running crawl within seconds; shutdown marks it interrupted', async () => {
    // One page every 6 s: without a cancel this crawl would take minutes.
    const source = await sources.upsertSource({ name: 'slow', startUrl: `${site.url}/danh-muc/tranh`, maxPages: 20, allowInternal: true });
    await sources.updateSource(source.id, { ratePerMinute: 10 }, new Date());
    const slow = (await sources.getSource(source.id))!;
    const service = new CrawlService(t.ctx);
    const run = await sources.createRun(source.id);
    const crawling = service.crawl(slow, run.id, { heartbeatMs: 200 });
    await until(async () => (await sources.getRun(run.id))!.pagesVisited >= 1);
    const asked = Date.now();
    expect((await new RunService(t.ctx).cancel(run.id)).cancelRequestedAt).toBeTruthy();
    const summary = await crawling;
    const tookMs = Date.now() - asked;
    expect(summary.status).toBe('cancelled');
    expect(summary.pagesVisited).toBeLessThan(5);
    expect(tookMs).toBeLessThan(8_000);
    expect((await sources.getRun(run.id))!.status).toBe('cancelled');
    console.log(`[cancel] crawl stopped ${tookMs} ms after the cancel request`);

    const run2 = await sources.createRun(source.id);
    const crawling2 = service.crawl(slow, run2.id, { heartbeatMs: 200 });
    await until(async () => (await sources.getRun(run2.id))!.pagesVisited >= 1);
    expect(interruptActiveRuns()).toBe(1);
    expect((await crawling2).status).toBe('interrupted');
    expect((await sources.getRun(run2.id))!.status).toBe('interrupted');
  });

  it('at worker start, runs of dead workers (stale heartbeat) and queued runs without a job become interrupted', async () => {
    const source = await sources.upsertSource({ name: 'stale', startUrl: `${site.url}/stale`, allowInternal: true });
    const old = new Date(Date.now() - 10 * 60_000);
    const dead = await sources.createRun(source.id);
    await sources.startRun(dead.id, old, 'dead-worker');
    const alive = await sources.createRun(source.id);
    await sources.startRun(alive.id, new Date(), 'live-worker');
    const orphan = await sources.createRun(source.id);
    await t.ctx.db.update(crawlRuns).set({ createdAt: old }).where(eq(crawlRuns.id, orphan.id));
    const result = await reconcileCrawler(t.ctx);
    expect(result.interrupted.sort()).toEqual([dead.id, orphan.id].sort());
    expect((await sources.getRun(dead.id))!.status).toBe('interrupted');
    expect((await sources.getRun(alive.id))!.status).toBe('running');
    await sources.finishRun(alive.id, 'succeeded', new Date());
  });
});
