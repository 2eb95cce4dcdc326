import { and, desc, inArray } from 'drizzle-orm';
import type { Database } from '../../core/database/database.ts';
import { findings, type Finding, type FindingStatus } from '../../matcher/matcher.schema.ts';

/**
 * The takedown half of a finding's life (notice_sent → removed / not_removed) belongs to cases, not to
 * review: these writes leave the reviewer and review time alone. Kept beside the cases so the matcher's
 * FindingRepository, being reworked for the review queue, is not touched; it may move there later.
 */
export class FindingWorkflowRepository {
  constructor(private readonly db: Database) {}

  async getMany(ids: readonly number[]): Promise<Finding[]> {
    if (!ids.length) return [];
    return this.db.select().from(findings).where(inArray(findings.id, [...ids]));
  }

  /** Candidates for grouping a case by seller, platform or work: newest first, bounded. */
  async withStatus(statuses: readonly FindingStatus[], limit: number): Promise<Finding[]> {
    return this.db.select().from(findings).where(inArray(findings.status, [...statuses])).orderBy(desc(findings.id)).limit(limit);
  }

  /** Compare-and-set over many: only findings still in one of `from` move; the moved rows come back. */
  async setStatus(ids: readonly number[], from: readonly FindingStatus[], to: FindingStatus, now: Date): Promise<Finding[]> {
    if (!ids.length) return [];
    return this.db
      .update(findings)
      .set({ status: to, updatedAt: now })
      .where(and(inArray(findings.id, [...ids]), inArray(findings.status, [...from])))
      .returning();
  }
}
