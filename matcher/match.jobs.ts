import type { StageContext } from '../core/context.ts';
import { JobName } from '../core/queue/job-names.ts';
import type { JobHandlers } from '../core/queue/queue.repository.ts';
import { FingerprintService } from '../fingerprints/fingerprint.service.ts';
import { WorkRepository } from '../fingerprints/work.repository.ts';
import { MatchIndex } from './match.index.ts';
import { MatchService } from './match.service.ts';

export interface MatcherJobOptions {
  /** Recorded on every match run: which process matched a listing. */
  workerName: string;
  /** Reload the in-memory index at least this often, for works registered by other processes. */
  indexMaxAgeMs?: number;
}

/**
 * The matcher stage's job handlers. One index per process, shared by both jobs: fingerprinting a work
 * here invalidates it at once; other processes pick the work up within indexMaxAgeMs.
 */
export function createMatcherJobs(
  ctx: StageContext,
  opts: MatcherJobOptions,
): Pick<JobHandlers, JobName.MatchListing | JobName.FingerprintWork> {
  const index = new MatchIndex(new WorkRepository(ctx.db), opts.indexMaxAgeMs === undefined ? {} : { maxAgeMs: opts.indexMaxAgeMs });
  const matcher = new MatchService(ctx, index);
  const fingerprints = new FingerprintService(ctx);
  const handlers: Pick<JobHandlers, JobName.MatchListing | JobName.FingerprintWork> = {
    [JobName.MatchListing]: async ({ listingId }) => {
      const result = await matcher.matchListing(listingId, opts.workerName);
      // BullMQ keeps the return value in Redis: a summary, not the findings.
      return { findings: result.findings.map((f) => f.id), skipped: result.skipped ?? null, notes: result.notes ?? [] };
    },
    [JobName.FingerprintWork]: async ({ workId }) => {
      const result = await fingerprints.fingerprintWork(workId);
      index.invalidate();
      return result;
    },
  };
  return handlers;
}
