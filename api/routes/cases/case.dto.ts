import { z } from '@hono/zod-openapi';
import { caseGroupings, caseOutcomes, caseStatuses, noticeBases, noticeCheckResults, noticeStatuses, type Notice } from '../../cases/case.schema.ts';
import type { CaseDetail, CaseSummary, NoticeView } from '../../cases/case.service.ts';
import { ISO_DAY, isCalendarDate } from '../../cases/working-days.ts';
import { FindingSchema, toFindingDto } from '../findings/finding.dto.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const Id = z.number().int().positive().max(2_147_483_647);
const text = (max: number) => z.string().trim().min(1).max(max);

export const DeadlineSchema = z.object({ kind: z.string(), due: z.string().openapi({ format: 'date-time' }), checkedAt: z.string().nullable() }).openapi('NoticeDeadline');

export const NoticeListingSchema = z
  .object({
    listingId: z.number().int(),
    findingId: z.number().int().nullable(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    lastCheckedAt: z.string().nullable(),
    lastResult: z.enum(noticeCheckResults).nullable(),
    removedAt: z.string().nullable(),
    lastEvidenceId: z.number().int().nullable(),
    lastDetail: z.string().nullable(),
  })
  .openapi('NoticeListing');

export const NoticeSchema = z
  .object({
    id: z.number().int(),
    caseId: z.number().int(),
    basis: z.enum(noticeBases),
    status: z.enum(noticeStatuses),
    recipient: z.string(),
    recipientContact: z.string().nullable(),
    issuingAuthority: z.string().nullable(),
    signatory: z.string().nullable(),
    requester: z.string().nullable(),
    reference: z.string().nullable(),
    body: z.string().nullable(),
    sentAt: z.string().nullable(),
    receivedAt: z.string().nullable(),
    objectedAt: z.string().nullable(),
    restoredAt: z.string().nullable(),
    deadlines: z.array(DeadlineSchema),
    overdue: z.boolean(),
    listings: z.array(NoticeListingSchema),
    createdAt: z.string(),
  })
  .openapi('Notice');

export const CaseSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    groupedBy: z.enum(caseGroupings),
    groupKey: z.string().nullable(),
    status: z.enum(caseStatuses),
    outcome: z.enum(caseOutcomes).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    findingCount: z.number().int(),
    overdue: z.boolean(),
  })
  .openapi('Case');

export const CaseDetailSchema = CaseSchema.extend({ findings: z.array(FindingSchema), notices: z.array(NoticeSchema) }).openapi('CaseDetail');

export const CaseListQuery = z.object({ status: z.enum(caseStatuses).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

export const CreateCaseBody = z
  .object({
    groupedBy: z.enum(caseGroupings).default('manual'),
    findingIds: z.array(Id).min(1).max(500).openapi({ description: 'manual: exactly these; seller/platform/work: these plus every confirmed finding sharing the first one’s seller, platform or work' }),
    title: z.string().trim().max(300).optional(),
  })
  .strict()
  .openapi('CreateCase');

export const FindingIdsBody = z.object({ findingIds: z.array(Id).min(1).max(500) }).strict().openapi('FindingIds');
export const CaseFindingParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name: 'id', in: 'path' } }),
  findingId: z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name: 'findingId', in: 'path' } }),
});

export const CloseCaseBody = z.object({ outcome: z.enum(caseOutcomes), note: z.string().trim().max(2000).optional() }).strict().openapi('CloseCase');

export const DraftNoticeBody = z
  .object({
    basis: z.enum(noticeBases),
    recipient: text(300),
    recipientContact: z.string().trim().max(300).optional(),
    issuingAuthority: z.string().trim().max(300).optional().openapi({ description: 'Art. 113: defaults to IPWATCH_NOTICE_AUTHORITY' }),
    signatory: z.string().trim().max(300).optional(),
    reference: z.string().trim().max(200).optional(),
    requester: z.string().trim().max(300).optional().openapi({ description: 'Art. 114: the rights holder; defaults to the owners of the works/marks' }),
    body: z.string().trim().max(4000).optional(),
    findingIds: z.array(Id).max(500).optional(),
  })
  .strict()
  .openapi('DraftNotice');

export const NoticeEventBody = z
  .object({ event: z.enum(['sent', 'received', 'objection', 'restored']), at: z.string().datetime({ offset: true }).optional().openapi({ description: 'When it happened; now when left out' }) })
  .strict()
  .openapi('NoticeEvent');

export const DocumentQuery = z.object({ format: z.enum(['pdf', 'docx']).default('pdf') });

export const CalendarDaySchema = z.object({ day: z.string().regex(ISO_DAY), kind: z.enum(['holiday', 'workday']), name: text(200) }).strict().openapi('CalendarDay');
export const CalendarQuery = z.object({ from: z.string().regex(ISO_DAY).optional(), to: z.string().regex(ISO_DAY).optional() });
export const DayParam = z.object({ day: z.string().regex(ISO_DAY).refine(isCalendarDate, 'not a date').openapi({ param: { name: 'day', in: 'path' }, example: '2026-09-02' }) });

export function toNoticeDto(view: NoticeView | { notice: Notice; listings: NoticeView['listings']; overdue: boolean }): z.infer<typeof NoticeSchema> {
  const n = view.notice;
  return {
    id: n.id,
    caseId: n.caseId,
    basis: n.basis,
    status: n.status,
    recipient: n.recipient,
    recipientContact: n.recipientContact,
    issuingAuthority: n.issuingAuthority,
    signatory: n.signatory,
    requester: n.requester,
    reference: n.reference,
    body: n.body,
    sentAt: iso(n.sentAt),
    receivedAt: iso(n.receivedAt),
    objectedAt: iso(n.objectedAt),
    restoredAt: iso(n.restoredAt),
    deadlines: n.deadlines.map((d) => ({ kind: d.kind, due: d.due, checkedAt: d.checkedAt ?? null })),
    overdue: view.overdue,
    listings: view.listings.map((l) => ({
      listingId: l.listingId,
      findingId: l.findingId,
      url: l.listing?.url ?? null,
      title: l.listing?.title ?? null,
      lastCheckedAt: iso(l.lastCheckedAt),
      lastResult: l.lastResult,
      removedAt: iso(l.removedAt),
      lastEvidenceId: l.lastEvidenceId,
      lastDetail: l.lastDetail,
    })),
    createdAt: n.createdAt.toISOString(),
  };
}

export function toCaseDto(s: CaseSummary): z.infer<typeof CaseSchema> {
  const c = s.case;
  return { id: c.id, title: c.title, groupedBy: c.groupedBy, groupKey: c.groupKey, status: c.status, outcome: c.outcome, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(), closedAt: iso(c.closedAt), findingCount: s.findingCount, overdue: s.overdue };
}

export function toCaseDetailDto(d: CaseDetail): z.infer<typeof CaseDetailSchema> {
  return {
    ...toCaseDto({ case: d.case, findingCount: d.findings.length, notices: d.notices.map((n) => n.notice), overdue: d.notices.some((n) => n.overdue) }),
    findings: d.findings.map(toFindingDto),
    notices: d.notices.map(toNoticeDto),
  };
}
