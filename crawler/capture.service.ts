import type { StageContext } from '../core/context.ts';
import { NotFoundError, ValidationError } from '../core/errors/errors.ts';
import { JobName } from '../core/queue/job-names.ts';
import { CaptureRepository } from './capture.repository.ts';
import type { Capture } from './crawler.schema.ts';
import type { CrawlService, CrawlOptions } from './crawl.service.ts';
import { ListingRepository } from './listing.repository.ts';
import { SourceRepository } from './source.repository.ts';
import { assertSafeUrl } from './url-safety.ts';

/**
 * Manual capture: an officer pastes a URL found by hand. The page goes through the crawler's own code
 * (same browser, SSRF guard, evidence and listing store) as a one-page run of the "manual captures"
 * source, and its listing is matched like a crawled one. robots.txt is not applied: a capture is a
 * person's request for one page (the officer's fallback when a crawl was refused or blocked).
 */
export class CaptureService {
  private readonly captures: CaptureRepository;
  private readonly sources: SourceRepository;
  constructor(private readonly ctx: StageContext) {
    this.captures = new CaptureRepository(ctx.db);
    this.sources = new SourceRepository(ctx.db);
  }

  async request(input: { url: string; internal: boolean; requestedBy: number | null }): Promise<Capture> {
    const raw = input.url.trim();
    if (raw.length > 2000) throw new ValidationError('the URL is longer than 2000 characters');
    const url = (await assertSafeUrl(raw, { allowInternal: input.internal })).toString();
    const manual = await this.sources.manualSource();
    const run = await this.sources.createRun(manual.id, { trigger: 'capture', requestedBy: input.requestedBy });
    const capture = await this.captures.create({ url, requestedBy: input.requestedBy, allowInternal: input.internal, runId: run.id }, this.ctx.now());
    try {
      await this.ctx.queues.add(JobName.CaptureUrl, { captureId: capture.id }, { jobId: `capture-${capture.id}` });
    } catch (error) {
      await this.captures.finish(capture.id, { status: 'failed', error: `could not queue the capture: ${(error as Error).message}` }, this.ctx.now());
      await this.sources.finishRun(run.id, 'failed', this.ctx.now());
      throw error;
    }
    return capture;
  }

  /** The CaptureUrl job: crawl the one page, store it with evidence, hand the listing to the matcher. */
  async execute(captureId: number, crawler: CrawlService, options: Pick<CrawlOptions, 'buckets' | 'workerId' | 'signal'>): Promise<Capture> {
    const capture = await this.captures.get(captureId);
    if (!capture) throw new NotFoundError(`capture ${captureId} does not exist`, { captureId });
    if (!(await this.captures.start(captureId)) || !capture.runId) return capture;
    const manual = await this.sources.manualSource();
    const source = { ...manual, allowInternal: capture.allowInternal, ignoreRobots: true, maxPages: 1, maxDepth: 0 };
    const summary = await crawler.crawl(source, capture.runId, { ...options, singlePage: capture.url });
    const listingId = summary.listingIds[0];
    if (listingId) {
      const listing = await new ListingRepository(this.ctx.db).get(listingId);
      // Matched even when unchanged: the officer asked about this page now. The job id per content
      // version makes a repeat a no-op in BullMQ, and the matcher skips versions it has matched.
      if (listing) await this.ctx.queues.add(JobName.MatchListing, { listingId }, { jobId: `match-${listingId}-${listing.contentHash}` });
      await this.captures.finish(captureId, { status: 'succeeded', listingId }, this.ctx.now());
    } else {
      const reason = summary.errors[0]?.message ?? (summary.status === 'succeeded' ? 'no listing on this page: it is not a product, article or post page' : `capture ${summary.status}`);
      await this.captures.finish(captureId, { status: 'failed', error: reason }, this.ctx.now());
    }
    return (await this.captures.get(captureId))!;
  }
}
