import { extractPage, type PageExtraction, type PageInput } from '../extract/listing.extract.ts';
import type { SiteAdapter } from './site-adapter.ts';

/**
 * For sites never seen before: embedded state, fetched JSON, JSON-LD, microdata, OpenGraph and the
 * rendered DOM, in that order, with page classification from the same signals.
 */
export const genericAdapter: SiteAdapter = {
  name: 'generic',
  label: 'Generic (any site)',
  matches: () => true,
  politeness: { requestsPerMinute: 120, delaySeconds: 0.5, maxConcurrency: 2, maxPagesPerRun: 10_000, needsSession: false },
  extract: (input: PageInput): PageExtraction => extractPage(input),
};
