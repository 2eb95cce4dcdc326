import type { SiteAdapter } from './adapters/site-adapter.ts';
import type { Source } from './crawler.schema.ts';
import type { ImageFetcher } from './image.fetcher.ts';
import type { LinkQueue } from './link.queue.ts';
import type { RobotsPolicy } from './robots.policy.ts';
import type { RunHandle } from './run.control.ts';
import type { DomainRateLimiter, TokenBucketStore } from './run.rate-limit.ts';
import type { CrawlError } from './source.repository.ts';
import type { UrlGuard } from './url-safety.ts';

/** What a crawl is asked to do, what it reports, and its running tallies (crawl.service.ts). */

export interface CrawlOptions {
  onListing?: (listingId: number, changed: boolean) => Promise<void>;
  /** Aborting it stops the crawl as "interrupted" (process shutdown). */
  signal?: AbortSignal;
  /** Token buckets per host; shared through Redis by the workers, in-process for the CLI (the default). */
  buckets?: TokenBucketStore;
  /** Recorded on the run, so a stale run can be traced to its (dead) process. */
  workerId?: string;
  /** A manual capture: this one page instead of the source's start URL, no links followed. */
  singlePage?: string;
  heartbeatMs?: number;
  /** Extract and count listings but store nothing, no screenshot or WARC: the baseline of the crawl benchmark. */
  dryRun?: boolean;
  /** Tests only: exact origins the URL guard trusts although internal (see UrlSafetyOptions). */
  allowedOrigins?: readonly string[];
}

export interface CrawlSummary {
  runId: number;
  sourceId: number;
  status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  pagesVisited: number;
  listingsNew: number;
  /** Listings stored in this run, in order (a manual capture's one listing). */
  listingIds: number[];
  listingsFound: number;
  listingsChanged: number;
  pagesBlocked: number;
  errors: CrawlError[];
  seconds: number;
}

/** Mutable tallies of one crawl; the run row is updated as pages finish so progress is visible live. */
export interface RunState {
  source: Source;
  runId: number;
  adapter: SiteAdapter;
  guard: UrlGuard;
  robots: RobotsPolicy;
  images: ImageFetcher;
  links: LinkQueue;
  options: CrawlOptions;
  control: RunHandle;
  limiter: DomainRateLimiter;
  startUrl: string;
  maxPages: number;
  maxDepth: number;
  pages: number;
  fresh: number;
  listingIds: number[];
  listings: number;
  changed: number;
  blocked: number;
  errors: CrawlError[];
  startFailed: string | undefined;
  software: string | undefined;
}

