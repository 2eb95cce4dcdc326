import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors/errors.ts';
import { listings } from '../../crawler/crawler.schema.ts';
import { searchListingsByText } from '../../crawler/listing-search.repository.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/helpers/databases.ts';
import { works } from '../fingerprints.schema.ts';
import { foldSearchQuery } from './text-fold.sql.ts';
import { searchWorksByText } from './text-search.repository.ts';

describe.each(databaseKinds())('folded text search on %s', (kind) => {
  let env: TestDatabase;
  const query = async <T,>(statement: SQL) => ((await env.db.execute(statement)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    env = await createTestDatabase(kind);
    await env.db.insert(works).values([
      { title: 'Đám cưới chuột', type: 'fine_art', description: 'Tranh Đông Hồ, giấy dó quét điệp' },
      { title: 'Hoà bình', type: 'literary', text: 'Thuỷ chung một dạ, khoẻ mạnh yêu đời' },
      { title: 'Gà trống'.normalize('NFD'), type: 'fine_art', description: 'ĐƯỢC VẼ TAY 100%' },
      { title: 'Withdrawn Đông Hồ', type: 'fine_art', status: 'withdrawn' },
    ]);
    await env.db.insert(listings).values([
      { platform: 'web', url: 'https://a.example/1', title: 'Tranh dong ho dam cuoi chuot', description: null, contentHash: 'a' },
      { platform: 'web', url: 'https://a.example/2', title: 'Đồng hồ treo tường', description: '<p>Giá r&#7867;</p>', contentHash: 'b' },
      { platform: 'web', url: 'https://a.example/3', title: 'Gốm Phù Lãng', description: 'Men da lươn', contentHash: 'c' },
    ]);
  }, 120_000);
  afterAll(() => env?.close());

  it('stores the folded form in an indexed generated column', async () => {
    const rows = await query<{ search_folded: string }>(sql`select search_folded from fingerprints.works order by id`);
    expect(rows[0]!.search_folded).toBe('dam cuoi chuot tranh dong ho, giay do quet diep ');
    expect(rows[2]!.search_folded).toContain('ga trong'); // NFD input folds too
    expect(rows[2]!.search_folded).toContain('duoc ve tay'); // Đ and capitals
    const indexes = await query<{ indexdef: string }>(sql`select indexdef from pg_indexes where indexname in ('works_search_folded_idx', 'listings_search_folded_idx')`);
    expect(indexes).toHaveLength(2);
    expect(indexes.every((r) => /gin_trgm_ops/.test(r.indexdef))).toBe(true);
  });

  it('finds works with or without diacritics, in either tone-mark style, active only', async () => {
    for (const query of ['Đông Hồ', 'dong ho', 'ĐÔNG HỒ', 'Đông Hồ'.normalize('NFD')]) {
      const hits = await searchWorksByText(env.db, query);
      expect(hits.map((h) => h.title), query).toEqual(['Đám cưới chuột']);
      expect(hits[0]!.score).toBe(1);
    }
    expect((await searchWorksByText(env.db, 'thủy chung')).map((h) => h.title)).toEqual(['Hoà bình']);
    expect((await searchWorksByText(env.db, 'khỏe mạnh')).map((h) => h.title)).toEqual(['Hoà bình']);
  });

  it('finds near spellings by trigram word similarity, after exact substrings', async () => {
    const hits = await searchWorksByText(env.db, 'dam cuoi chuoot');
    expect(hits[0]?.title).toBe('Đám cưới chuột');
    expect(hits[0]!.score).toBeLessThan(1);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(0.6);
  });

  it('finds listings by title and by description text (tags and entities are the stored text)', async () => {
    expect((await searchListingsByText(env.db, 'Đông Hồ')).map((h) => h.id)).toHaveLength(2); // "dong ho" both
    expect((await searchListingsByText(env.db, 'đám cưới')).map((h) => h.title)).toEqual(['Tranh dong ho dam cuoi chuot']);
    expect((await searchListingsByText(env.db, 'phu lang')).map((h) => h.title)).toEqual(['Gốm Phù Lãng']);
  });

  it('treats LIKE wildcards and odd input as text; refuses an over-long query', async () => {
    expect(await searchWorksByText(env.db, '_%')).toEqual([]); // wildcards, not "anything"
    expect((await searchWorksByText(env.db, '100%')).map((h) => h.title)).toEqual(['Gà trống'.normalize('NFD')]);
    expect(await searchWorksByText(env.db, '   ')).toEqual([]);
    expect(await searchWorksByText(env.db, "'; drop table works; --")).toEqual([]);
    await expect(searchWorksByText(env.db, 'a'.repeat(201))).rejects.toBeInstanceOf(ValidationError);
    const count = await query<{ n: number }>(sql`select count(*)::int as n from fingerprints.works`);
    expect(Number(count[0]!.n)).toBe(4);
    expect(foldSearchQuery('  Hoà\tBÌNH ')).toBe('hoa binh');
  });
});
