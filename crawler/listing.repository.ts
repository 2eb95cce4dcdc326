import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { evidence, listingImages, listings, type Evidence, type Listing, type ListingImage } from './crawler.schema.ts';

export type ListingInput = Omit<typeof listings.$inferInsert, 'id' | 'firstSeenAt' | 'lastSeenAt'>;

export interface UpsertResult {
  listing: Listing;
  /** True when the listing is new or its extracted content changed: it needs matching. */
  changed: boolean;
}

/** Listings and their evidence; the matcher and the API read them only through this class. */
export class ListingRepository {
  constructor(private readonly db: Database) {}

  /** Keyed by canonical URL: a recrawl updates last_seen and never duplicates a listing. */
  async upsert(input: ListingInput, seenAt: Date): Promise<UpsertResult> {
    return this.db.transaction(async (tx) => {
      const [existing] = await tx.select().from(listings).where(eq(listings.url, input.url)).for('update');
      if (!existing) {
        const [row] = await tx.insert(listings).values({ ...input, firstSeenAt: seenAt, lastSeenAt: seenAt }).returning();
        return { listing: row!, changed: true };
      }
      const changed = existing.contentHash !== input.contentHash;
      const [row] = await tx
        .update(listings)
        .set(changed ? { ...input, lastSeenAt: seenAt } : { lastSeenAt: seenAt })
        .where(eq(listings.id, existing.id))
        .returning();
      return { listing: row!, changed };
    });
  }

  async get(id: number): Promise<Listing | undefined> {
    const [row] = await this.db.select().from(listings).where(eq(listings.id, id));
    return row;
  }

  async getMany(ids: number[]): Promise<Map<number, Listing>> {
    if (!ids.length) return new Map();
    const rows = await this.db.select().from(listings).where(inArray(listings.id, ids));
    return new Map(rows.map((r) => [r.id, r]));
  }

  async list(options: { sourceId?: number; limit?: number; offset?: number } = {}): Promise<Listing[]> {
    return this.db
      .select()
      .from(listings)
      .where(options.sourceId !== undefined ? eq(listings.sourceId, options.sourceId) : undefined)
      .orderBy(desc(listings.lastSeenAt), desc(listings.id))
      .limit(options.limit ?? 100)
      .offset(options.offset ?? 0);
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(listings);
    return row?.n ?? 0;
  }

  async upsertImage(image: Omit<typeof listingImages.$inferInsert, 'id'>): Promise<ListingImage> {
    const [row] = await this.db
      .insert(listingImages)
      .values(image)
      .onConflictDoUpdate({
        target: [listingImages.listingId, listingImages.url],
        set: {
          position: sql`excluded.position`,
          // A failed re-download keeps the bytes an earlier crawl stored: evidence is never dropped.
          blobKey: sql`coalesce(excluded.blob_key, ${listingImages.blobKey})`,
          sha256: sql`coalesce(excluded.sha256, ${listingImages.sha256})`,
          mime: sql`coalesce(excluded.mime, ${listingImages.mime})`,
          bytes: sql`coalesce(excluded.bytes, ${listingImages.bytes})`,
          error: sql`excluded.error`,
          fetchedAt: sql`excluded.fetched_at`,
        },
      })
      .returning();
    return row!;
  }

  async images(listingId: number): Promise<ListingImage[]> {
    return this.db.select().from(listingImages).where(eq(listingImages.listingId, listingId)).orderBy(asc(listingImages.position));
  }

  async getImage(id: number): Promise<ListingImage | undefined> {
    const [row] = await this.db.select().from(listingImages).where(eq(listingImages.id, id));
    return row;
  }

  async addEvidence(row: Omit<typeof evidence.$inferInsert, 'id'>): Promise<Evidence> {
    const [inserted] = await this.db.insert(evidence).values(row).returning();
    return inserted!;
  }

  async evidenceOf(listingId: number): Promise<Evidence[]> {
    return this.db.select().from(evidence).where(eq(evidence.listingId, listingId)).orderBy(desc(evidence.capturedAt));
  }

  async getEvidence(id: number): Promise<Evidence | undefined> {
    const [row] = await this.db.select().from(evidence).where(and(eq(evidence.id, id)));
    return row;
  }
}
