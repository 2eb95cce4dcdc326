import { sql, type SQL } from 'drizzle-orm';
import { foldVietnamese } from './vietnamese.ts';

/**
 * The folded search form of text columns, computed by PostgreSQL itself as a stored generated column,
 * so every write path (API, import, crawler) fills it without knowing about it, in PGlite and on the
 * server alike. Folding = combining marks removed (NFD input), precomposed Vietnamese letters mapped to
 * their base letter, đ→d, lowercase. Every function used is IMMUTABLE and needs no locale (lower() on
 * ASCII only: what is left after the mapping), so a LC_CTYPE=C database folds like a UTF-8 one and
 * pg_trgm sees ASCII words (DESIGN.md §7: with C, pg_trgm splits words at accented letters).
 */

const ACCENTED =
  'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹđĐ';
const PLAIN =
  'AAAAEEEIIOOOOUUYaaaaeeeiioooouuyAaIiUuOoUuAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYydD';

if ([...ACCENTED].length !== [...PLAIN].length) throw new Error('text-fold: ACCENTED and PLAIN differ in length');

/** The SQL expression folding the concatenation of `columns` (nulls skipped, a space between). */
export function foldedSearchSql(...columns: SQL[]): SQL {
  const joined = sql.join(columns.map((c) => sql`coalesce(${c}, '')`), sql` || ' ' || `);
  return sql`lower(translate(regexp_replace(${joined}, '[\u0300-\u036f]', '', 'g'), '${sql.raw(ACCENTED)}', '${sql.raw(PLAIN)}'))`;
}

/** A user's query in the same folded form (JS side: the same result as the column's SQL, tone style and NFD aside). */
export function foldSearchQuery(query: string): string {
  return foldVietnamese(query.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** LIKE pattern for a folded query, with LIKE's own wildcards escaped. */
export function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
