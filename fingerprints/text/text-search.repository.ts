import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../core/database/database.ts';
import { ValidationError } from '../../core/errors/errors.ts';
import { works } from '../fingerprints.schema.ts';
import { foldSearchQuery, likePattern } from './text-fold.sql.ts';

/**
 * Officers' text search over a folded, pg_trgm-indexed column (text-fold.sql.ts): "dong ho", "Đông Hồ"
 * and "ĐÔNG HỒ" find the same rows. Substring hits first (LIKE, served by the GIN trigram index), then
 * near spellings by pg_trgm word similarity (a misspelled word, a missing letter).
 */

export const MAX_SEARCH_CHARS = 200;
export const DEFAULT_SEARCH_LIMIT = 20;
/** pg_trgm's `<%` operator threshold (its default, 0.6, made explicit so both database kinds agree). */
const WORD_SIMILARITY = 0.6;

export interface TextSearchHit {
  id: number;
  title: string;
  /** 1 for a substring hit, else pg_trgm word similarity of the query to the best extent of the text. */
  score: number;
}

export interface SearchableTable {
  table: PgTable;
  id: PgColumn;
  title: PgColumn;
  searchFolded: PgColumn;
  where?: SQL;
}

/** The folded query, or a ValidationError for a query too long to be one (a pasted page). */
export function searchQuery(query: string): string {
  if (typeof query !== 'string') throw new ValidationError('search query must be text');
  if (query.length > MAX_SEARCH_CHARS) throw new ValidationError(`search query longer than ${MAX_SEARCH_CHARS} characters`);
  return foldSearchQuery(query.replace(/[\u0000-\u001f\u007f]/g, ' '));
}

export async function searchFolded(db: Database, target: SearchableTable, query: string, limit = DEFAULT_SEARCH_LIMIT): Promise<TextSearchHit[]> {
  const folded = searchQuery(query);
  if (!folded) return [];
  const safeLimit = Math.max(1, Math.min(200, Math.floor(limit) || DEFAULT_SEARCH_LIMIT));
  const like = sql`${target.searchFolded} like ${likePattern(folded)}`;
  const similarity = sql<number>`word_similarity(${folded}, ${target.searchFolded})`;
  const match = sql`(${like} or ${similarity} >= ${WORD_SIMILARITY})`;
  const rows = await db
    .select({ id: target.id, title: target.title, substring: sql<boolean>`${like}`, similarity: sql<number>`${similarity}::float8` })
    .from(target.table)
    .where(target.where ? and(match, target.where) : match)
    .orderBy(desc(sql`${like}`), desc(similarity), target.id)
    .limit(safeLimit);
  return rows.map((r) => ({ id: Number(r.id), title: String(r.title), score: r.substring ? 1 : Math.round(Number(r.similarity) * 1000) / 1000 }));
}

/** Active works whose title, description or text holds the query, with or without diacritics. */
export function searchWorksByText(db: Database, query: string, limit?: number): Promise<TextSearchHit[]> {
  return searchFolded(db, { table: works, id: works.id, title: works.title, searchFolded: works.searchFolded, where: eq(works.status, 'active') }, query, limit);
}
