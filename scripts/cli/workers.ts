import os from 'node:os';
import type { StageContext } from '../../core/context.ts';
import { roleQueues, type Role } from '../../core/queue/job-names.ts';
import { jobsTotal } from '../../core/metrics/metrics.ts';
import { createJobHandlers } from './job-handlers.ts';
import { reconcileCrawler } from '../../crawler/schedule.service.ts';
import { RegistryService } from '../../fingerprints/registry/registry.service.ts';
import { startNotifier } from '../../api/notify/notify.start.ts';
import { reconcileRechecks } from '../../api/cases/notice.schedule.ts';

export interface WorkerEvents {
  onCompleted?: (jobName: string) => void;
  onFailed?: (jobName: string, error: Error) => void;
}

/** Starts BullMQ workers for the given roles in this process; closing the QueueRepository stops them. */
export function startWorkers(ctx: StageContext, roles: Role[], events: WorkerEvents = {}): string {
  const workerName = `${os.hostname()}:${process.pid}`;
  const handlers = createJobHandlers(ctx, workerName);
  for (const role of roles) {
    const concurrency = role === 'crawler' ? 1 : ctx.config.matchConcurrency;
    for (const queue of roleQueues[role]) {
      ctx.queues.startWorker(queue, handlers, concurrency, {
        completed: (job) => {
          jobsTotal.inc({ job: job.name, outcome: 'completed' });
          events.onCompleted?.(job.name);
        },
        failed: (job, error) => {
          jobsTotal.inc({ job: job?.name ?? 'unknown', outcome: 'failed' });
          ctx.logger.error({ err: error, job: job?.name, data: job?.data }, 'job failed');
          events.onFailed?.(job?.name ?? 'unknown', error);
        },
        error: (error) => ctx.logger.error({ err: error }, 'queue worker error'),
      });
    }
  }
  // Runs of dead processes become "interrupted"; schedulers are rebuilt from the sources table.
  if (roles.includes('crawler')) void reconcileCrawler(ctx).catch((error) => ctx.logger.error({ err: error }, 'crawler reconcile failed'));
  // Notice re-checks lost with a Redis restart are queued again from the deadlines in PostgreSQL.
  if (roles.includes('crawler')) void reconcileRechecks(ctx).catch((error) => ctx.logger.error({ err: error }, 'notice re-check reconcile failed'));
  // Fingerprinting asked for while no queue was reachable (a CLI import without Redis) starts now.
  if (roles.includes('matcher')) void new RegistryService(ctx).enqueuePending().catch((error) => ctx.logger.error({ err: error }, 'fingerprint requeue failed'));
  // The digest's job scheduler (cron in Vietnam time) and mail left unsent by an outage or a restart.
  if (roles.includes('notifier')) void startNotifier(ctx).catch((error) => ctx.logger.error({ err: error }, 'notifier start failed'));
  return workerName;
}
