import type { PageExtraction, PageInput } from '../extract/listing.extract.ts';

/**
 * Polite defaults for one platform (MARKETPLACES.md §7): what the crawl's per-domain limiter applies
 * unless a source sets its own, stricter numbers.
 */
export interface Politeness {
  /** Requests per minute per host (pages and images alike); 0 = unthrottled (loopback sample marketplace). */
  requestsPerMinute: number;
  /** Minimum seconds between two page loads on the platform's domain (60 / requestsPerMinute). */
  delaySeconds: number;
  /** Pages loaded at once on the domain. */
  maxConcurrency: number;
  /** A soft cap per run: beyond it platforms show traffic walls (Shopee after ~25 products in 15 minutes). */
  maxPagesPerRun: number;
  /** The platform shows little or nothing to logged-out visitors: a source should carry an officer's session. */
  needsSession: boolean;
}

/**
 * What a site adapter decides for a site: whether it knows a URL, and how a rendered page becomes a
 * classified page (product, article, index, blocked, removed) with maybe a listing and the links to follow.
 * Adapters are pure: the crawl service does the browsing, storing and enqueuing.
 */
export interface SiteAdapter {
  readonly name: string;
  /** Human name shown to officers. */
  readonly label: string;
  /** True when this adapter was written for the URL's site; the generic adapter matches everything. */
  matches(url: string): boolean;
  readonly politeness: Politeness;
  extract(input: PageInput): PageExtraction;
}

export function hostMatcher(pattern: RegExp): (url: string) => boolean {
  return (url) => {
    try {
      return pattern.test(new URL(url).hostname.toLowerCase());
    } catch {
      return false;
    }
  };
}
