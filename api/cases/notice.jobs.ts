import type { StageContext } from '../../core/context.ts';
import { JobName } from '../../core/queue/job-names.ts';
import type { JobHandlers } from '../../core/queue/queue.repository.ts';
import { CrawlService, type CrawlOptions } from '../../crawler/crawl.service.ts';
import { RedisTokenBuckets } from '../../crawler/run.rate-limit.ts';
import { NoticeRecheck } from './notice.recheck.ts';

/** Re-checks of the listings a notice names, once its deadlines pass (on the capture queue: it drives Chromium). */
export function createNoticeJobs(ctx: StageContext, options: { workerName?: string; allowedOrigins?: CrawlOptions['allowedOrigins'] } = {}): Pick<JobHandlers, JobName.RecheckNotice> {
  let crawler: CrawlService | undefined;
  let recheck: NoticeRecheck | undefined;
  // Built on first use: a process that never re-checks needs no crawler, and ctx.queues may come late in tests.
  const get = () =>
    (recheck ??= new NoticeRecheck(ctx, () => (crawler ??= new CrawlService(ctx)), {
      // The same per-host token buckets as crawls and captures: a re-check never hammers a platform.
      buckets: new RedisTokenBuckets(ctx.queues.redis, ctx.queues.prefix),
      ...(options.workerName ? { workerId: options.workerName } : {}),
      ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    }));
  return {
    [JobName.RecheckNotice]: async ({ noticeId, deadline }, job) => {
      const attempts = job.opts?.attempts ?? 1;
      return get().run(noticeId, deadline, { retry: (job.attemptsMade ?? 0) + 1 < attempts });
    },
  };
}
