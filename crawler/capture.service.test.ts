import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobName, QueueName } from '../core/queue/job-names.ts';
import { databaseKinds } from '../test/helpers/databases.ts';
import { createTestQueues, type TestQueues } from '../test/helpers/queues.ts';
import { CaptureRepository } from './capture.repository.ts';
import { CaptureService } from './capture.service.ts';
import { createCrawlerJobs } from './crawl.jobs.ts';
import { ListingRepository } from './listing.repository.ts';
import { SourceRepository } from './source.repository.ts';
import { createCrawlTestContext, type CrawlTestContext } from './test/crawl.context.ts';
import { startFixtureSite, type FixtureSite } from './test/fixture.site.ts';

describe.each(databaseKinds())('manual capture on %s with real Chromium', (kind) => {
  let site: FixtureSite;
  let q: TestQueues;
  let t: CrawlTestContext;
  beforeAll(async () => {
    site = await startFixtureSite();
    q = createTestQueues();
    t = await createCrawlTestContext(kind, q.queues);
  });
  afterAll(async () => {
    await q?.cleanup();
    await site?.close();
    await t?.close();
  });

  it('captures a pasted URL with evidence through the crawler and queues it for matching', async () => {
    const service = new CaptureService(t.ctx);
    const capture = await service.request({ url: `  ${site.url}/san-pham/tranh-ga `, internal: true, requestedBy: 7 });
    expect(capture).toMatchObject({ status: 'queued', requestedBy: 7, allowInternal: true });
    expect(await q.queues.queue(QueueName.Capture).getJob(`capture-${capture.id}`)).toBeTruthy();
    const handler = createCrawlerJobs(t.ctx, { workerName: 'capture-test' })[JobName.CaptureUrl];
    const result = await handler({ captureId: capture.id }, {} as Job);
    expect(result).toMatchObject({ captureId: capture.id, status: 'succeeded', listingId: expect.any(Number) });
    const done = (await new CaptureRepository(t.ctx.db).get(capture.id))!;
    const listings = new ListingRepository(t.ctx.db);
    const listing = (await listings.get(done.listingId!))!;
    expect(listing.title).toBe('Tranh gà Đông Hồ');
    const evidence = await listings.evidenceOf(listing.id);
    expect(evidence[0]).toMatchObject({ runId: capture.runId, screenshotSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const run = (await new SourceRepository(t.ctx.db).getRun(capture.runId!))!;
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'capture', pagesVisited: 1, listingsFound: 1, workerId: 'capture-test' });
    // Matched like a crawled listing.
    expect(await q.queues.queue(QueueName.Match).getJob(`match-${listing.id}-${listing.contentHash}`)).toBeTruthy();
    // A second job attempt after success does nothing.
    expect(await handler({ captureId: capture.id }, {} as Job)).toMatchObject({ status: 'succeeded', listingId: listing.id });
    // Captures do not block "run now" of anything, and never count as a source's active run.
    const manual = await new SourceRepository(t.ctx.db).manualSource();
    expect(manual.kind).toBe('manual');
  });

  it('a page that is not a listing, or an unreachable one, ends failed with the reason', async () => {
    const service = new CaptureService(t.ctx);
    const handler = createCrawlerJobs(t.ctx)[JobName.CaptureUrl];
    const notListing = await service.request({ url: `${site.url}/`, internal: true, requestedBy: null });
    expect(await handler({ captureId: notListing.id }, {} as Job)).toMatchObject({ status: 'failed', listingId: null });
    expect((await new CaptureRepository(t.ctx.db).get(notListing.id))!.error).toMatch(/no listing on this page/);
    const dead = await service.request({ url: 'http://127.0.0.1:9/x', internal: true, requestedBy: null });
    await handler({ captureId: dead.id }, {} as Job);
    expect((await new CaptureRepository(t.ctx.db).get(dead.id))!.error).toMatch(/unreachable|ECONNREFUSED/);
  });

  it('refuses internal addresses without the internal flag before anything is stored', async () => {
    const service = new CaptureService(t.ctx);
    const before = (await new CaptureRepository(t.ctx.db).list()).length;
    await expect(service.request({ url: `${site.url}/san-pham/tranh-ga`, internal: false, requestedBy: null })).rejects.toThrow(/loopback/);
    await expect(service.request({ url: 'http://169.254.169.254/latest/meta-data/', internal: false, requestedBy: null })).rejects.toThrow(/linkLocal/);
    await expect(service.request({ url: 'javascript:alert(1)', internal: false, requestedBy: null })).rejects.toThrow(/only http and https/);
    await expect(service.request({ url: `https://a.vn/${'x'.repeat(3000)}`, internal: false, requestedBy: null })).rejects.toThrow(/longer than 2000/);
    expect((await new CaptureRepository(t.ctx.db).list()).length).toBe(before);
  });
});
