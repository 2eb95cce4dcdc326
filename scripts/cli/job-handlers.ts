import type { StageContext } from '../../core/context.ts';
import { JobName } from '../../core/queue/job-names.ts';
import { assertHandlers, type JobHandlers } from '../../core/queue/queue.repository.ts';
import { createCrawlerJobs } from '../../crawler/crawl.jobs.ts';
import { createMatcherJobs } from '../../matcher/match.jobs.ts';
import { createNoticeJobs } from '../../api/cases/notice.jobs.ts';
import { createNotifyJobs } from '../../api/notify/notify.jobs.ts';

/**
 * The one map from job name to handler. `satisfies JobHandlers` makes a job without a handler a compile
 * error; assertHandlers repeats the check at boot for anything that slips past the types.
 */
export function createJobHandlers(ctx: StageContext, workerName: string): JobHandlers {
  const crawler = createCrawlerJobs(ctx, { workerName });
  const matcher = createMatcherJobs(ctx, { workerName });
  const notice = createNoticeJobs(ctx);
  const notify = createNotifyJobs(ctx);
  const handlers = {
    [JobName.CrawlSource]: crawler[JobName.CrawlSource],
    [JobName.CaptureUrl]: crawler[JobName.CaptureUrl],
    [JobName.FingerprintWork]: matcher[JobName.FingerprintWork],
    [JobName.FingerprintMark]: matcher[JobName.FingerprintMark],
    [JobName.RematchListings]: matcher[JobName.RematchListings],
    [JobName.MatchListing]: matcher[JobName.MatchListing],
    [JobName.RecheckNotice]: notice[JobName.RecheckNotice],
    [JobName.SendMail]: notify[JobName.SendMail],
    [JobName.NotifyDigest]: notify[JobName.NotifyDigest],
  } satisfies JobHandlers;
  assertHandlers(handlers);
  return handlers;
}
