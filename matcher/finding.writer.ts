import { AuditRepository } from '../core/audit/audit.repository.ts';
import type { Database } from '../core/database/database.ts';
import type { Listing } from '../crawler/crawler.schema.ts';
import { AllowListRepository } from './allow-list.repository.ts';
import { coveringRule } from './allow-list.rules.ts';
import { FindingRepository, type FindingWrite } from './finding.repository.ts';
import type { Finding } from './matcher.schema.ts';

export const ALLOW_LISTED = 'allow-listed';
const MATCHER_ACTOR = { userId: null, label: 'matcher' };

/**
 * Writes the matcher's findings for one listing with the review rules that apply to a rewrite:
 * a listing an allow rule of the subject covers is written dismissed ('allow-listed'); a dismissed
 * finding stays dismissed on a rematch unless the listing's content changed since it was dismissed,
 * when it is back to 'new'. Either change of status is recorded in the audit log with the write.
 */
export class FindingWriter {
  private readonly findings: FindingRepository;
  private readonly rules: AllowListRepository;

  constructor(
    private readonly db: Database,
    private readonly audit = new AuditRepository(db),
  ) {
    this.findings = new FindingRepository(db);
    this.rules = new AllowListRepository(db);
  }

  async write(listing: Listing, writes: Omit<FindingWrite, 'listingId' | 'contentHash' | 'state'>[], now: Date): Promise<Finding[]> {
    if (!writes.length) return [];
    const rules = await this.rules.forSubjects(
      writes.flatMap((w) => (w.workId != null ? [w.workId] : [])),
      writes.flatMap((w) => (w.markId != null ? [w.markId] : [])),
    );
    const out: Finding[] = [];
    for (const w of writes) {
      const input: FindingWrite = { ...w, listingId: listing.id, contentHash: listing.contentHash };
      const rule = coveringRule(rules.get(w.markId != null ? `m${w.markId}` : `w${w.workId}`) ?? [], listing);
      const existing = await this.findings.ofSubject(listing.id, w);
      if (rule && (!existing || existing.status === 'new')) {
        input.state = { status: 'dismissed', dismissReason: ALLOW_LISTED, dismissedContentHash: listing.contentHash, allowRuleId: rule.id, reviewerId: null, reviewedAt: now };
        out.push(await this.changeStatus(input, now, existing, 'finding.allow-listed', { rule: rule.id, kind: rule.kind, value: rule.value }));
      } else if (!rule && existing?.status === 'dismissed' && existing.dismissedContentHash !== null && existing.dismissedContentHash !== listing.contentHash) {
        input.state = { status: 'new', dismissReason: null, dismissedContentHash: null, allowRuleId: null, reviewerId: null, reviewedAt: null };
        out.push(await this.changeStatus(input, now, existing, 'finding.reopened', { reason: 'listing content changed', contentHash: listing.contentHash }));
      } else {
        out.push(await this.findings.upsert(input, now));
      }
    }
    return out;
  }

  private changeStatus(input: FindingWrite, now: Date, before: Finding | undefined, action: string, detail: object): Promise<Finding> {
    return this.db.transaction(async (tx) => {
      const txDb = tx as unknown as Database;
      const row = await new FindingRepository(txDb).upsert(input, now);
      await this.audit.record(tx, {
        actor: MATCHER_ACTOR,
        action,
        entity: { type: 'finding', id: row.id },
        before: before ? { status: before.status } : null,
        after: { status: row.status, ...detail },
      });
      return row;
    });
  }
}
