import type { PageExtraction, PageInput } from '../extract/listing.extract.ts';

/**
 * What a site adapter decides for a site: whether it knows a URL, and how a rendered page becomes a
 * classified page (product, article, index, blocked) with maybe a listing and the links to follow.
 * Adapters are pure: the crawl service does the browsing, storing and enqueuing.
 */
export interface SiteAdapter {
  readonly name: string;
  /** True when this adapter was written for the URL's site; the generic adapter matches everything. */
  matches(url: string): boolean;
  extract(input: PageInput): PageExtraction;
}
