import type { StageContext } from '../core/context.ts';
import { NotFoundError } from '../core/errors/errors.ts';
import { JobName } from '../core/queue/job-names.ts';
import type { JobHandlers } from '../core/queue/queue.repository.ts';
import { CaptureService } from './capture.service.ts';
import { CrawlService } from './crawl.service.ts';
import { ListingRepository } from './listing.repository.ts';
import { RedisTokenBuckets, type TokenBucketStore } from './run.rate-limit.ts';
import { SourceRepository } from './source.repository.ts';

/** The crawler's job handlers: crawl a source (scheduled or queued run), capture one URL by hand. */
export function createCrawlerJobs(ctx: StageContext, options: { workerName?: string } = {}): Pick<JobHandlers, JobName.CrawlSource | JobName.CaptureUrl> {
  const sources = new SourceRepository(ctx.db);
  const listings = new ListingRepository(ctx.db);
  const service = new CrawlService(ctx);
  const captures = new CaptureService(ctx);
  const workerId = options.workerName;
  // The token buckets live in the queue's Redis, so every crawler process shares one bucket per host.
  let buckets: TokenBucketStore | undefined;
  const sharedBuckets = () => (buckets ??= new RedisTokenBuckets(ctx.queues.redis, ctx.queues.prefix));
  return {
    [JobName.CrawlSource]: async ({ sourceId, runId }, job) => {
      const source = await sources.getSource(sourceId);
      if (!source) {
        if (runId === undefined) return { skipped: `source ${sourceId} was deleted` };
        throw new NotFoundError(`source ${sourceId} does not exist`, { sourceId });
      }
      let id = runId;
      if (id === undefined) {
        // A scheduled firing: it claims its run, unless one is active (a long crawl still going).
        if (!source.enabled) return { skipped: `source ${sourceId} is disabled` };
        const claimed = await sources.claimRun(sourceId, { trigger: 'schedule' });
        if (!claimed.created) return { skipped: `run ${claimed.run.id} of source ${sourceId} is still ${claimed.run.status}` };
        id = claimed.run.id;
        // Kept on the job: if this worker dies, BullMQ's stalled-job retry resumes the same run.
        await job.updateData({ sourceId, runId: id });
      }
      const run = await sources.getRun(id);
      if (!run || run.sourceId !== sourceId) throw new NotFoundError(`crawl run ${id} of source ${sourceId} does not exist`, { sourceId, runId: id });
      return service.crawl(source, id, {
        buckets: sharedBuckets(),
        ...(workerId ? { workerId } : {}),
        onListing: async (listingId, changed) => {
          if (!changed) return;
          const listing = await listings.get(listingId);
          if (!listing) return;
          // The job id names the content: enqueuing the same listing version twice is a no-op in BullMQ.
          await ctx.queues.add(JobName.MatchListing, { listingId }, { jobId: `match-${listingId}-${listing.contentHash}` });
        },
      });
    },
    [JobName.CaptureUrl]: async ({ captureId }) => {
      const capture = await captures.execute(captureId, service, { buckets: sharedBuckets(), ...(workerId ? { workerId } : {}) });
      return { captureId, status: capture.status, listingId: capture.listingId };
    },
  };
}
