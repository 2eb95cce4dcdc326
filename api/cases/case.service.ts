import type { StageContext } from '../../core/context.ts';
import { AuditRepository } from '../../core/audit/audit.repository.ts';
import type { Database } from '../../core/database/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/errors.ts';
import type { Listing } from '../../crawler/crawler.schema.ts';
import type { ListingRepository } from '../../crawler/listing.repository.ts';
import type { WorkRepository } from '../../fingerprints/work.repository.ts';
import type { Finding } from '../../matcher/matcher.schema.ts';
import type { AccessPolicy } from '../access/access.policy.ts';
import type { SessionUser } from '../app.types.ts';
import type { FindingRow } from '../services/finding.service.ts';
import { CaseRepository } from './case.repository.ts';
import type { Case, CaseGrouping, CaseOutcome, CaseStatus, Notice, NoticeListing } from './case.schema.ts';
import { overdueDeadlines } from './deadlines.ts';
import { FindingWorkflowRepository } from './finding-workflow.repository.ts';

export interface CaseServiceDeps {
  ctx: StageContext;
  access: AccessPolicy;
  works: WorkRepository;
  listings: ListingRepository;
}

export interface NoticeView {
  notice: Notice;
  listings: (NoticeListing & { listing: Listing | undefined })[];
  /** A deadline passed and the re-check has not run, or ran and found a listing still online. */
  overdue: boolean;
}

export interface CaseSummary {
  case: Case;
  findingCount: number;
  notices: Notice[];
  overdue: boolean;
}

export interface CaseDetail {
  case: Case;
  findings: FindingRow[];
  notices: NoticeView[];
}

export interface CreateCaseInput {
  groupedBy: CaseGrouping;
  findingIds: number[];
  title?: string | undefined;
}

/** Findings a case may hold: anything an officer has not thrown out. */
const CASEABLE: Finding['status'][] = ['new', 'confirmed', 'notice_sent', 'not_removed', 'removed'];
const MAX_FINDINGS = 500;

export function actor(user: SessionUser) {
  return { userId: user.id, label: user.email };
}

/** Cases: findings grouped by seller, platform or work (or picked by hand), with access as for findings. */
export class CaseService {
  readonly repo: CaseRepository;
  readonly workflow: FindingWorkflowRepository;
  constructor(private readonly deps: CaseServiceDeps) {
    this.repo = new CaseRepository(deps.ctx.db);
    this.workflow = new FindingWorkflowRepository(deps.ctx.db);
  }

  /** Runs `fn` with repositories bound to one transaction, the audit record last (it takes the chain lock). */
  async inTransaction<T>(fn: (tx: { db: Database; repo: CaseRepository; workflow: FindingWorkflowRepository; audit: AuditRepository }) => Promise<T>): Promise<T> {
    return this.deps.ctx.db.transaction(async (raw) => {
      const db = raw as unknown as Database;
      return fn({ db, repo: new CaseRepository(db), workflow: new FindingWorkflowRepository(db), audit: new AuditRepository(db, this.deps.ctx.now) });
    });
  }

  async create(user: SessionUser, input: CreateCaseInput): Promise<Case> {
    const seeds = await this.visibleFindings(user, input.findingIds);
    const ids = input.groupedBy === 'manual' ? seeds.map((f) => f.id) : await this.grouped(input.groupedBy, seeds);
    const findings = await this.workflow.getMany(ids);
    const bad = findings.filter((f) => !CASEABLE.includes(f.status));
    if (bad.length) throw new ValidationError(`finding ${bad[0]!.id} is ${bad[0]!.status}: dismissed findings do not go into a case`, { vi: `Phát hiện #${bad[0]!.id} đã bị bác bỏ, không đưa vào vụ việc.` });
    const key = input.groupedBy === 'manual' ? null : await this.groupKey(input.groupedBy, seeds[0]!);
    const now = this.deps.ctx.now();
    const title = input.title?.trim() || (await this.defaultTitle(input.groupedBy, key, seeds[0]!));
    return this.inTransaction(async ({ db, repo, audit }) => {
      const created = await repo.createCase({ title, groupedBy: input.groupedBy, groupKey: key, createdBy: user.id, createdAt: now, updatedAt: now }, ids);
      await audit.record(db, { actor: actor(user), action: 'case.create', entity: { type: 'case', id: created.id }, after: { ...created, findingIds: ids } });
      return created;
    });
  }

  async list(user: SessionUser, options: { status?: CaseStatus; limit?: number } = {}): Promise<CaseSummary[]> {
    const rows = await this.repo.listCases({ status: options.status, limit: Math.min(options.limit ?? 100, 500) });
    const findingIds = await this.repo.findingIdsOfCases(rows.map((r) => r.id));
    const visible = await this.visibilityOf(user, [...findingIds.values()].flat());
    const shown = rows.filter((r) => {
      const ids = findingIds.get(r.id) ?? [];
      return user.role !== 'rights_holder' || (ids.length > 0 && ids.every((id) => visible.has(id)));
    });
    const notices = await this.repo.noticesOf(shown.map((r) => r.id));
    const listings = await this.repo.listingsOf(notices.map((n) => n.id));
    const now = this.deps.ctx.now();
    return shown.map((c) => {
      const own = notices.filter((n) => n.caseId === c.id);
      return { case: c, findingCount: findingIds.get(c.id)?.length ?? 0, notices: own, overdue: own.some((n) => isOverdue(n, listings.filter((l) => l.noticeId === n.id), now)) };
    });
  }

  /** The case if the user may see it: a rights holder only when every finding in it is on their works or marks. */
  async visibleCase(user: SessionUser, id: number): Promise<{ case: Case; findingIds: number[] }> {
    const found = await this.repo.getCase(id);
    if (!found) throw new NotFoundError(`case ${id} not found`);
    const findingIds = await this.repo.findingIdsOf(id);
    if (user.role === 'rights_holder') {
      const visible = await this.visibilityOf(user, findingIds);
      if (!findingIds.length || findingIds.some((f) => !visible.has(f))) throw new NotFoundError(`case ${id} not found`);
    }
    return { case: found, findingIds };
  }

  async detail(user: SessionUser, id: number): Promise<CaseDetail> {
    const { case: found, findingIds } = await this.visibleCase(user, id);
    const findings = await this.workflow.getMany(findingIds);
    findings.sort((a, b) => findingIds.indexOf(a.id) - findingIds.indexOf(b.id));
    const notices = await this.repo.noticesOf([id]);
    const noticeListings = await this.repo.listingsOf(notices.map((n) => n.id));
    const listingIds = [...new Set([...findings.map((f) => f.listingId), ...noticeListings.map((l) => l.listingId)])];
    const [works, marks, listings] = await Promise.all([
      this.deps.works.getMany([...new Set(findings.flatMap((f) => (f.workId === null ? [] : [f.workId])))]),
      this.deps.works.getMarks([...new Set(findings.flatMap((f) => (f.markId === null ? [] : [f.markId])))]),
      this.deps.listings.getMany(listingIds),
    ]);
    const now = this.deps.ctx.now();
    return {
      case: found,
      findings: findings.map((finding) => ({
        finding,
        work: finding.workId === null ? undefined : works.get(finding.workId),
        mark: finding.markId === null ? undefined : marks.get(finding.markId),
        listing: listings.get(finding.listingId),
      })),
      notices: notices.map((notice) => {
        const own = noticeListings.filter((l) => l.noticeId === notice.id);
        return { notice, listings: own.map((l) => ({ ...l, listing: listings.get(l.listingId) })), overdue: isOverdue(notice, own, now) };
      }),
    };
  }

  async addFindings(user: SessionUser, id: number, findingIds: number[]): Promise<Case> {
    const { case: found } = await this.openCase(user, id);
    const findings = await this.visibleFindings(user, findingIds);
    const bad = findings.find((f) => !CASEABLE.includes(f.status));
    if (bad) throw new ValidationError(`finding ${bad.id} is ${bad.status}: dismissed findings do not go into a case`);
    const now = this.deps.ctx.now();
    return this.inTransaction(async ({ db, repo, audit }) => {
      const added = await repo.addFindings(id, findingIds, now);
      const updated = (await repo.updateCase(id, { updatedAt: now }))!;
      if (added.length) await audit.record(db, { actor: actor(user), action: 'case.findings.add', entity: { type: 'case', id }, before: { title: found.title }, after: { added } });
      return updated;
    });
  }

  async removeFinding(user: SessionUser, id: number, findingId: number): Promise<Case> {
    await this.openCase(user, id);
    const now = this.deps.ctx.now();
    return this.inTransaction(async ({ db, repo, audit }) => {
      if (!(await repo.removeFinding(id, findingId))) throw new NotFoundError(`finding ${findingId} is not in case ${id}`);
      const updated = (await repo.updateCase(id, { updatedAt: now }))!;
      await audit.record(db, { actor: actor(user), action: 'case.findings.remove', entity: { type: 'case', id }, after: { removed: findingId } });
      return updated;
    });
  }

  async close(user: SessionUser, id: number, outcome: CaseOutcome, note: string | undefined): Promise<Case> {
    const { case: found } = await this.openCase(user, id);
    const now = this.deps.ctx.now();
    return this.inTransaction(async ({ db, repo, audit }) => {
      const updated = (await repo.updateCase(id, { status: 'closed', outcome, closedAt: now, updatedAt: now }))!;
      await audit.record(db, { actor: actor(user), action: 'case.close', entity: { type: 'case', id }, before: { status: found.status }, after: { status: 'closed', outcome, note: note ?? null } });
      return updated;
    });
  }

  async openCase(user: SessionUser, id: number): Promise<{ case: Case; findingIds: number[] }> {
    const visible = await this.visibleCase(user, id);
    if (visible.case.status !== 'open') throw new ConflictError(`case ${id} is closed`, { vi: `Vụ việc #${id} đã đóng.` });
    return visible;
  }

  /** Every id must be a finding the user may see: 404 names the first that is not (another holder's too). */
  private async visibleFindings(user: SessionUser, ids: number[]): Promise<Finding[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) throw new ValidationError('name at least one finding');
    if (unique.length > MAX_FINDINGS) throw new ValidationError(`at most ${MAX_FINDINGS} findings at once`);
    const found = new Map((await this.workflow.getMany(unique)).map((f) => [f.id, f]));
    const out: Finding[] = [];
    for (const id of unique) {
      const f = found.get(id);
      if (!f || !(await this.deps.access.canSeeSubject(user, f))) throw new NotFoundError(`finding ${id} not found`);
      out.push(f);
    }
    return out;
  }

  private async visibilityOf(user: SessionUser, findingIds: number[]): Promise<Set<number>> {
    const scope = await this.deps.access.findingScope(user);
    const findings = await this.workflow.getMany([...new Set(findingIds)]);
    if (!scope) return new Set(findings.map((f) => f.id));
    return new Set(findings.filter((f) => (f.workId !== null && scope.workIds.includes(f.workId)) || (f.markId !== null && scope.markIds.includes(f.markId))).map((f) => f.id));
  }

  /** The seed findings plus every other caseable finding with the same seller, platform or work/mark. */
  private async grouped(by: Exclude<CaseGrouping, 'manual'>, seeds: Finding[]): Promise<number[]> {
    const key = await this.groupKey(by, seeds[0]!);
    const ids = new Set(seeds.map((f) => f.id));
    const candidates = await this.workflow.withStatus(['confirmed', 'not_removed'], 5000);
    const listings = await this.deps.listings.getMany([...new Set(candidates.map((f) => f.listingId))]);
    for (const f of candidates) {
      if (ids.size >= MAX_FINDINGS) break;
      if ((await this.keyOf(by, f, listings.get(f.listingId))) === key) ids.add(f.id);
    }
    return [...ids];
  }

  private async groupKey(by: Exclude<CaseGrouping, 'manual'>, f: Finding): Promise<string> {
    return this.keyOf(by, f, await this.deps.listings.get(f.listingId));
  }

  private async keyOf(by: Exclude<CaseGrouping, 'manual'>, f: Finding, listing: Listing | undefined): Promise<string> {
    if (by === 'work') return f.workId !== null ? `work:${f.workId}` : `mark:${f.markId}`;
    if (by === 'platform') return listing?.platform ?? '';
    return listing?.sellerUrl || (listing?.sellerName ? `${listing.platform}:${listing.sellerName}` : `listing:${f.listingId}`);
  }

  private async defaultTitle(by: CaseGrouping, key: string | null, seed: Finding): Promise<string> {
    const listing = await this.deps.listings.get(seed.listingId);
    if (by === 'seller') return `Người bán: ${listing?.sellerName ?? key}`;
    if (by === 'platform') return `Nền tảng: ${key}`;
    if (by === 'work') {
      if (seed.workId !== null) return `Tác phẩm: ${(await this.deps.works.get(seed.workId))?.title ?? key}`;
      return `Nhãn hiệu: ${(await this.deps.works.getMarks([seed.markId!])).get(seed.markId!)?.name ?? key}`;
    }
    return `Vụ việc: ${listing?.title?.slice(0, 120) ?? `phát hiện #${seed.id}`}`;
  }
}

/** Sent or received, a deadline passed, and either the re-check has not run or it found a listing online. */
export function isOverdue(notice: Notice, listings: readonly NoticeListing[], now: Date): boolean {
  if (notice.status === 'draft' || notice.status === 'closed') return false;
  const takedown = notice.deadlines.find((d) => d.kind === 'takedown');
  if (!takedown || Date.parse(takedown.due) > now.getTime()) return false;
  if (notice.status === 'objected') return overdueDeadlines(notice.deadlines.filter((d) => d.kind === 'restore'), now).length > 0;
  return overdueDeadlines([takedown], now).length > 0 || listings.some((l) => l.lastResult === 'still_online');
}
