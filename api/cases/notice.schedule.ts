import { inArray } from 'drizzle-orm';
import type { StageContext } from '../../core/context.ts';
import { jobQueue, JobName } from '../../core/queue/job-names.ts';
import { notices, type Notice } from './case.schema.ts';
import { RECHECKED_DEADLINES } from './deadlines.ts';

/** A re-check runs this long after its deadline, so a platform acting at the last minute is seen acting. */
export const RECHECK_GRACE_MS = 60_000;

export function recheckJobId(noticeId: number, deadline: string): string {
  return `recheck-${noticeId}-${deadline}`;
}

/**
 * One delayed job per (notice, deadline) with a fixed id: a second click queues nothing new. When a
 * deadline moved (receipt recorded after sending) the waiting job is replaced by one at the new time.
 */
export async function scheduleRechecks(ctx: Pick<StageContext, 'queues' | 'now'>, notice: Notice): Promise<string[]> {
  const queued: string[] = [];
  const now = ctx.now().getTime();
  for (const d of notice.deadlines) {
    if (!RECHECKED_DEADLINES[notice.basis].includes(d.kind) || d.checkedAt) continue;
    const jobId = recheckJobId(notice.id, d.kind);
    const runAt = Math.max(now, Date.parse(d.due) + RECHECK_GRACE_MS);
    const existing = await ctx.queues.queue(jobQueue[JobName.RecheckNotice]).getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'active') continue;
      const existingAt = existing.timestamp + (existing.opts.delay ?? 0);
      if ((state === 'delayed' || state === 'waiting') && Math.abs(existingAt - runAt) < 1000) continue;
      await existing.remove();
    }
    await ctx.queues.add(JobName.RecheckNotice, { noticeId: notice.id, deadline: d.kind }, { jobId, delay: runAt - now });
    queued.push(jobId);
  }
  return queued;
}

/**
 * At crawler start: the re-checks of every notice still waiting on a deadline. The embedded Redis keeps
 * nothing across restarts (and a server's could be flushed); the deadlines in PostgreSQL are the truth,
 * so missing jobs are queued again and existing ones are left as they are.
 */
export async function reconcileRechecks(ctx: Pick<StageContext, 'db' | 'queues' | 'now'>): Promise<number> {
  const open = await ctx.db.select().from(notices).where(inArray(notices.status, ['sent', 'received', 'objected']));
  let queued = 0;
  for (const notice of open) queued += (await scheduleRechecks(ctx, notice)).length;
  return queued;
}
