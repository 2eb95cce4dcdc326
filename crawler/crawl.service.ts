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
import { storeListing } from './listing.capture.ts';
import { capturePage, collectJsonResponses, routeSubrequests, measureImages, settlePage } from './page.browser.ts';
import { LinkQueue } from './link.queue.ts';
import { httpUserAgent, RobotsPolicy, USER_AGENT } from './robots.policy.ts';
import { SourceRepository, type CrawlError } from './source.repository.ts';
import { UrlGuard } from './url-safety.ts';
import { canonicalizeUrl } from './extract/url.canonical.ts';

export interface CrawlOptions {
  onListing?: (listingId: number, changed: boolean) => Promise<void>;
  signal?: AbortSignal;
}

export interface CrawlSummary {
  runId: number;
  sourceId: number;
  status: 'succeeded' | 'failed';
  pagesVisited: number;
  listingsFound: number;
  listingsChanged: number;
  pagesBlocked: number;
  errors: CrawlError[];
  seconds: number;
}

const require = createRequire(import.meta.url);
const IPWATCH_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const CRAWLEE_VERSION = (require('crawlee/package.json') as { version: string }).version;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Mutable tallies of one crawl; the run row is updated as pages finish so progress is visible live. */
interface RunState {
  source: Source;
  runId: number;
  adapter: SiteAdapter;
  guard: UrlGuard;
  robots: RobotsPolicy;
  images: ImageFetcher;
  links: LinkQueue;
  options: CrawlOptions;
  pages: number;
  listings: number;
  changed: number;
  blocked: number;
  errors: CrawlError[];
  startFailed: string | undefined;
  software: string | undefined;
}

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
    await this.sources.startRun(runId, started);
    const guard = new UrlGuard({ allowInternal: source.allowInternal });
    const robots = new RobotsPolicy(guard, USER_AGENT, opts.signal);
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
      images: new ImageFetcher({ guard, robots, blobs: this.ctx.blobs, userAgent: httpUserAgent(), maxBytes: this.ctx.config.maxImageBytes, signal: opts.signal }),
      links: new LinkQueue(source.startUrl, robots, source.maxPages * 20),
      options: opts,
      pages: 0,
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
    await this.sources.finishRun(runId, failed ? 'failed' : 'succeeded', this.ctx.now());
    return {
      runId,
      sourceId: source.id,
      status: failed ? 'failed' : 'succeeded',
      pagesVisited: state.pages,
      listingsFound: state.listings,
      listingsChanged: state.changed,
      pagesBlocked: state.blocked,
      errors: state.errors,
      seconds: (this.ctx.now().getTime() - started.getTime()) / 1000,
    };
  }

  /** Checks the start URL before a browser starts: a bad or unreachable source fails fast and clearly. */
  private async preflight(state: RunState): Promise<string | undefined> {
    const url = state.source.startUrl;
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
    state.errors.push(error);
    this.ctx.logger.warn({ runId: state.runId, url: error.url }, error.message);
    await this.sources.addError(state.runId, error);
  }

  private async runBrowser(state: RunState): Promise<void> {
    const { config } = this.ctx;
    // Each crawl gets its own in-memory storage and request queue: crawls in one process never share state.
    const crawleeConfig = new Configuration({ persistStorage: false, purgeOnStart: false, headless: true });
    const requestQueue = await RequestQueue.open(`run-${state.runId}-${Date.now()}`, { config: crawleeConfig });
    const delay = await state.robots.crawlDelaySeconds(state.source.startUrl);
    const crawler = new PlaywrightCrawler(
      {
        requestQueue,
        log: crawleeLog(this.ctx.logger),
        launchContext: { launcher: chromium, userAgent: httpUserAgent(true), launchOptions: { executablePath: config.chromiumPath, headless: true, args: CHROMIUM_ARGS } },
        browserPoolOptions: { useFingerprints: false },
        useSessionPool: false,
        persistCookiesPerSession: false,
        headless: true,
        maxRequestsPerCrawl: state.source.maxPages,
        maxConcurrency: config.crawlConcurrency,
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
    const abort = () => void crawler.stop('aborted');
    state.options.signal?.addEventListener('abort', abort, { once: true });
    try {
      await crawler.run([{ url: state.source.startUrl, uniqueKey: canonicalizeUrl(state.source.startUrl), userData: { start: true } }]);
    } finally {
      state.options.signal?.removeEventListener('abort', abort);
      await crawler.teardown();
      await requestQueue.drop();
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
    await routeSubrequests(page, { guard: state.source.allowInternal ? undefined : state.guard, robots: state.robots });
    pageJson.set(page, collectJsonResponses(page, request.url));
  }

  private async handlePage(state: RunState, { page, request, response, addRequests }: PlaywrightCrawlingContext): Promise<void> {
    const timer = crawlPageSeconds.startTimer();
    await settlePage(page);
    const html = await page.content();
    const finalUrl = page.url();
    const extraction = state.adapter.extract({
      url: finalUrl,
      html,
      status: response?.status(),
      jsonResponses: await (pageJson.get(page)?.() ?? Promise.resolve([])),
      imageSizes: await measureImages(page),
    });
    await state.links.enqueue(extraction.links, (requests, options) => addRequests(requests, options));
    const status = response?.status() ?? 0;
    state.pages++;
    let stored = false;
    if (extraction.kind === 'blocked') {
      state.blocked++;
      await this.recordError(state, { url: finalUrl, message: extraction.blockReason ?? 'blocked' });
    } else if (status >= 400) {
      await this.recordError(state, { url: finalUrl, message: `HTTP ${status}` });
    } else if (extraction.listing) {
      state.software ??= `ipwatch/${IPWATCH_VERSION} crawlee/${CRAWLEE_VERSION} chromium/${page.context().browser()?.version() ?? 'unknown'}`;
      const capture = await capturePage(page, html, response);
      const result = await storeListing(
        { listings: this.listings, blobs: this.ctx.blobs, images: state.images, sourceId: state.source.id, runId: state.runId, software: state.software, pageUrl: finalUrl },
        extraction.listing,
        capture,
        this.ctx.now(),
      );
      for (const error of result.imageErrors) await this.recordError(state, error);
      state.listings++;
      if (result.changed) state.changed++;
      stored = true;
      listingsCrawledTotal.inc();
      await state.options.onListing?.(result.listingId, result.changed);
    }
    await this.sources.countPage(state.runId, stored);
    timer();
    this.ctx.logger.debug({ runId: state.runId, url: request.url, kind: extraction.kind }, 'page crawled');
  }
}

const pageJson = new WeakMap<Page, () => Promise<{ url: string; data: unknown }[]>>();
