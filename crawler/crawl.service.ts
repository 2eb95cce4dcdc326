import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Configuration, NonRetryableError, PlaywrightCrawler, RequestQueue, type PlaywrightCrawlingContext } from 'crawlee';
import { chromium, type Page } from 'playwright';
import type { StageContext } from '../core/context.ts';
import { errorMessage } from '../core/errors/errors.ts';
import { crawlPageSeconds, listingsCrawledTotal } from '../core/metrics/metrics.ts';
import { adapterByName } from './adapters/adapter.registry.ts';
import type { SiteAdapter } from './adapters/site-adapter.ts';
import type { Source } from './crawler.schema.ts';
import { crawleeLog } from './crawlee.log.ts';
import { ImageFetcher } from './image.fetcher.ts';
import { ListingRepository } from './listing.repository.ts';
import { recordRemoval, storeListing } from './listing.capture.ts';
import { applySourceSession } from './session/session.browser.ts';
import { capturePage, collectJsonResponses, measureImages, settlePage } from './page.browser.ts';
import { probeServer } from './evidence/server.probe.ts';
import { documentUrl, routeSubrequests } from './page.guard.ts';
import { startEgressProxy } from './egress.proxy.ts';
import { LinkQueue } from './link.queue.ts';
import { httpUserAgent, RobotsPolicy, USER_AGENT } from './robots.policy.ts';
import { SourceRepository, type CrawlError } from './source.repository.ts';
import type { CrawlOptions, CrawlSummary, RunState } from './crawl.types.ts';
import { UrlGuard } from './url-safety.ts';
import { RunControl, type RunHandle } from './run.control.ts';
import { DomainRateLimiter, LocalTokenBuckets, type TokenBucketStore } from './run.rate-limit.ts';
import { retryDelayMs } from './http.client.ts';
import { canonicalizeUrl } from './extract/url.canonical.ts';

export type { CrawlOptions, CrawlSummary } from './crawl.types.ts';

const require = createRequire(import.meta.url);
const IPWATCH_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const CRAWLEE_VERSION = (require('crawlee/package.json') as { version: string }).version;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Crawls one source with a real browser: pages in, listings and evidence out. */
export class CrawlService {
  private readonly sources: SourceRepository;
  private readonly listings: ListingRepository;

  constructor(private readonly ctx: StageContext) {
    this.sources = new SourceRepository(ctx.db);
    this.listings = new ListingRepository(ctx.db);
  }

  async crawl(source: Source, runId: number, opts: CrawlOptions = {}): Promise<CrawlSummary> {
    const started = this.ctx.now();
    if (!(await this.sources.startRun(runId, started, opts.workerId))) {
      // Cancelled while queued, or already finished by an earlier attempt of the same job: nothing to do.
      const run = await this.sources.getRun(runId);
      const status = run?.status === 'failed' || run?.status === 'cancelled' || run?.status === 'interrupted' ? run.status : 'succeeded';
      return { runId, sourceId: source.id, status, pagesVisited: run?.pagesVisited ?? 0, listingsFound: run?.listingsFound ?? 0, listingsNew: run?.listingsNew ?? 0, listingsChanged: run?.listingsChanged ?? 0, listingIds: [], pagesBlocked: 0, errors: [], seconds: 0 };
    }
    const runControl = new RunControl(this.sources, this.ctx.now, opts.heartbeatMs, (error) => this.ctx.logger.warn({ err: error, runId }, 'run heartbeat failed'));
    const control = runControl.begin(runId, opts.signal);
    try {
      return await this.crawlControlled(source, runId, opts, control, started);
    } finally {
      runControl.end(control);
    }
  }

  private async crawlControlled(source: Source, runId: number, opts: CrawlOptions, control: RunHandle, started: Date): Promise<CrawlSummary> {
    const signal = control.signal;
    const guard = new UrlGuard({ allowInternal: source.allowInternal, allowedOrigins: opts.allowedOrigins });
    const robots = new RobotsPolicy(guard, USER_AGENT, signal, !source.ignoreRobots);
    const limiter = new DomainRateLimiter(opts.buckets ?? new LocalTokenBuckets(), source.ratePerMinute, signal);
    const startUrl = opts.singlePage ?? source.startUrl;
    const maxPages = opts.singlePage ? 1 : source.maxPages;
    let adapter: SiteAdapter | undefined;
    let badAdapter: string | undefined;
    try {
      adapter = adapterByName(source.adapter);
    } catch (error) {
      badAdapter = errorMessage(error);
    }
    const state: RunState = {
      source,
      runId,
      adapter: adapter ?? adapterByName('generic'),
      guard,
      robots,
      images: new ImageFetcher({ guard, robots, blobs: this.ctx.blobs, userAgent: httpUserAgent(), maxBytes: this.ctx.config.maxImageBytes, signal, beforeRequest: (url) => limiter.acquire(url) }),
      links: new LinkQueue(startUrl, robots, maxPages * 20),
      options: opts,
      control,
      limiter,
      startUrl,
      maxPages,
      maxDepth: opts.singlePage ? 0 : source.maxDepth,
      pages: 0,
      fresh: 0,
      listingIds: [],
      listings: 0,
      changed: 0,
      blocked: 0,
      errors: [],
      startFailed: undefined,
      software: undefined,
    };
    const preflight = badAdapter ?? (await this.preflight(state));
    if (preflight) {
      state.startFailed = preflight;
      await this.recordError(state, { url: source.startUrl, message: preflight });
    } else {
      await this.runBrowser(state);
    }
    const failed = state.startFailed !== undefined && state.pages === 0;
    const status = control.reason ?? (failed ? 'failed' : 'succeeded');
    await this.sources.finishRun(runId, status, this.ctx.now());
    return {
      runId,
      sourceId: source.id,
      status,
      pagesVisited: state.pages,
      listingsFound: state.listings,
      listingsNew: state.fresh,
      listingIds: state.listingIds,
      listingsChanged: state.changed,
      pagesBlocked: state.blocked,
      errors: state.errors,
      seconds: (this.ctx.now().getTime() - started.getTime()) / 1000,
    };
  }

  /** Checks the start URL before a browser starts: a bad or unreachable source fails fast and clearly. */
  private async preflight(state: RunState): Promise<string | undefined> {
    const url = state.startUrl;
    try {
      await state.guard.check(url);
    } catch (error) {
      return errorMessage(error);
    }
    const unreachable = await state.robots.originError(url);
    if (unreachable) return `start URL ${url} is unreachable: ${unreachable}`;
    const refusal = await state.robots.refusal(url);
    if (refusal) return `start URL ${url} is ${refusal}`;
    return undefined;
  }

  private async recordError(state: RunState, error: CrawlError): Promise<void> {
    // Requests cut short by a cancel or shutdown are not the site's errors.
    if (state.control.signal.aborted) return;
    state.errors.push(error);
    this.ctx.logger.warn({ runId: state.runId, url: error.url }, error.message);
    await this.sources.addError(state.runId, error);
  }

  private async runBrowser(state: RunState): Promise<void> {
    const { config } = this.ctx;
    // Each crawl gets its own in-memory storage and request queue: crawls in one process never share state.
    const crawleeConfig = new Configuration({ persistStorage: false, purgeOnStart: false, headless: true });
    const requestQueue = await RequestQueue.open(`run-${state.runId}-${Date.now()}`, { config: crawleeConfig });
    const delay = await state.robots.crawlDelaySeconds(state.startUrl);
    // Public sources: every connection the browser makes goes through the guarded egress proxy (DNS rebinding).
    const allowed = new Set(state.options.allowedOrigins ?? []);
    const proxy = state.source.allowInternal
      ? undefined
      : await startEgressProxy({ lookup: state.guard.lookup, trusted: (host, port) => allowed.has(`http://${host}:${port}`) || allowed.has(`https://${host}:${port}`) });
    const crawler = new PlaywrightCrawler(
      {
        requestQueue,
        log: crawleeLog(this.ctx.logger),
        launchContext: { launcher: chromium, userAgent: httpUserAgent(true), launchOptions: { executablePath: config.chromiumPath, headless: true, args: CHROMIUM_ARGS, ...(proxy ? { proxy: { server: proxy.url } } : {}) } },
        browserPoolOptions: { useFingerprints: false },
        useSessionPool: false,
        persistCookiesPerSession: false,
        headless: true,
        maxRequestsPerCrawl: state.maxPages,
        maxConcurrency: state.source.concurrency ?? config.crawlConcurrency,
        minConcurrency: 1,
        maxRequestRetries: 1,
        navigationTimeoutSecs: 30,
        requestHandlerTimeoutSecs: 150,
        ...(delay ? { sameDomainDelaySecs: delay } : {}),
        preNavigationHooks: [async (context, gotoOptions) => this.beforeNavigation(state, context, gotoOptions)],
        requestHandler: async (context) => this.handlePage(state, context),
        failedRequestHandler: async ({ request }, error) => {
          const message = errorMessage(error).split('\n')[0]!.replace(/^page\.goto: /, '');
          if (request.userData.start) state.startFailed = message;
          await this.recordError(state, { url: request.url, message });
        },
      },
      crawleeConfig,
    );
    const signal = state.control.signal;
    const abort = () => void crawler.stop('aborted');
    signal.addEventListener('abort', abort, { once: true });
    try {
      if (!signal.aborted) await crawler.run([{ url: state.startUrl, uniqueKey: canonicalizeUrl(state.startUrl), userData: { start: true, depth: 0 } }]);
    } finally {
      signal.removeEventListener('abort', abort);
      await crawler.teardown();
      await requestQueue.drop();
      await proxy?.close();
    }
  }

  private async beforeNavigation(state: RunState, { page, request }: PlaywrightCrawlingContext, gotoOptions: { waitUntil?: string } | undefined): Promise<void> {
    if (gotoOptions) gotoOptions.waitUntil = 'domcontentloaded';
    try {
      await state.guard.check(request.url);
    } catch (error) {
      throw new NonRetryableError(errorMessage(error));
    }
    const refusal = await state.robots.refusal(request.url);
    if (refusal) throw new NonRetryableError(refusal);
    if (state.control.signal.aborted) throw new NonRetryableError('run stopped');
    await state.limiter.acquire(request.url);
    let refusals = 0;
    await routeSubrequests(page, {
      guard: state.source.allowInternal ? undefined : state.guard,
      robots: state.robots,
      // Bounded per page: a hostile page with a thousand bad images must not flood the run's error list.
      onRefused: async (url, message) => {
        if (refusals++ < 10) await this.recordError(state, { url, message });
      },
    });
    pageJson.set(page, collectJsonResponses(page, request.url));
    await applySourceSession(page, this.ctx, state.source.id);
  }

  private async handlePage(state: RunState, { page, request, response, addRequests }: PlaywrightCrawlingContext): Promise<void> {
    const timer = crawlPageSeconds.startTimer();
    await settlePage(page);
    const html = await page.content();
    const finalUrl = documentUrl(page);
    const extraction = state.adapter.extract({
      url: finalUrl,
      html,
      status: response?.status(),
      jsonResponses: await (pageJson.get(page)?.() ?? Promise.resolve([])),
      imageSizes: await measureImages(page),
    });
    const status = response?.status() ?? 0;
    // 429/503: the site asks us to slow down; retried after its Retry-After (capped) or an exponential backoff.
    if ((status === 429 || status === 503) && request.retryCount < 1 && !state.control.signal.aborted) {
      const retryAfter = response ? (await response.allHeaders())['retry-after'] : undefined;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(request.retryCount + 1, retryAfter)));
      throw new Error(`HTTP ${status}, retrying`);
    }
    const depth = typeof request.userData.depth === 'number' ? request.userData.depth : 0;
    if (depth < state.maxDepth) await state.links.enqueue(extraction.links, (requests, options) => addRequests(requests, options), depth + 1);
    state.pages++;
    let stored: false | { isNew: boolean; changed: boolean } = false;
    if (extraction.kind === 'blocked') {
      state.blocked++;
      await this.recordError(state, { url: finalUrl, message: extraction.blockReason ?? 'blocked' });
    } else if (extraction.kind === 'removed' && (await recordRemoval(this.listings, [request.url, finalUrl], this.ctx.now(), state.runId, extraction.removedReason))) {
      // A known listing taken down: its history says so; not an error of the crawl.
    } else if (status >= 400) {
      await this.recordError(state, { url: finalUrl, message: `HTTP ${status}` });
    } else if (extraction.listing && state.options.dryRun) {
      state.listings++;
    } else if (extraction.listing && (await this.resumed(state, extraction.listing.url))) {
      // Captured by an earlier attempt of this run (its worker died): not captured or stored twice.
    } else if (extraction.listing) {
      state.software ??= `ipwatch/${IPWATCH_VERSION} crawlee/${CRAWLEE_VERSION} chromium/${page.context().browser()?.version() ?? 'unknown'}`;
      const capture = await capturePage(page, html, response, state.source.allowInternal ? undefined : (url) => probeServer(url, state.guard.lookup));
      const capturedAt = this.ctx.now();
      const result = await storeListing(
        { listings: this.listings, blobs: this.ctx.blobs, images: state.images, sourceId: state.source.id, runId: state.runId, software: state.software, pageUrl: finalUrl },
        extraction.listing,
        capture,
        capturedAt,
      );
      for (const error of result.imageErrors) await this.recordError(state, error);
      state.listings++;
      state.listingIds.push(result.listingId);
      if (result.changed) state.changed++;
      const isNew = result.changed && (await this.listings.get(result.listingId))?.firstSeenAt.getTime() === capturedAt.getTime();
      if (isNew) state.fresh++;
      stored = { isNew, changed: result.changed };
      listingsCrawledTotal.inc();
      await state.options.onListing?.(result.listingId, result.changed);
    }
    await this.sources.countPage(state.runId, stored);
    timer();
    this.ctx.logger.debug({ runId: state.runId, url: request.url, kind: extraction.kind }, 'page crawled');
  }

  /**
   * A run resumed by BullMQ's stalled-job retry goes over its pages again: a listing this run already
   * stored keeps its evidence; it is counted and handed on for matching (a no-op when already queued).
   */
  private async resumed(state: RunState, url: string): Promise<boolean> {
    const earlier = await this.listings.capturedInRun(state.runId, url);
    if (!earlier) return false;
    state.listings++;
    state.listingIds.push(earlier.listingId);
    await state.options.onListing?.(earlier.listingId, true);
    return true;
  }
}

const pageJson = new WeakMap<Page, () => Promise<{ url: string; data: unknown }[]>>();
