import type { StageContext } from '../core/context.ts';
import { NotFoundError } from '../core/errors/errors.ts';
import { JobName } from '../core/queue/job-names.ts';
import type { JobHandlers } from '../core/queue/queue.repository.ts';
import { CrawlService } from './crawl.service.ts';
import { ListingRepository } from './listing.repository.ts';
import { SourceRepository } from './source.repository.ts';

/** The crawler's job handlers: crawl a source, and hand every new or changed listing to the matcher. */
export function createCrawlerJobs(ctx: StageContext): Pick<JobHandlers, JobName.CrawlSource> {
  const sources = new SourceRepository(ctx.db);
  const listings = new ListingRepository(ctx.db);
  const service = new CrawlService(ctx);
  return {
    [JobName.CrawlSource]: async ({ sourceId, runId }) => {
      const source = await sources.getSource(sourceId);
      if (!source) throw new NotFoundError(`source ${sourceId} does not exist`, { sourceId });
      const run = await sources.getRun(runId);
      if (!run || run.sourceId !== sourceId) throw new NotFoundError(`crawl run ${runId} of source ${sourceId} does not exist`, { sourceId, runId });
      return service.crawl(source, runId, {
        onListing: async (listingId, changed) => {
          if (!changed) return;
          const listing = await listings.get(listingId);
          if (!listing) return;
          // The job id names the content: enqueuing the same listing version twice is a no-op in BullMQ.
          await ctx.queues.add(JobName.MatchListing, { listingId }, { jobId: `match-${listingId}-${listing.contentHash}` });
        },
      });
    },
  };
}
