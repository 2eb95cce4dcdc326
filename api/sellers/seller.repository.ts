import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../core/database/database.ts';
import { caseFindings, cases, type Case } from '../cases/case.schema.ts';
import { sellerKeysOf, type SellerKey } from './seller.keys.ts';
import { sellerIndexed, sellerKeys, type SellerKeyKind } from './seller.schema.ts';

/** Both drivers return { rows } from execute(); the shared Database type does not say so. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Listings read per sync round; a sync does at most SYNC_ROUNDS of them before answering. */
const SYNC_BATCH = 500;
const SYNC_ROUNDS = 20;

type ListingRow = {
  id: number;
  title: string;
  description: string | null;
  seller_name: string | null;
  seller_url: string | null;
  seller_phone: string | null;
  content_hash: string;
};

/** The seller keys of listings that have findings, and the lookups that link listings by them. */
export class SellerRepository {
  constructor(private readonly db: Database) {}

  /**
   * Brings the keys up to date for listings with findings that are new or changed since they were
   * indexed (their content hash differs). Listings without findings are nobody's concern here.
   */
  async sync(): Promise<number> {
    let total = 0;
    for (let round = 0; round < SYNC_ROUNDS; round++) {
      const rows = rowsOf<ListingRow>(await this.db.execute(sql`
        select l.id, l.title, l.description, l.seller_name, l.seller_url, l.seller_phone, l.content_hash
        from crawler.listings l
        where exists (select 1 from matcher.findings f where f.listing_id = l.id)
          and not exists (select 1 from api.seller_indexed s where s.listing_id = l.id and s.content_hash = l.content_hash)
        order by l.id limit ${SYNC_BATCH}`));
      if (!rows.length) break;
      await this.db.transaction(async (tx) => {
        const ids = rows.map((r) => r.id);
        await tx.delete(sellerKeys).where(inArray(sellerKeys.listingId, ids));
        const keys = rows.flatMap((r) =>
          sellerKeysOf({ title: r.title, description: r.description, sellerName: r.seller_name, sellerUrl: r.seller_url, sellerPhone: r.seller_phone }).map((k) => ({ ...k, listingId: r.id, contentHash: r.content_hash })),
        );
        if (keys.length) await tx.insert(sellerKeys).values(keys).onConflictDoNothing();
        await tx
          .insert(sellerIndexed)
          .values(rows.map((r) => ({ listingId: r.id, contentHash: r.content_hash })))
          .onConflictDoUpdate({ target: sellerIndexed.listingId, set: { contentHash: sql`excluded.content_hash` } });
      });
      total += rows.length;
      if (rows.length < SYNC_BATCH) break;
    }
    return total;
  }

  async keysOf(listingIds: number[]): Promise<(SellerKey & { listingId: number })[]> {
    if (!listingIds.length) return [];
    return this.db.select({ listingId: sellerKeys.listingId, kind: sellerKeys.kind, value: sellerKeys.value }).from(sellerKeys).where(inArray(sellerKeys.listingId, listingIds));
  }

  /** Listings that share an exact key (shop, phone, bank account). */
  async listingsWith(kind: SellerKeyKind, values: string[]): Promise<{ listingId: number; value: string }[]> {
    if (!values.length) return [];
    return this.db
      .select({ listingId: sellerKeys.listingId, value: sellerKeys.value })
      .from(sellerKeys)
      .where(and(eq(sellerKeys.kind, kind), inArray(sellerKeys.value, values)))
      .limit(1000);
  }

  /** Name keys close to `name` by trigram similarity (pg_trgm), for the caller to check exactly. */
  async similarNames(name: string): Promise<{ listingId: number; value: string }[]> {
    const rows = rowsOf<{ listing_id: number; value: string }>(
      await this.db.execute(sql`select listing_id, value from api.seller_keys where kind = 'name' and similarity(value, ${name}) >= 0.4 limit 500`),
    );
    return rows.map((r) => ({ listingId: Number(r.listing_id), value: r.value }));
  }

  /** Cases holding any of these findings (api.case_findings, kept by the cases workflow). */
  async casesOf(findingIds: number[]): Promise<(Case & { findingIds: number[] })[]> {
    if (!findingIds.length) return [];
    const rows = await this.db
      .select({ c: cases, findingId: caseFindings.findingId })
      .from(caseFindings)
      .innerJoin(cases, eq(cases.id, caseFindings.caseId))
      .where(inArray(caseFindings.findingId, findingIds));
    const byCase = new Map<number, Case & { findingIds: number[] }>();
    for (const row of rows) {
      const entry = byCase.get(row.c.id) ?? { ...row.c, findingIds: [] };
      entry.findingIds.push(row.findingId);
      byCase.set(row.c.id, entry);
    }
    return [...byCase.values()].sort((a, b) => b.id - a.id);
  }
}
