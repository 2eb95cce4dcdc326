import type { StageContext } from '../core/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors/errors.ts';
import { JobName, QueueName } from '../core/queue/job-names.ts';
import type { CrawlRun } from './crawler.schema.ts';
import { STALE_AFTER_MS } from './run.control.ts';
import { crawlJobId } from './schedule.service.ts';
import { SourceRepository } from './source.repository.ts';

/** What officers do to runs from the UI and REST: start one now, cancel one. */
export class RunService {
  private readonly sources: SourceRepository;
  constructor(private readonly ctx: StageContext) {
    this.sources = new SourceRepository(ctx.db);
  }

  /** Queues a crawl of the source; with a run already queued or running, answers that one (created false). */
  async runNow(sourceId: number, requestedBy: number | null): Promise<{ run: CrawlRun; created: boolean }> {
    const source = await this.sources.getSource(sourceId);
    if (!source) throw new NotFoundError(`source ${sourceId} not found`);
    if (source.kind === 'manual') throw new ValidationError('the manual-captures source is not crawled; paste a URL to capture instead');
    const claimed = await this.sources.claimRun(sourceId, { trigger: 'manual', requestedBy });
    if (claimed.created) await this.enqueue(claimed.run);
    return claimed;
  }

  /** Enqueues an existing queued run; a failure to reach Redis ends the run as failed instead of leaving it queued. */
  async enqueue(run: CrawlRun): Promise<void> {
    try {
      await this.ctx.queues.add(JobName.CrawlSource, { sourceId: run.sourceId, runId: run.id }, { jobId: crawlJobId(run.id) });
    } catch (error) {
      await this.sources.addError(run.id, { url: '', message: `could not queue the crawl: ${(error as Error).message}` });
      await this.sources.finishRun(run.id, 'failed', this.ctx.now());
      throw error;
    }
  }

  async cancel(runId: number): Promise<CrawlRun> {
    const before = await this.sources.getRun(runId);
    if (!before) throw new NotFoundError(`run ${runId} not found`);
    if (before.status !== 'queued' && before.status !== 'running') throw new ConflictError(`run ${runId} is already ${before.status}`);
    const now = this.ctx.now();
    let after = (await this.sources.requestCancel(runId, now))!;
    if (after.status === 'running' && (after.heartbeatAt ?? after.createdAt).getTime() < now.getTime() - STALE_AFTER_MS) {
      // Nobody is running it any more (its worker died): nothing will see the flag, so end it here.
      await this.sources.finishRun(runId, 'cancelled', now);
      after = (await this.sources.getRun(runId))!;
    }
    if (before.status === 'queued') {
      // Best effort: if a worker took the job meanwhile, it finds the run cancelled and does nothing.
      const job = await this.ctx.queues.queue(QueueName.Crawl).getJob(crawlJobId(runId));
      await job?.remove().catch(() => undefined);
    }
    return after;
  }
}
