import type { StageContext } from '../core/context.ts';
import { JobName, QueueName } from '../core/queue/job-names.ts';
import type { QueueRepository } from '../core/queue/queue.repository.ts';
import type { Source } from './crawler.schema.ts';
import { STALE_AFTER_MS } from './run.control.ts';
import { SCHEDULE_TZ } from './schedule.cron.ts';
import { SourceRepository } from './source.repository.ts';

const SCHEDULER_PREFIX = 'source-';
export const schedulerId = (sourceId: number) => `${SCHEDULER_PREFIX}${sourceId}`;
/** The job id of a run's crawl job: one job per run, so enqueuing a run twice is a no-op. */
export const crawlJobId = (runId: number) => `crawl-${runId}`;

export interface ScheduleInfo {
  pattern: string | undefined;
  tz: string | undefined;
  every: number | undefined;
  next: Date | undefined;
}

/**
 * Keeps BullMQ's job schedulers in step with the sources table: one scheduler per enabled source with a
 * schedule, firing a CrawlSource job without a run id (the job claims its run). BullMQ does the timing
 * in Redis, so any number of crawler processes fire each schedule once.
 */
export class ScheduleService {
  constructor(
    private readonly queues: QueueRepository,
    /** Tests only: fire every N ms instead of the cron pattern. */
    private readonly everyMs?: number,
  ) {}

  private get queue() {
    return this.queues.queue(QueueName.Crawl);
  }

  async sync(source: Source): Promise<void> {
    if (!source.enabled || !source.schedule || source.kind === 'manual') {
      await this.queue.removeJobScheduler(schedulerId(source.id));
      return;
    }
    const repeat = this.everyMs ? { every: this.everyMs } : { pattern: source.schedule, tz: SCHEDULE_TZ };
    await this.queue.upsertJobScheduler(schedulerId(source.id), repeat, { name: JobName.CrawlSource, data: { sourceId: source.id } });
  }

  async remove(sourceId: number): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(sourceId));
  }

  async get(sourceId: number): Promise<ScheduleInfo | undefined> {
    const s = await this.queue.getJobScheduler(schedulerId(sourceId));
    if (!s) return undefined;
    return { pattern: s.pattern ?? undefined, tz: s.tz ?? undefined, every: s.every ? Number(s.every) : undefined, next: s.next ? new Date(Number(s.next)) : undefined };
  }

  /** Upserts every source's scheduler and removes schedulers whose source is gone. */
  async reconcile(sources: Source[]): Promise<{ scheduled: number; removed: number }> {
    const wanted = new Set<string>();
    for (const source of sources) {
      await this.sync(source);
      if (source.enabled && source.schedule && source.kind !== 'manual') wanted.add(schedulerId(source.id));
    }
    let removed = 0;
    const existing = await this.queue.getJobSchedulers(0, -1);
    for (const s of existing) {
      const id = s.key ?? s.id;
      if (id && id.startsWith(SCHEDULER_PREFIX) && !wanted.has(id)) {
        await this.queue.removeJobScheduler(id);
        removed++;
      }
    }
    return { scheduled: wanted.size, removed };
  }
}

export interface ReconcileResult {
  interrupted: number[];
  scheduled: number;
  removedSchedules: number;
}

/**
 * At crawler start: runs left "running" by a dead process (stale heartbeat) and "queued" runs whose job
 * is gone (Redis lost) become "interrupted"; schedulers are rebuilt from the sources table.
 */
export async function reconcileCrawler(ctx: StageContext, options: { staleBefore?: Date } = {}): Promise<ReconcileResult> {
  const sources = new SourceRepository(ctx.db);
  const now = ctx.now();
  const staleBefore = options.staleBefore ?? new Date(now.getTime() - STALE_AFTER_MS);
  const interrupted = await sources.interruptStale(staleBefore, now);
  const orphans: number[] = [];
  const queue = ctx.queues.queue(QueueName.Crawl);
  for (const run of await sources.queuedRuns()) {
    if (run.trigger === 'capture' || run.createdAt > staleBefore) continue;
    if (!(await queue.getJob(crawlJobId(run.id)))) orphans.push(run.id);
  }
  await sources.markInterrupted(orphans, now);
  const { scheduled, removed } = await new ScheduleService(ctx.queues).reconcile(await sources.listSources());
  if (interrupted.length || orphans.length) ctx.logger.warn({ runs: [...interrupted, ...orphans] }, 'crawl runs of stopped processes marked interrupted');
  return { interrupted: [...interrupted, ...orphans], scheduled, removedSchedules: removed };
}
