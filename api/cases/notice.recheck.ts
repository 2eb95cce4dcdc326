import { AuditRepository } from '../../core/audit/audit.repository.ts';
import type { StageContext } from '../../core/context.ts';
import type { Database } from '../../core/database/database.ts';
import { DependencyError, errorMessage } from '../../core/errors/errors.ts';
import type { CrawlOptions, CrawlService } from '../../crawler/crawl.service.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { SourceRepository } from '../../crawler/source.repository.ts';
import type { FindingStatus } from '../../matcher/matcher.schema.ts';
import { CaseRepository } from './case.repository.ts';
import type { NoticeCheckResult, NoticeListing } from './case.schema.ts';
import { FindingWorkflowRepository } from './finding-workflow.repository.ts';

export interface RecheckOutcome {
  listingId: number;
  result: NoticeCheckResult;
  runId: number | null;
  evidenceId: number | null;
  detail: string | null;
}

export type RecheckSummary = { noticeId: number; deadline: string; skipped: string } | { noticeId: number; deadline: string; results: RecheckOutcome[] };

/** Statuses a re-check may move a finding from; a dismissed one is never touched. */
const TAKEDOWN_STATES: FindingStatus[] = ['new', 'confirmed', 'notice_sent', 'removed', 'not_removed'];

/**
 * After a notice's deadline: each listing it names is visited again with the crawler's own code (same
 * browser, URL guard, removal and block detection, evidence with screenshot and WARC when still online),
 * and the result lands on the notice, the findings and the audit log, with nobody having to look.
 */
export class NoticeRecheck {
  private readonly cases: CaseRepository;
  private readonly listings: ListingRepository;
  private readonly sources: SourceRepository;

  constructor(
    private readonly ctx: StageContext,
    private readonly crawler: () => CrawlService,
    private readonly crawlOptions: Pick<CrawlOptions, 'buckets' | 'workerId' | 'allowedOrigins'> = {},
  ) {
    this.cases = new CaseRepository(ctx.db);
    this.listings = new ListingRepository(ctx.db);
    this.sources = new SourceRepository(ctx.db);
  }

  /** `retry`: when no listing could be visited at all, throw instead of recording, so BullMQ tries again. */
  async run(noticeId: number, deadline: string, options: { retry?: boolean } = {}): Promise<RecheckSummary> {
    const skip = (skipped: string) => ({ noticeId, deadline, skipped });
    const notice = await this.cases.getNotice(noticeId);
    if (!notice) return skip('the notice was deleted');
    if (notice.status === 'draft') return skip('the notice is a draft again');
    const due = notice.deadlines.find((d) => d.kind === deadline);
    if (!due) return skip(`the notice has no ${deadline} deadline`);
    if (due.checkedAt) return skip(`already re-checked at ${due.checkedAt}`);
    // A deadline that moved later (receipt recorded after sending) has its own, later job.
    if (Date.parse(due.due) > this.ctx.now().getTime()) return skip(`the ${deadline} deadline moved to ${due.due}`);

    const results: RecheckOutcome[] = [];
    for (const row of await this.cases.listingsOf([noticeId])) results.push(await this.visit(row));
    if (options.retry && results.length && results.every((r) => r.result === 'error')) {
      throw new DependencyError(`notice ${noticeId}: no listing could be re-checked (${results[0]!.detail}); retrying`);
    }

    const now = this.ctx.now();
    await this.ctx.db.transaction(async (raw) => {
      const db = raw as unknown as Database;
      const cases = new CaseRepository(db);
      const workflow = new FindingWorkflowRepository(db);
      const rows = await cases.listingsOf([noticeId]);
      for (const r of results) {
        const row = rows.find((x) => x.listingId === r.listingId);
        await cases.updateNoticeListing(noticeId, r.listingId, {
          lastCheckedAt: now,
          lastResult: r.result,
          lastRunId: r.runId,
          lastEvidenceId: r.evidenceId,
          lastDetail: r.detail?.slice(0, 1000) ?? null,
          ...(r.result === 'removed' && !row?.removedAt ? { removedAt: now } : {}),
        });
        const next = r.result === 'removed' ? 'removed' : r.result === 'still_online' ? 'not_removed' : undefined;
        if (next && row?.findingId != null) await workflow.setStatus([row.findingId], TAKEDOWN_STATES, next, now);
      }
      // Read again inside the transaction: an officer recording receipt meanwhile must not be overwritten.
      const fresh = (await cases.getNotice(noticeId))!;
      const deadlines = fresh.deadlines.map((d) => (d.kind === deadline && d.due === due.due ? { ...d, checkedAt: now.toISOString() } : d));
      await cases.updateNotice(noticeId, { deadlines, updatedAt: now });
      await new AuditRepository(db, this.ctx.now).record(db, {
        actor: { userId: null, label: 'system:notice-recheck' },
        action: 'notice.recheck',
        entity: { type: 'notice', id: noticeId },
        after: { deadline, due: due.due, results },
      });
    });
    return { noticeId, deadline, results };
  }

  private async visit(row: NoticeListing): Promise<RecheckOutcome> {
    const base = { listingId: row.listingId, runId: null, evidenceId: null };
    const listing = await this.listings.get(row.listingId);
    if (!listing) return { ...base, result: 'error', detail: 'the listing is no longer stored' };
    try {
      // The listing's own source says whether its address may be internal (an intranet site an officer allowed).
      const origin = listing.sourceId ? await this.sources.getSource(listing.sourceId) : undefined;
      const manual = await this.sources.manualSource();
      const run = await this.sources.createRun(manual.id, { trigger: 'capture' });
      const source = { ...manual, allowInternal: origin?.allowInternal ?? false, ignoreRobots: true, maxPages: 1, maxDepth: 0 };
      const summary = await this.crawler().crawl(source, run.id, { ...this.crawlOptions, singlePage: listing.url });
      const stored = summary.listingIds[0];
      if (stored !== undefined) {
        const proof = (await this.listings.evidenceOf(stored)).find((e) => e.runId === run.id);
        // A platform that sends a removed item's URL to another product: the named listing is gone.
        if (stored !== row.listingId) return { listingId: row.listingId, runId: run.id, evidenceId: proof?.id ?? null, result: 'removed', detail: `the URL now shows another listing (#${stored})` };
        return { listingId: row.listingId, runId: run.id, evidenceId: proof?.id ?? null, result: 'still_online', detail: null };
      }
      if (summary.pagesBlocked > 0) return { listingId: row.listingId, runId: run.id, evidenceId: null, result: 'blocked', detail: summary.errors[0]?.message ?? 'blocked' };
      const after = await this.listings.get(row.listingId);
      if (after?.status === 'removed' && summary.errors.length === 0 && summary.pagesVisited > 0) {
        const event = (await this.listings.history(row.listingId)).filter((e) => e.kind === 'removed').at(-1);
        return { listingId: row.listingId, runId: run.id, evidenceId: null, result: 'removed', detail: event?.reason ?? 'removed' };
      }
      return { listingId: row.listingId, runId: run.id, evidenceId: null, result: 'error', detail: summary.errors[0]?.message ?? 'the page no longer shows a listing' };
    } catch (error) {
      this.ctx.logger.warn({ err: error, listingId: row.listingId }, 'notice re-check of a listing failed');
      return { ...base, result: 'error', detail: errorMessage(error) };
    }
  }
}
