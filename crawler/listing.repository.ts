import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { evidence, listingEvents, listingImages, listings, type Evidence, type Listing, type ListingEvent, type ListingImage, type ListingSnapshot } from './crawler.schema.ts';
import { diffSnapshots, snapshotOf } from './listing.history.ts';

export type ListingInput = Omit<typeof listings.$inferInsert, 'id' | 'firstSeenAt' | 'lastSeenAt' | 'status' | 'removedAt' | 'searchFolded'>;

export interface UpsertResult {
  listing: Listing;
  /** True when the listing is new, its extracted content changed or it came back after a removal: it needs matching. */
  changed: boolean;
  /** The history event this capture wrote (first_seen, changed, reappeared); undefined when nothing moved. */
  event?: ListingEvent | undefined;
}

/** What a capture adds to the row for the history: which run, the image URLs shown. */
export interface CaptureInfo {
  runId?: number | null | undefined;
  images?: string[] | undefined;
}

export interface RemovalResult {
  listing: Listing;
  /** False when the listing was already marked removed: a second 404 writes nothing. */
  newlyRemoved: boolean;
}

/** Listings and their evidence; the matcher and the API read them only through this class. */
export class ListingRepository {
  constructor(private readonly db: Database) {}

  /**
   * Keyed by canonical URL: a recrawl updates last_seen and never duplicates a listing. Each capture that
   * shows something new (first sight, a changed field, a return after removal) writes one history event.
   */
  async upsert(given: ListingInput, seenAt: Date, capture: CaptureInfo = {}): Promise<UpsertResult> {
    // PostgreSQL computes search_folded itself and refuses any value for it; a caller may hand back a row it read.
    const { searchFolded: _generated, ...input } = given as ListingInput & { searchFolded?: unknown };
    return this.db.transaction(async (tx) => {
      const [existing] = await tx.select().from(listings).where(eq(listings.url, input.url)).for('update');
      const snapshot = snapshotOf({ ...input, images: capture.images });
      const runId = capture.runId ?? null;
      if (!existing) {
        const [row] = await tx.insert(listings).values({ ...input, firstSeenAt: seenAt, lastSeenAt: seenAt }).returning();
        const [event] = await tx.insert(listingEvents).values({ listingId: row!.id, runId, kind: 'first_seen', at: seenAt, snapshot }).returning();
        return { listing: row!, changed: true, event };
      }
      const [previous] = await tx
        .select({ snapshot: listingEvents.snapshot })
        .from(listingEvents)
        .where(and(eq(listingEvents.listingId, existing.id), isNotNull(listingEvents.snapshot)))
        .orderBy(desc(listingEvents.at), desc(listingEvents.id))
        .limit(1);
      // Rows from before the history existed have no snapshot; their images were never recorded as a list.
      const before: ListingSnapshot = previous?.snapshot ?? { ...snapshotOf({ ...existing, images: snapshot.images }) };
      const changes = diffSnapshots(before, snapshot);
      const returned = existing.status === 'removed';
      const hashChanged = existing.contentHash !== input.contentHash;
      const [row] = await tx
        .update(listings)
        .set({
          ...(hashChanged ? input : {}),
          ...(input.availability !== undefined && input.availability !== null ? { availability: input.availability } : {}),
          // Contact details are outside the content hash: newly shown ones are kept, a page hiding them keeps the old.
          ...(input.sellerPhone ? { sellerPhone: input.sellerPhone } : {}),
          ...(input.sellerAddress ? { sellerAddress: input.sellerAddress } : {}),
          lastSeenAt: seenAt,
          status: 'active',
          removedAt: null,
        })
        .where(eq(listings.id, existing.id))
        .returning();
      let event: ListingEvent | undefined;
      if (returned || changes.length) {
        [event] = await tx.insert(listingEvents).values({ listingId: existing.id, runId, kind: returned ? 'reappeared' : 'changed', at: seenAt, changes, snapshot }).returning();
      }
      return { listing: row!, changed: hashChanged || returned, event };
    });
  }

  /**
   * The page of a known listing answered 404/410 or "product not found": the takedown worked, for now.
   * Unknown URLs are ignored (nothing was ever listed there); a listing already removed is left alone.
   */
  async markRemoved(url: string, at: Date, options: { runId?: number | null; reason: string }): Promise<RemovalResult | undefined> {
    return this.db.transaction(async (tx) => {
      const [existing] = await tx.select().from(listings).where(eq(listings.url, url)).for('update');
      if (!existing) return undefined;
      if (existing.status === 'removed') return { listing: existing, newlyRemoved: false };
      const [row] = await tx.update(listings).set({ status: 'removed', removedAt: at }).where(eq(listings.id, existing.id)).returning();
      await tx.insert(listingEvents).values({ listingId: existing.id, runId: options.runId ?? null, kind: 'removed', at, reason: options.reason.slice(0, 500) });
      return { listing: row!, newlyRemoved: true };
    });
  }

  /** Everything that happened to a listing, oldest first: what the officer reads to see a takedown undone. */
  async history(listingId: number): Promise<ListingEvent[]> {
    return this.db.select().from(listingEvents).where(eq(listingEvents.listingId, listingId)).orderBy(asc(listingEvents.at), asc(listingEvents.id));
  }

  /** Listings that came back after being removed at least once (the ones an officer follows up). */
  async reappeared(options: { limit?: number } = {}): Promise<Listing[]> {
    const ids = this.db.selectDistinct({ id: listingEvents.listingId }).from(listingEvents).where(eq(listingEvents.kind, 'reappeared'));
    return this.db
      .select()
      .from(listings)
      .where(inArray(listings.id, ids))
      .orderBy(desc(listings.lastSeenAt))
      .limit(options.limit ?? 100);
  }

  /** Canonical URLs already known for a source, so a scheduled run can revisit them and notice removals. */
  async knownUrls(sourceId: number, limit = 10_000): Promise<string[]> {
    const rows = await this.db.select({ url: listings.url }).from(listings).where(eq(listings.sourceId, sourceId)).orderBy(desc(listings.lastSeenAt)).limit(limit);
    return rows.map((r) => r.url);
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

  /** Listing ids after `afterId`, ascending: the matcher re-matches stored listings in such batches. */
  async idsAfter(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.db.select({ id: listings.id }).from(listings).where(gt(listings.id, afterId)).orderBy(asc(listings.id)).limit(limit);
    return rows.map((r) => r.id);
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

  /** The listing at `url` if this run already captured it (a run resumed after its worker died). */
  async capturedInRun(runId: number, url: string): Promise<{ listingId: number; evidenceId: number } | undefined> {
    const [row] = await this.db
      .select({ listingId: listings.id, evidenceId: evidence.id })
      .from(evidence)
      .innerJoin(listings, eq(listings.id, evidence.listingId))
      .where(and(eq(evidence.runId, runId), eq(listings.url, url)))
      .limit(1);
    return row;
  }

  async evidenceOf(listingId: number): Promise<Evidence[]> {
    return this.db.select().from(evidence).where(eq(evidence.listingId, listingId)).orderBy(desc(evidence.capturedAt));
  }

  async getEvidence(id: number): Promise<Evidence | undefined> {
    const [row] = await this.db.select().from(evidence).where(and(eq(evidence.id, id)));
    return row;
  }
}
