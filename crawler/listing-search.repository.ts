import type { Database } from '../core/database/database.ts';
import { searchFolded, type TextSearchHit } from '../fingerprints/text/text-search.repository.ts';
import { listings } from './crawler.schema.ts';

/** Listings whose title or description holds the query, with or without diacritics (folded, pg_trgm-indexed). */
export function searchListingsByText(db: Database, query: string, limit?: number): Promise<TextSearchHit[]> {
  return searchFolded(db, { table: listings, id: listings.id, title: listings.title, searchFolded: listings.searchFolded }, query, limit);
}
