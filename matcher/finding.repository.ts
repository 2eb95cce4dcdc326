import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
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

/** Findings are written by the matcher; the API reads and reviews them only through this class. */
export class FindingRepository {
  constructor(private readonly db: Database) {}

  /**
   * One finding per (listing, work) or (listing, mark): a rematch refreshes score and signals but keeps
   * the review status. Exactly one of workId and markId is given (the table's CHECK enforces it too).
   */
  async upsert(input: { listingId: number; workId?: number | null; markId?: number | null; score: number; signals: Signal[] }, now: Date): Promise<Finding> {
    const markId = input.markId ?? null;
    const [row] = await this.db
      .insert(findings)
      .values({ ...input, workId: input.workId ?? null, markId, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: markId !== null ? [findings.listingId, findings.markId] : [findings.listingId, findings.workId],
        set: { score: sql`excluded.score`, signals: sql`excluded.signals`, updatedAt: now },
      })
      .returning();
    return row!;
  }

  async get(id: number): Promise<Finding | undefined> {
    const [row] = await this.db.select().from(findings).where(eq(findings.id, id));
    return row;
  }

  async list(filter: FindingFilter = {}): Promise<Finding[]> {
    const where = [];
    if (filter.workIds || filter.markIds) {
      const scope = [];
      if (filter.workIds?.length) scope.push(inArray(findings.workId, filter.workIds));
      if (filter.markIds?.length) scope.push(inArray(findings.markId, filter.markIds));
      if (!scope.length) return [];
      where.push(scope.length === 1 ? scope[0]! : or(...scope)!);
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

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db.select({ status: findings.status, n: sql<number>`count(*)::int` }).from(findings).groupBy(findings.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Compare-and-set: two reviewers acting at once cannot both move the same finding. */
  async setStatus(id: number, from: FindingStatus, to: FindingStatus, reviewerId: number, now: Date): Promise<Finding | undefined> {
    const [row] = await this.db
      .update(findings)
      .set({ status: to, reviewerId, reviewedAt: now, updatedAt: now })
      .where(and(eq(findings.id, id), eq(findings.status, from)))
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
