import { AuditRepository } from '../../core/audit/audit.repository.ts';
import type { Database } from '../../core/database/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/errors.ts';
import type { ListingRepository } from '../../crawler/listing.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import type { Finding, FindingStatus } from '../../matcher/matcher.schema.ts';
import type { AccessPolicy } from '../access/access.policy.ts';
import type { SessionUser } from '../app.types.ts';
import { ReviewRepository } from '../review.repository.ts';

export const reviewDecisions = ['confirmed', 'dismissed'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
/** Review only decides between suspicion states; later states belong to the takedown workflow. */
const reviewable: FindingStatus[] = ['new', 'confirmed', 'dismissed'];

export type BulkAction = { action: 'confirm' } | { action: 'dismiss'; reason: string } | { action: 'assign'; assigneeId: number | null };

export interface BulkResult {
  changed: number[];
  /** Already in the asked state (or already assigned so): nothing to do. */
  unchanged: number[];
}

export interface FindingReviewDeps {
  db: Database;
  listings: ListingRepository;
  access: AccessPolicy;
  now: () => Date;
}

/**
 * Officers' decisions on findings: confirm, dismiss with a reason, assign, comment, and the same for a
 * selection at once. Each change, its review row and its audit event commit together or not at all.
 */
export class FindingReviewService {
  constructor(private readonly deps: FindingReviewDeps) {}

  async review(user: SessionUser, id: number, decision: ReviewDecision, note: string | undefined): Promise<Finding> {
    const reason = note?.trim() || undefined;
    if (decision === 'dismissed' && !reason) throw new ValidationError('a dismissal needs a reason');
    const current = await this.deps.access.visibleFinding(user, id);
    if (current.status === decision) throw new ConflictError(`finding ${id} is already ${decision}`);
    const hashes = await this.contentHashes([current]);
    return this.inTransaction(async (tx) => (await this.decide(tx, user, current, decision, reason, hashes, false))!);
  }

  async assign(user: SessionUser, id: number, assigneeId: number | null): Promise<Finding> {
    const current = await this.deps.access.visibleFinding(user, id);
    await this.assertOfficer(assigneeId);
    return this.inTransaction(async (tx) => (await this.assignOne(tx, user, current, assigneeId, false))!);
  }

  async comment(user: SessionUser, id: number, body: string): Promise<void> {
    await this.deps.access.visibleFinding(user, id);
    const text = body.trim();
    if (!text) throw new ValidationError('a comment cannot be empty');
    await this.inTransaction(async (tx) => {
      const row = await tx.reviews.addComment({ findingId: id, userId: user.id, body: text, createdAt: this.deps.now() });
      await tx.audit(user, 'finding.comment', id, null, { commentId: row.id, body: text });
    });
  }

  /**
   * All or nothing: an id the user cannot see (or that does not exist) is a 404 and a finding past
   * review a 409, and then none of the selection changes.
   */
  async bulk(user: SessionUser, ids: number[], action: BulkAction): Promise<BulkResult> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map((id) => this.deps.access.visibleFinding(user, id)));
    if (action.action === 'assign') await this.assertOfficer(action.assigneeId);
    const hashes = action.action === 'dismiss' ? await this.contentHashes(found) : new Map<number, string>();
    return this.inTransaction(async (tx) => {
      const result: BulkResult = { changed: [], unchanged: [] };
      for (const finding of found) {
        const updated =
          action.action === 'assign'
            ? await this.assignOne(tx, user, finding, action.assigneeId, true)
            : await this.decide(tx, user, finding, action.action === 'confirm' ? 'confirmed' : 'dismissed', action.action === 'dismiss' ? action.reason : undefined, hashes, true);
        (updated ? result.changed : result.unchanged).push(finding.id);
      }
      return result;
    });
  }

  /** undefined: nothing to do (already so, in a bulk action). */
  /** Read before the transaction opens: PGlite has one connection, a read beside an open transaction would wait for it. */
  private async contentHashes(findings: Finding[]): Promise<Map<number, string>> {
    const listings = await this.deps.listings.getMany([...new Set(findings.map((f) => f.listingId))]);
    return new Map([...listings].map(([id, l]) => [id, l.contentHash]));
  }

  private async decide(tx: Tx, user: SessionUser, current: Finding, decision: ReviewDecision, reason: string | undefined, hashes: Map<number, string>, bulk: boolean): Promise<Finding | undefined> {
    const id = current.id;
    if (!reviewable.includes(current.status)) throw new ConflictError(`finding ${id} is ${current.status}; it is past review`);
    if (current.status === decision) return undefined;
    const now = this.deps.now();
    // What the reviewer saw: the finding stays dismissed until the listing's content changes (FindingWriter).
    const contentHash = decision === 'dismissed' ? (hashes.get(current.listingId) ?? current.contentHash) : null;
    const updated = await tx.findings.setStatus(id, current.status, decision, user.id, now, reason ? { reason, contentHash } : undefined);
    if (!updated) throw new ConflictError(`finding ${id} was changed by someone else; reload and try again`);
    await tx.reviews.add({ findingId: id, userId: user.id, fromStatus: current.status, toStatus: decision, note: reason ?? null, createdAt: now });
    await tx.audit(user, decision === 'confirmed' ? 'finding.confirm' : 'finding.dismiss', id, { status: current.status }, { status: decision, reason: reason ?? null, ...(bulk ? { bulk: true } : {}) });
    return updated;
  }

  private async assignOne(tx: Tx, user: SessionUser, current: Finding, assigneeId: number | null, bulk: boolean): Promise<Finding | undefined> {
    if (current.assigneeId === assigneeId) {
      if (bulk) return undefined;
      return current;
    }
    const updated = await tx.findings.assign(current.id, assigneeId, this.deps.now());
    if (!updated) throw new NotFoundError(`finding ${current.id} not found`);
    await tx.audit(user, 'finding.assign', current.id, { assigneeId: current.assigneeId }, { assigneeId, ...(bulk ? { bulk: true } : {}) });
    return updated;
  }

  private async assertOfficer(assigneeId: number | null): Promise<void> {
    if (assigneeId === null) return;
    const officers = await new ReviewRepository(this.deps.db).officers();
    if (!officers.some((o) => o.id === assigneeId)) throw new ValidationError(`user ${assigneeId} is not an active officer`);
  }

  private inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.deps.db.transaction(async (raw) => {
      const db = raw as unknown as Database;
      const audit = new AuditRepository(db, this.deps.now);
      return work({
        findings: new FindingRepository(db),
        reviews: new ReviewRepository(db),
        // Recorded inside the same transaction as the change it describes.
        audit: (user, action, id, before, after) => audit.record(raw, { actor: { userId: user.id, label: user.email }, action, entity: { type: 'finding', id }, before, after }),
      });
    });
  }
}

interface Tx {
  findings: FindingRepository;
  reviews: ReviewRepository;
  audit(user: SessionUser, action: string, findingId: number, before: unknown, after: unknown): Promise<void>;
}
