import { AuditRepository } from '../../core/audit/audit.repository.ts';
import type { Database } from '../../core/database/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/errors.ts';
import { AllowListRepository } from '../../matcher/allow-list.repository.ts';
import { normalizeRuleValue, ruleCovers } from '../../matcher/allow-list.rules.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import { ALLOW_LISTED } from '../../matcher/finding.writer.ts';
import type { AllowRule, AllowRuleKind } from '../../matcher/matcher.schema.ts';
import type { WorkRepository } from '../../fingerprints/work.repository.ts';
import type { AccessPolicy } from '../access/access.policy.ts';
import type { SessionUser } from '../app.types.ts';

export interface NewRuleInput {
  workId?: number | undefined;
  markId?: number | undefined;
  kind: AllowRuleKind;
  value: string;
  note?: string | undefined;
}

export interface AllowListDeps {
  db: Database;
  works: WorkRepository;
  access: AccessPolicy;
  now: () => Date;
}

/**
 * Suppression rules per work or mark. Adding one dismisses the subject's open ('new') findings it
 * covers as 'allow-listed'; removing one reopens the findings it dismissed. Decided findings
 * (confirmed and later) are left to the officers. Every change is in the audit log.
 */
export class AllowListService {
  constructor(private readonly deps: AllowListDeps) {}

  /** Rights holders see the rules of their own works and marks; officers and inspectors all. */
  async list(user: SessionUser): Promise<AllowRule[]> {
    return new AllowListRepository(this.deps.db).list(await this.deps.access.findingScope(user));
  }

  async add(user: SessionUser, input: NewRuleInput): Promise<{ rule: AllowRule; dismissed: number[] }> {
    if ((input.workId === undefined) === (input.markId === undefined)) throw new ValidationError('give exactly one of workId and markId');
    const value = normalizeRuleValue(input.kind, input.value);
    if (!value) throw new ValidationError(`"${input.value.slice(0, 100)}" is not a valid ${input.kind}`);
    const subject = { workId: input.workId ?? null, markId: input.markId ?? null };
    const visible = await this.deps.access.canSeeSubject(user, subject);
    if (!visible || !(await this.subjectExists(subject))) throw new NotFoundError(`${input.workId ? `work ${input.workId}` : `mark ${input.markId}`} not found`);
    const now = this.deps.now();
    return this.deps.db.transaction(async (raw) => {
      const db = raw as unknown as Database;
      const rules = new AllowListRepository(db);
      if (await rules.find({ ...subject, kind: input.kind, value })) throw new ConflictError('this rule exists already');
      const rule = await rules.add({ ...subject, kind: input.kind, value, note: input.note?.trim() || null, createdBy: user.id, createdAt: now });
      const audit = new AuditRepository(db, this.deps.now);
      const actor = { userId: user.id, label: user.email };
      await audit.record(raw, { actor, action: 'allow-rule.create', entity: { type: 'allow-rule', id: rule.id }, after: rule });
      const findings = new FindingRepository(db);
      const dismissed: number[] = [];
      for (const { finding, listing } of await findings.openOfSubject(subject)) {
        if (!ruleCovers(rule, listing)) continue;
        const updated = await findings.upsert(
          { listingId: finding.listingId, workId: finding.workId, markId: finding.markId, score: finding.score, signals: finding.signals, contentHash: finding.contentHash ?? listing.contentHash,
            state: { status: 'dismissed', dismissReason: ALLOW_LISTED, dismissedContentHash: listing.contentHash, allowRuleId: rule.id, reviewerId: user.id, reviewedAt: now } },
          now,
        );
        dismissed.push(updated.id);
        await audit.record(raw, { actor, action: 'finding.allow-listed', entity: { type: 'finding', id: updated.id }, before: { status: finding.status }, after: { status: 'dismissed', rule: rule.id } });
      }
      return { rule, dismissed };
    });
  }

  async remove(user: SessionUser, id: number): Promise<{ reopened: number[] }> {
    const rule = await new AllowListRepository(this.deps.db).get(id);
    if (!rule || !(await this.deps.access.canSeeSubject(user, rule))) throw new NotFoundError(`allow rule ${id} not found`);
    const now = this.deps.now();
    return this.deps.db.transaction(async (raw) => {
      const db = raw as unknown as Database;
      const findings = new FindingRepository(db);
      const audit = new AuditRepository(db, this.deps.now);
      const actor = { userId: user.id, label: user.email };
      const reopened: number[] = [];
      for (const finding of await findings.dismissedByRule(id)) {
        if (!(await findings.reopen(finding.id, now))) continue;
        reopened.push(finding.id);
        await audit.record(raw, { actor, action: 'finding.reopened', entity: { type: 'finding', id: finding.id }, before: { status: 'dismissed', rule: id }, after: { status: 'new', reason: 'allow rule removed' } });
      }
      await new AllowListRepository(db).remove(id);
      await audit.record(raw, { actor, action: 'allow-rule.delete', entity: { type: 'allow-rule', id }, before: rule });
      return { reopened };
    });
  }

  private async subjectExists(subject: { workId: number | null; markId: number | null }): Promise<boolean> {
    return subject.workId !== null ? !!(await this.deps.works.get(subject.workId)) : !!(await this.deps.works.getMark(subject.markId!));
  }
}
