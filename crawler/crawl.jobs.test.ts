import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../core/errors/errors.ts';
import { JobName, QueueName } from '../core/queue/job-names.ts';
import { databaseKinds } from '../test/helpers/databases.ts';
import { createTestQueues, type TestQueues } from '../test/helpers/queues.ts';
import { createCrawlerJobs } from './crawl.jobs.ts';
import { ListingRepository } from './listing.repository.ts';
import { SourceRepository } from './source.repository.ts';
import { createCrawlTestContext, type CrawlTestContext } from './test/crawl.context.ts';
import { startFixtureSite, type FixtureSite } from './test/fixture.site.ts';

describe.each(databaseKinds())('crawl job on %s', (kind) => {
  let site: FixtureSite;
  let q: TestQueues;
  let t: CrawlTestContext;
  beforeAll(async () => {
    site = await startFixtureSite();
    q = createTestQueues();
    t = await createCrawlTestContext(kind, q.queues);
  });
  afterAll(async () => {
    await site?.close();
    await q?.cleanup();
    await t?.close();
  });

  it('crawls the source and enqueues one match job per new or changed listing version', async () => {
    const sources = new SourceRepository(t.ctx.db);
    const source = await sources.upsertSource({ name: 'fixture', startUrl: `${site.url}/danh-muc/tranh`, maxPages: 20, allowInternal: true });
    const handler = createCrawlerJobs(t.ctx)[JobName.CrawlSource];
    const job = {} as Job;

    const run = await sources.createRun(source.id);
    await handler({ sourceId: source.id, runId: run.id }, job);
    const listings = await new ListingRepository(t.ctx.db).list({ sourceId: source.id });
    const jobs = await q.queues.queue(QueueName.Match).getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.map((j) => j.id).sort()).toEqual(listings.map((l) => `match-${l.id}-${l.contentHash}`).sort());
    expect(jobs.every((j) => j.name === JobName.MatchListing)).toBe(true);

    // A recrawl with nothing changed enqueues nothing new.
    const run2 = await sources.createRun(source.id);
    await handler({ sourceId: source.id, runId: run2.id }, job);
    expect(await q.queues.queue(QueueName.Match).getJobCounts('waiting')).toEqual({ waiting: listings.length });
    expect((await sources.getRun(run2.id))!.status).toBe('succeeded');
  });

  it('rejects a job whose source or run does not exist', async () => {
    const handler = createCrawlerJobs(t.ctx)[JobName.CrawlSource];
    await expect(handler({ sourceId: 999_999, runId: 1 }, {} as Job)).rejects.toBeInstanceOf(NotFoundError);
  });
});
