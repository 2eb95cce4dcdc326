import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/errors.ts';
import type { FindingStatus } from '../../matcher/matcher.schema.ts';
import type { SessionUser } from '../app.types.ts';
import { actor, isOverdue, type CaseService, type CaseServiceDeps, type NoticeView } from './case.service.ts';
import type { Notice, NoticeBasis } from './case.schema.ts';
import { mergeDeadlines, noticeDeadlines } from './deadlines.ts';
import { scheduleRechecks } from './notice.schedule.ts';

export { recheckJobId, RECHECK_GRACE_MS } from './notice.schedule.ts';
import { renderNoticeDocx } from './notice.docx.ts';
import { renderNoticePdf } from './notice.pdf.ts';
import { noticeText, type NoticeData, type NoticeItemData } from './notice.templates.ts';
import { isCalendarDate, WorkingCalendar, type CalendarEntry } from './working-days.ts';

export interface DraftNoticeInput {
  basis: NoticeBasis;
  recipient: string;
  recipientContact?: string | undefined;
  issuingAuthority?: string | undefined;
  signatory?: string | undefined;
  reference?: string | undefined;
  requester?: string | undefined;
  body?: string | undefined;
  /** A subset of the case's findings; all of them when left out. */
  findingIds?: number[] | undefined;
}

export type NoticeEvent = 'sent' | 'received' | 'objection' | 'restored';

/** Recorded times may not lie in the future beyond clock skew between an officer's PC and the server. */
const FUTURE_SLACK_MS = 5 * 60_000;

/** Notices of a case: drafting, the sent/received/objection/restored times, deadlines and their re-checks. */
export class NoticeService {
  constructor(
    private readonly deps: CaseServiceDeps,
    private readonly cases: CaseService,
  ) {}

  async draft(user: SessionUser, caseId: number, input: DraftNoticeInput): Promise<Notice> {
    const { findingIds } = await this.cases.openCase(user, caseId);
    const chosen = input.findingIds?.length ? [...new Set(input.findingIds)] : findingIds;
    const outside = chosen.find((id) => !findingIds.includes(id));
    if (outside !== undefined) throw new NotFoundError(`finding ${outside} is not in case ${caseId}`);
    const findings = await this.cases.workflow.getMany(chosen);
    if (!findings.length) throw new ValidationError('the case has no findings to name in a notice', { vi: 'Vụ việc chưa có phát hiện nào để đưa vào yêu cầu.' });
    const byListing = new Map<number, number>();
    for (const f of findings.sort((a, b) => a.id - b.id)) if (!byListing.has(f.listingId)) byListing.set(f.listingId, f.id);
    const now = this.deps.ctx.now();
    const requester = input.basis === 'art114' ? input.requester?.trim() || (await this.ownersOf(findings)) : null;
    return this.cases.inTransaction(async ({ db, repo, audit }) => {
      const notice = await repo.createNotice(
        {
          caseId,
          basis: input.basis,
          recipient: input.recipient.trim(),
          recipientContact: input.recipientContact?.trim() || null,
          issuingAuthority: input.issuingAuthority?.trim() || this.deps.ctx.config.noticeAuthority,
          signatory: input.signatory?.trim() || this.deps.ctx.config.noticeSignatory || null,
          reference: input.reference?.trim() || null,
          requester,
          body: input.body?.trim() || null,
          createdBy: user.id,
          createdAt: now,
          updatedAt: now,
        },
        [...byListing].map(([listingId, findingId]) => ({ listingId, findingId })),
      );
      await audit.record(db, { actor: actor(user), action: 'notice.draft', entity: { type: 'notice', id: notice.id }, after: { ...notice, listingIds: [...byListing.keys()] } });
      return notice;
    });
  }

  /** The notice if its case is visible to the user (404 otherwise, as for another holder's case). */
  async visibleNotice(user: SessionUser, id: number): Promise<Notice> {
    const notice = await this.cases.repo.getNotice(id);
    if (!notice) throw new NotFoundError(`notice ${id} not found`);
    await this.cases.visibleCase(user, notice.caseId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError(`notice ${id} not found`) : error;
    });
    return notice;
  }

  async view(user: SessionUser, id: number): Promise<NoticeView> {
    const notice = await this.visibleNotice(user, id);
    const rows = await this.cases.repo.listingsOf([id]);
    const listings = await this.deps.listings.getMany(rows.map((r) => r.listingId));
    return { notice, listings: rows.map((r) => ({ ...r, listing: listings.get(r.listingId) })), overdue: isOverdue(notice, rows, this.deps.ctx.now()) };
  }

  /** Records one event of the notice's life at `at`, recomputes its deadlines and (re)queues its re-checks. */
  async record(user: SessionUser, id: number, event: NoticeEvent, at: Date): Promise<Notice> {
    const notice = await this.visibleNotice(user, id);
    await this.cases.openCase(user, notice.caseId);
    const now = this.deps.ctx.now();
    if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) throw new ValidationError('the time lies in the future', { vi: 'Thời điểm không được ở tương lai.' });
    const patch = this.transition(notice, event, at);
    const calendar = await this.calendar();
    const merged = { ...notice, ...patch };
    const deadlines = mergeDeadlines(notice.deadlines, noticeDeadlines(merged, calendar));
    const listingFindings = (await this.cases.repo.listingsOf([id])).flatMap((l) => (l.findingId === null ? [] : [l.findingId]));
    const updated = await this.cases.inTransaction(async ({ db, repo, workflow, audit }) => {
      const row = (await repo.updateNotice(id, { ...patch, deadlines, updatedAt: now }))!;
      if (event === 'sent') await workflow.setStatus(listingFindings, ['new', 'confirmed'] satisfies FindingStatus[], 'notice_sent', now);
      await repo.updateCase(notice.caseId, { updatedAt: now });
      await audit.record(db, { actor: actor(user), action: `notice.${event}`, entity: { type: 'notice', id }, before: { status: notice.status, deadlines: notice.deadlines }, after: { ...patch, deadlines } });
      return row;
    });
    // The record stands without its jobs (Redis down): the deadline then shows overdue, and recording the
    // same event again queues them.
    await this.scheduleRechecks(updated).catch((error: unknown) => this.deps.ctx.logger.error({ err: error, noticeId: id }, 'could not queue the notice re-checks'));
    return updated;
  }

  private transition(notice: Notice, event: NoticeEvent, at: Date): Partial<Notice> {
    const refuse = (en: string, vi: string) => new ConflictError(`notice ${notice.id}: ${en}`, { vi });
    switch (event) {
      case 'sent':
        if (notice.status !== 'draft' && notice.status !== 'sent') throw refuse(`it is ${notice.status}; the sending time can no longer change`, 'Yêu cầu đã qua bước gửi.');
        // No lower bound: a request sent on paper may be entered afterwards, its deadlines already past.
        return { status: 'sent', sentAt: at };
      case 'received':
        if (!notice.sentAt || (notice.status !== 'sent' && notice.status !== 'received')) throw refuse('record when it was sent first', 'Hãy ghi thời điểm gửi trước.');
        if (at < notice.sentAt) throw new ValidationError('received before it was sent', { vi: 'Thời điểm nhận trước thời điểm gửi.' });
        return { status: 'received', receivedAt: at };
      case 'objection':
        if (notice.basis !== 'art114') throw refuse('an objection applies to Art. 114 requests only', 'Chỉ yêu cầu theo Điều 114 mới có phản đối của người đăng tải.');
        if (notice.status !== 'sent' && notice.status !== 'received') throw refuse(`it is ${notice.status}`, 'Yêu cầu chưa được gửi hoặc đã có phản đối.');
        if (at < (notice.receivedAt ?? notice.sentAt!)) throw new ValidationError('objection before receipt', { vi: 'Phản đối trước thời điểm nhận yêu cầu.' });
        return { status: 'objected', objectedAt: at };
      case 'restored':
        if (notice.status !== 'objected' || !notice.objectedAt) throw refuse('restoration follows an objection', 'Chỉ khôi phục sau khi có phản đối.');
        if (at < notice.objectedAt) throw new ValidationError('restored before the objection', { vi: 'Thời điểm khôi phục trước thời điểm phản đối.' });
        return { status: 'closed', restoredAt: at };
    }
  }

  /** One delayed job per (notice, deadline) with a fixed id (notice.schedule.ts). */
  scheduleRechecks(notice: Notice): Promise<string[]> {
    return scheduleRechecks(this.deps.ctx, notice);
  }

  async document(user: SessionUser, id: number, format: 'pdf' | 'docx'): Promise<{ body: Buffer; filename: string }> {
    const notice = await this.visibleNotice(user, id);
    const data = await this.noticeData(notice);
    const text = noticeText(data);
    const body = format === 'pdf' ? await renderNoticePdf(text, { fontDir: this.deps.ctx.config.fontDir, createdAt: notice.createdAt }) : await renderNoticeDocx(text);
    return { body, filename: `yeu-cau-${notice.basis === 'art113' ? 'dieu-113' : 'dieu-114'}-${notice.id}.${format}` };
  }

  async noticeData(notice: Notice): Promise<NoticeData> {
    const rows = await this.cases.repo.listingsOf([notice.id]);
    const findings = new Map((await this.cases.workflow.getMany(rows.flatMap((r) => (r.findingId === null ? [] : [r.findingId])))).map((f) => [f.id, f]));
    const listings = await this.deps.listings.getMany(rows.map((r) => r.listingId));
    const works = await this.deps.works.getMany([...findings.values()].flatMap((f) => (f.workId === null ? [] : [f.workId])));
    const marks = await this.deps.works.getMarks([...findings.values()].flatMap((f) => (f.markId === null ? [] : [f.markId])));
    const items: NoticeItemData[] = [];
    for (const row of rows) {
      const listing = listings.get(row.listingId);
      const finding = row.findingId === null ? undefined : findings.get(row.findingId);
      const work = finding?.workId != null ? works.get(finding.workId) : undefined;
      const mark = finding?.markId != null ? marks.get(finding.markId) : undefined;
      // The capture the notice relies on: the latest one made before the notice was drafted, else the first.
      const evidence = await this.deps.listings.evidenceOf(row.listingId);
      const proof = evidence.find((e) => e.capturedAt <= notice.createdAt) ?? evidence.at(-1);
      items.push({
        url: listing?.url ?? `listing #${row.listingId}`,
        platform: listing?.platform ?? '',
        listingTitle: listing?.title ?? '',
        seller: listing?.sellerName ?? listing?.sellerUrl ?? null,
        subject: work
          ? { kind: 'work', title: work.title, certificateNo: work.certificateNo, certificateDate: work.certificateDate ?? null }
          : { kind: 'mark', title: mark?.name ?? '', certificateNo: mark?.certificateNo ?? null, certificateDate: mark?.grantDate ?? null },
        evidence: proof ? { screenshotSha256: proof.screenshotSha256, warcSha256: proof.warcSha256, capturedAt: proof.capturedAt } : null,
      });
    }
    return { id: notice.id, caseId: notice.caseId, basis: notice.basis, reference: notice.reference, recipient: notice.recipient, recipientContact: notice.recipientContact, issuingAuthority: notice.issuingAuthority ?? this.deps.ctx.config.noticeAuthority, signatory: notice.signatory, requester: notice.requester, body: notice.body, createdAt: notice.createdAt, items };
  }

  async calendar(): Promise<WorkingCalendar> {
    return new WorkingCalendar(await this.cases.repo.calendar());
  }

  async setCalendarDay(user: SessionUser, entry: CalendarEntry): Promise<void> {
    if (!isCalendarDate(entry.day)) throw new ValidationError(`not a date: ${entry.day}`);
    await this.cases.repo.calendar();
    await this.cases.inTransaction(async ({ db, repo, audit }) => {
      const before = await repo.calendarDay(entry.day);
      await repo.setCalendarDay(entry);
      await audit.record(db, { actor: actor(user), action: 'calendar.set', entity: { type: 'calendar_day', id: entry.day }, before: before ?? null, after: entry });
    });
  }

  async deleteCalendarDay(user: SessionUser, day: string): Promise<void> {
    await this.cases.inTransaction(async ({ db, repo, audit }) => {
      const before = await repo.calendarDay(day);
      if (!before || !(await repo.deleteCalendarDay(day))) throw new NotFoundError(`calendar day ${day} not found`);
      await audit.record(db, { actor: actor(user), action: 'calendar.delete', entity: { type: 'calendar_day', id: day }, before });
    });
  }

  private async ownersOf(findings: { workId: number | null; markId: number | null }[]): Promise<string> {
    const works = await this.deps.works.getMany(findings.flatMap((f) => (f.workId === null ? [] : [f.workId])));
    const marks = await this.deps.works.getMarks(findings.flatMap((f) => (f.markId === null ? [] : [f.markId])));
    const names = new Set([...[...works.values()].flatMap((w) => w.owners.map((o) => o.name)), ...[...marks.values()].map((m) => m.ownerName)]);
    return [...names].join('; ') || 'Chủ sở hữu quyền';
  }
}

