import type { StageContext } from '../core/context.ts';
import { JobName } from '../core/queue/job-names.ts';
import { ListingRepository } from '../crawler/listing.repository.ts';
import { latestRegistryVersion } from '../fingerprints/registry/registry.fingerprint.ts';
import type { MatchIndex } from './match.index.ts';
import type { MatchService } from './match.service.ts';

/** Listings per RematchListings job: small enough to retry cheaply, big enough to amortise a reload. */
export const REMATCH_BATCH = 200;
/** A burst of registry changes (an import) settles before stored listings are matched again. */
export const REMATCH_DELAY_MS = 5_000;

export interface RematchResult {
  version: number;
  matched: number;
  findings: number;
  skipped?: 'superseded';
  next?: number;
}

/**
 * Re-matches stored listings after the registry changed (a work or mark added, its fingerprints
 * recomputed): crawled listings are otherwise matched only when they change. Work is keyed by the
 * registry version (registry_changes.id): each listing is claimed once per version in match_runs,
 * so a retried or duplicated batch matches nothing twice, and a version superseded before its first
 * batch starts is skipped (the newer one covers it).
 */
export class RematchService {
  private readonly listings: ListingRepository;

  constructor(
    private readonly ctx: StageContext,
    private readonly matcher: MatchService,
    private readonly index: MatchIndex,
  ) {
    this.listings = new ListingRepository(ctx.db);
  }

  /** Queues the first batch of `version`, delayed so that later versions of the same burst supersede it. */
  async schedule(version: number, delayMs = REMATCH_DELAY_MS): Promise<void> {
    await this.ctx.queues.add(JobName.RematchListings, { version, afterId: 0 }, { jobId: `rematch-v${version}-0`, delay: delayMs });
  }

  async runBatch(version: number, afterId: number, worker: string): Promise<RematchResult> {
    if (afterId === 0 && (await latestRegistryVersion(this.ctx.db)) > version) return { version, matched: 0, findings: 0, skipped: 'superseded' };
    // This process's snapshot may predate the change (another process fingerprinted it): load afresh.
    this.index.invalidate();
    const ids = await this.listings.idsAfter(afterId, REMATCH_BATCH);
    let findings = 0;
    for (const id of ids) {
      const result = await this.matcher.matchListing(id, worker, { reason: `registry-v${version}` });
      findings += result.findings.length;
    }
    const result: RematchResult = { version, matched: ids.length, findings };
    if (ids.length === REMATCH_BATCH) {
      const next = ids[ids.length - 1]!;
      await this.ctx.queues.add(JobName.RematchListings, { version, afterId: next }, { jobId: `rematch-v${version}-${next}` });
      result.next = next;
    }
    return result;
  }
}
