import type { StageContext } from '../core/context.ts';
import { JobName } from '../core/queue/job-names.ts';
import type { JobHandlers } from '../core/queue/queue.repository.ts';
import { RegistryFingerprinter, type FingerprintOutcome } from '../fingerprints/registry/registry.fingerprint.ts';
import { WorkRepository } from '../fingerprints/work.repository.ts';
import { ListingOcr } from './listing.ocr.ts';
import { MatchIndex } from './match.index.ts';
import { MatchService } from './match.service.ts';
import { RematchService } from './rematch.service.ts';

export interface MatcherJobOptions {
  /** Recorded on every match run: which process matched a listing. */
  workerName: string;
  /** Reload the in-memory index at least this often, for works registered by other processes. */
  indexMaxAgeMs?: number;
  /** How long a registry change waits for more before stored listings are re-matched (tests: 0). */
  rematchDelayMs?: number;
}

type MatcherJob = JobName.MatchListing | JobName.FingerprintWork | JobName.FingerprintMark | JobName.RematchListings;

/**
 * The matcher stage's job handlers. One index per process, shared by the jobs: fingerprinting a work or
 * mark here invalidates it at once; other processes pick it up within indexMaxAgeMs, and the re-match
 * of stored listings reloads it before each batch.
 */
export function createMatcherJobs(
  ctx: StageContext,
  opts: MatcherJobOptions,
): Pick<JobHandlers, MatcherJob> {
  const index = new MatchIndex(new WorkRepository(ctx.db), opts.indexMaxAgeMs === undefined ? {} : { maxAgeMs: opts.indexMaxAgeMs });
  // One OCR worker per matcher process, started on the first image with text; closed by closeAllListingOcr.
  const matcher = new MatchService(ctx, index, ctx.config.ocr ? new ListingOcr() : undefined);
  const fingerprinter = new RegistryFingerprinter(ctx);
  const rematch = new RematchService(ctx, matcher, index);
  /** After new fingerprints: this process's index at once, stored listings once the burst settles. */
  const fingerprinted = async (outcome: FingerprintOutcome) => {
    index.invalidate();
    if (outcome.version !== undefined) await rematch.schedule(outcome.version, opts.rematchDelayMs);
    return { state: outcome.state, assets: outcome.assets, fingerprints: outcome.fingerprints, errors: outcome.errors, version: outcome.version ?? null };
  };
  const handlers: Pick<JobHandlers, MatcherJob> = {
    [JobName.MatchListing]: async ({ listingId }) => {
      const result = await matcher.matchListing(listingId, opts.workerName);
      // BullMQ keeps the return value in Redis: a summary, not the findings.
      return { findings: result.findings.map((f) => f.id), skipped: result.skipped ?? null, notes: result.notes ?? [] };
    },
    [JobName.FingerprintWork]: async ({ workId, generation }) => fingerprinted(await fingerprinter.run({ type: 'work', id: workId }, generation)),
    [JobName.FingerprintMark]: async ({ markId, generation }) => fingerprinted(await fingerprinter.run({ type: 'mark', id: markId }, generation)),
    [JobName.RematchListings]: async ({ version, afterId }) => rematch.runBatch(version, afterId, opts.workerName),
  };
  return handlers;
}
