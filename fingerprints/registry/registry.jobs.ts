import { JobName } from '../../core/queue/job-names.ts';
import type { QueueRepository } from '../../core/queue/queue.repository.ts';
import type { Subject } from './registry.repository.ts';

/** A work or mark whose fingerprints were asked for; `generation` makes the job id unique per request. */
export type FingerprintRequest = Subject & { generation: number };

/**
 * One job per subject and generation: the same request queued twice (a retry after a lost reply) is
 * one BullMQ job, and several changes in one transaction collapse into the newest generation.
 */
export async function enqueueFingerprintJobs(queues: QueueRepository, requests: readonly FingerprintRequest[]): Promise<void> {
  const newest = new Map<string, FingerprintRequest>();
  for (const r of requests) {
    const key = `${r.type}-${r.id}`;
    if ((newest.get(key)?.generation ?? 0) < r.generation) newest.set(key, r);
  }
  for (const r of newest.values()) {
    // Deterministic: re-queuing a request whose job exists (waiting, running, kept) is a no-op in BullMQ.
    const jobId = `fp-${r.type}-${r.id}-g${r.generation}`;
    if (r.type === 'work') await queues.add(JobName.FingerprintWork, { workId: r.id, generation: r.generation }, { jobId });
    else await queues.add(JobName.FingerprintMark, { markId: r.id, generation: r.generation }, { jobId });
  }
}
