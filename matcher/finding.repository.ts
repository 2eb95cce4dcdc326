import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { listings } from '../crawler/crawler.schema.ts';
import { findings, matchRuns, type Finding, type FindingStatus, type Signal } from './matcher.schema.ts';

export interface FindingFilter {
  status?: FindingStatus;
  /**
   * Restricts to these works (a rights holder's own); an empty list yields nothing. With `markIds` too,
   * findings on either (a holder's works and marks); a scope without `markIds` never shows mark findings.
   */
  workIds?: number[];
  markIds?: number[];
  listingId?: number;
  limit?: number;
  /** Keyset cursor: findings older than this (createdAt, id). */
  before?: { createdAt: Date; id: number };
}

/** Kinds of signal the review queue filters on; each is a condition on the finding's signals (jsonb). */
export const signalTypes = ['image', 'pdq', 'orb', 'text', 'title', 'keywords', 'mark', 'ocr'] as const;
export type SignalType = (typeof signalTypes)[number];

export const queueSorts = ['newest', 'oldest', 'score'] as const;
export type QueueSort = (typeof queueSorts)[number];

/** A position in one of the queue's orders: the sort key of the last row seen and its id. */
export type QueueKey = { sort: 'newest' | 'oldest'; createdAt: Date; id: number } | { sort: 'score'; score: number; id: number };

export interface Scope {
  workIds: number[];
  markIds: number[];
}

export interface QueueFilter {
  /** Each scope restricts further (a holder's own subjects, an owner picked in the filter). */
  scopes?: Scope[];
  statuses?: FindingStatus[];
  workId?: number;
  markId?: number;
  platform?: string;
  /** A seller's shop URL, or their name (case-insensitive). */
  seller?: string;
  minScore?: number;
  signal?: SignalType;
  from?: Date;
  to?: Date;
  /** An officer's id, or 'none' for unassigned findings. */
  assignee?: number | 'none';
  sort?: QueueSort;
  after?: QueueKey;
  limit: number;
}

export interface FindingWrite {
  listingId: number;
  workId?: number | null;
  markId?: number | null;
  score: number;
  signals: Signal[];
  /** The listing's content hash this finding was computed from. */
  contentHash?: string | null;
  /** Sets the review state too (an allow-listed or reopened finding); absent: a rematch keeps it. */
  state?: Pick<Finding, 'status' | 'dismissReason' | 'dismissedContentHash' | 'allowRuleId' | 'reviewerId' | 'reviewedAt'>;
}

function signalCondition(type: SignalType): SQL {
  const contains = (o: object) => sql`${findings.signals} @> ${JSON.stringify([o])}::jsonb`;
  switch (type) {
    case 'image': return contains({ kind: 'image' });
    case 'pdq': return contains({ algorithm: 'pdq' });
    case 'orb': return contains({ algorithm: 'orb' });
    case 'text': return contains({ algorithm: 'text-shingles' });
    case 'title': return contains({ algorithm: 'title-words' });
    case 'keywords': return contains({ algorithm: 'keywords' });
    case 'mark': return contains({ algorithm: 'mark-name' });
    // OCR fields are named "image N (OCR)" by the OCR stage.
    case 'ocr': return sql`jsonb_path_exists(${findings.signals}, '$[*].spans[*].field ? (@ like_regex "[(]OCR[)]$")')`;
  }
}

function scopeCondition(scope: Scope): SQL | undefined {
  const parts = [];
  if (scope.workIds.length) parts.push(inArray(findings.workId, scope.workIds));
  if (scope.markIds.length) parts.push(inArray(findings.markId, scope.markIds));
  return parts.length ? or(...parts) : undefined;
}

/** Findings are written by the matcher; the API reads and reviews them only through this class. */
export class FindingRepository {
  constructor(private readonly db: Database) {}

  /**
   * One finding per (listing, work) or (listing, mark): a rematch refreshes score and signals but keeps
   * the review status unless `state` is given. Exactly one of workId and markId is given (CHECK too).
   */
  async upsert(input: FindingWrite, now: Date): Promise<Finding> {
    const markId = input.markId ?? null;
    const { state, ...values } = input;
    // Every writer gets the listing's platform, read in the same statement (the review queue filters on it).
    const platform = sql`(select ${listings.platform} from ${listings} where ${listings.id} = ${input.listingId})`;
    const [row] = await this.db
      .insert(findings)
      .values({ ...values, ...state, workId: input.workId ?? null, markId, platform, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: markId !== null ? [findings.listingId, findings.markId] : [findings.listingId, findings.workId],
        set: { score: sql`excluded.score`, signals: sql`excluded.signals`, contentHash: sql`excluded.content_hash`, platform: sql`excluded.platform`, updatedAt: now, ...state },
      })
      .returning();
    return row!;
  }

  async get(id: number): Promise<Finding | undefined> {
    const [row] = await this.db.select().from(findings).where(eq(findings.id, id));
    return row;
  }

  async getMany(ids: number[]): Promise<Finding[]> {
    if (!ids.length) return [];
    return this.db.select().from(findings).where(inArray(findings.id, ids)).orderBy(asc(findings.id));
  }

  async ofListings(listingIds: number[]): Promise<Finding[]> {
    if (!listingIds.length) return [];
    return this.db.select().from(findings).where(inArray(findings.listingId, listingIds)).orderBy(desc(findings.createdAt), desc(findings.id)).limit(2000);
  }

  async ofSubject(listingId: number, subject: { workId?: number | null; markId?: number | null }): Promise<Finding | undefined> {
    const [row] = await this.db
      .select()
      .from(findings)
      .where(and(eq(findings.listingId, listingId), subject.markId != null ? eq(findings.markId, subject.markId) : eq(findings.workId, subject.workId!)));
    return row;
  }

  async list(filter: FindingFilter = {}): Promise<Finding[]> {
    const where = [];
    if (filter.workIds || filter.markIds) {
      const scope = scopeCondition({ workIds: filter.workIds ?? [], markIds: filter.markIds ?? [] });
      if (!scope) return [];
      where.push(scope);
    }
    if (filter.status) where.push(eq(findings.status, filter.status));
    if (filter.listingId !== undefined) where.push(eq(findings.listingId, filter.listingId));
    if (filter.before) {
      where.push(or(lt(findings.createdAt, filter.before.createdAt), and(eq(findings.createdAt, filter.before.createdAt), lt(findings.id, filter.before.id))));
    }
    return this.db
      .select()
      .from(findings)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(findings.createdAt), desc(findings.id))
      .limit(filter.limit ?? 100);
  }

  /**
   * The review queue: every filter is a plain condition on findings (platform and seller a semi-join on
   * the listing), ordered by one of the keyset orders that findings_*_id_idx serve, so a page costs the
   * same on the first and the thousandth page.
   */
  async queue(filter: QueueFilter): Promise<Finding[]> {
    const where: SQL[] = [];
    for (const scope of filter.scopes ?? []) {
      const condition = scopeCondition(scope);
      if (!condition) return [];
      where.push(condition);
    }
    if (filter.statuses?.length) where.push(filter.statuses.length === 1 ? eq(findings.status, filter.statuses[0]!) : inArray(findings.status, filter.statuses));
    if (filter.workId !== undefined) where.push(eq(findings.workId, filter.workId));
    if (filter.markId !== undefined) where.push(eq(findings.markId, filter.markId));
    if (filter.minScore !== undefined) where.push(sql`${findings.score} >= ${filter.minScore}::real`);
    if (filter.from) where.push(gte(findings.createdAt, filter.from));
    if (filter.to) where.push(lte(findings.createdAt, filter.to));
    if (filter.assignee === 'none') where.push(sql`${findings.assigneeId} is null`);
    else if (filter.assignee !== undefined) where.push(eq(findings.assigneeId, filter.assignee));
    if (filter.signal) where.push(signalCondition(filter.signal));
    // The platform is on the finding itself (its own indexes); the seller is a semi-join on the listing.
    if (filter.platform !== undefined) where.push(eq(findings.platform, filter.platform));
    if (filter.seller !== undefined) {
      const seller = or(eq(listings.sellerUrl, filter.seller), sql`lower(${listings.sellerName}) = lower(${filter.seller})`)!;
      // EXISTS, not IN: walking an order's index, each candidate costs one primary-key probe of its listing.
      where.push(sql`exists (select 1 from ${listings} where ${listings.id} = ${findings.listingId} and ${seller})`);
    }
    const sort = filter.sort ?? 'newest';
    const after = filter.after;
    if (after && after.sort !== sort) throw new Error('cursor of another order');
    if (after?.sort === 'score') where.push(sql`(${findings.score}, ${findings.id}) < (${after.score}::real, ${after.id})`);
    else if (after?.sort === 'newest') where.push(sql`(${findings.createdAt}, ${findings.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id})`);
    else if (after?.sort === 'oldest') where.push(sql`(${findings.createdAt}, ${findings.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id})`);
    const order =
      sort === 'score' ? [desc(findings.score), desc(findings.id)] : sort === 'oldest' ? [asc(findings.createdAt), asc(findings.id)] : [desc(findings.createdAt), desc(findings.id)];
    return this.db
      .select()
      .from(findings)
      .where(where.length ? and(...where) : undefined)
      .orderBy(...order)
      .limit(filter.limit);
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db.select({ status: findings.status, n: sql<number>`count(*)::int` }).from(findings).groupBy(findings.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Compare-and-set: two reviewers acting at once cannot both move the same finding. */
  async setStatus(
    id: number,
    from: FindingStatus,
    to: FindingStatus,
    reviewerId: number,
    now: Date,
    dismissal?: { reason: string; contentHash: string | null },
  ): Promise<Finding | undefined> {
    const [row] = await this.db
      .update(findings)
      .set({
        status: to,
        reviewerId,
        reviewedAt: now,
        updatedAt: now,
        dismissReason: to === 'dismissed' ? (dismissal?.reason ?? null) : null,
        dismissedContentHash: to === 'dismissed' ? (dismissal?.contentHash ?? null) : null,
        allowRuleId: null,
      })
      .where(and(eq(findings.id, id), eq(findings.status, from)))
      .returning();
    return row;
  }

  async assign(id: number, assigneeId: number | null, now: Date): Promise<Finding | undefined> {
    const [row] = await this.db.update(findings).set({ assigneeId, updatedAt: now }).where(eq(findings.id, id)).returning();
    return row;
  }

  /** Open findings of a work or mark with their listing, for applying a new allow rule to them. */
  async openOfSubject(subject: { workId?: number | null; markId?: number | null }): Promise<{ finding: Finding; listing: typeof listings.$inferSelect }[]> {
    return this.db
      .select({ finding: findings, listing: listings })
      .from(findings)
      .innerJoin(listings, eq(listings.id, findings.listingId))
      .where(and(eq(findings.status, 'new'), subject.markId != null ? eq(findings.markId, subject.markId) : eq(findings.workId, subject.workId!)));
  }

  /** Findings an allow rule dismissed and that are still in that state. */
  async dismissedByRule(ruleId: number): Promise<Finding[]> {
    return this.db.select().from(findings).where(and(eq(findings.allowRuleId, ruleId), eq(findings.status, 'dismissed')));
  }

  /** Back to 'new' (a rule removed, a dismissed listing changed): compare-and-set on 'dismissed'. */
  async reopen(id: number, now: Date): Promise<Finding | undefined> {
    const [row] = await this.db
      .update(findings)
      .set({ status: 'new', reviewerId: null, reviewedAt: null, dismissReason: null, dismissedContentHash: null, allowRuleId: null, updatedAt: now })
      .where(and(eq(findings.id, id), eq(findings.status, 'dismissed')))
      .returning();
    return row;
  }

  /**
   * Claims (listing, content hash) for one matcher process; false when another already matched it.
   * This is what makes "every listing matched exactly once" hold across processes.
   */
  async claimMatch(listingId: number, contentHash: string, worker: string): Promise<number | undefined> {
    const [row] = await this.db
      .insert(matchRuns)
      .values({ listingId, contentHash, worker, durationMs: 0 })
      .onConflictDoNothing()
      .returning({ id: matchRuns.id });
    return row?.id;
  }

  /** A failed attempt gives its claim back so that the queue's retry can match the listing. */
  async releaseMatch(runId: number): Promise<void> {
    await this.db.delete(matchRuns).where(eq(matchRuns.id, runId));
  }

  async finishMatch(runId: number, found: number, durationMs: number): Promise<void> {
    await this.db.update(matchRuns).set({ findings: found, durationMs }).where(eq(matchRuns.id, runId));
  }

  async matchRunsByWorker(): Promise<Record<string, number>> {
    const rows = await this.db.select({ worker: matchRuns.worker, n: sql<number>`count(*)::int` }).from(matchRuns).groupBy(matchRuns.worker);
    return Object.fromEntries(rows.map((r) => [r.worker, r.n]));
  }
}
