import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { apiSchema } from '../api.schema.ts';

/**
 * Cases, takedown notices and their deadlines (issue 9). Owned by the api stage: findings, listings and
 * works are referenced by id, as between stages elsewhere.
 */
export const caseGroupings = ['seller', 'platform', 'work', 'manual'] as const;
export type CaseGrouping = (typeof caseGroupings)[number];

export const caseStatuses = ['open', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** How a case ended (DESIGN §3). */
export const caseOutcomes = ['removed', 'restored_after_objection', 'not_removed', 'penalised', 'withdrawn'] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

export const cases = apiSchema.table(
  'cases',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    groupedBy: text('grouped_by').$type<CaseGrouping>().notNull().default('manual'),
    /** The seller URL, platform name or work/mark key the findings were grouped by. */
    groupKey: text('group_key'),
    status: text('status').$type<CaseStatus>().notNull().default('open'),
    outcome: text('outcome').$type<CaseOutcome>(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('cases_status_idx').on(t.status, t.createdAt)],
);

export const caseFindings = apiSchema.table(
  'case_findings',
  {
    caseId: integer('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    findingId: integer('finding_id').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.findingId] }), index('case_findings_finding_idx').on(t.findingId)],
);

/** Art. 113: an authority's request to an intermediary; Art. 114: a rights holder's request. */
export const noticeBases = ['art113', 'art114'] as const;
export type NoticeBasis = (typeof noticeBases)[number];

export const noticeStatuses = ['draft', 'sent', 'received', 'objected', 'closed'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

export interface NoticeDeadline {
  /** e.g. 'takedown', 'objection', 'restore', 'report_back'. */
  kind: string;
  due: string;
  /** Set once the re-check after this deadline ran. */
  checkedAt?: string | null;
}

export const notices = apiSchema.table(
  'notices',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    basis: text('basis').$type<NoticeBasis>().notNull(),
    status: text('status').$type<NoticeStatus>().notNull().default('draft'),
    /** The intermediary or platform addressed. */
    recipient: text('recipient').notNull(),
    recipientContact: text('recipient_contact'),
    issuingAuthority: text('issuing_authority'),
    signatory: text('signatory'),
    /** Number and place/date line as printed on the notice. */
    reference: text('reference'),
    body: text('body'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    deadlines: jsonb('deadlines').$type<NoticeDeadline[]>().notNull().default(sql`'[]'::jsonb`),
    /** Art. 114: the rights holder (or agent) making the request. */
    requester: text('requester'),
    /** Art. 114: when the uploader objected, and when the content was restored after it. */
    objectedAt: timestamp('objected_at', { withTimezone: true }),
    restoredAt: timestamp('restored_at', { withTimezone: true }),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notices_case_idx').on(t.caseId), index('notices_status_idx').on(t.status, t.sentAt)],
);

export const noticeCheckResults = ['removed', 'still_online', 'blocked', 'error'] as const;
export type NoticeCheckResult = (typeof noticeCheckResults)[number];

/** Every listing a notice names, with the latest re-check after a deadline. */
export const noticeListings = apiSchema.table(
  'notice_listings',
  {
    noticeId: integer('notice_id').notNull().references(() => notices.id, { onDelete: 'cascade' }),
    listingId: integer('listing_id').notNull(),
    findingId: integer('finding_id'),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    lastResult: text('last_result').$type<NoticeCheckResult>(),
    /** When a re-check first saw it gone: time to removal in the yearly report. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** The re-check's crawl run and, when the page was still online, its fresh evidence (crawler.evidence). */
    lastRunId: integer('last_run_id'),
    lastEvidenceId: integer('last_evidence_id'),
    /** Why the result is what it is (the removal text, the block reason, the error). */
    lastDetail: text('last_detail'),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.listingId] }), index('notice_listings_listing_idx').on(t.listingId)],
);

/** Public holidays and make-up working days for the working-day calendar (editable by officers). */
export const calendarDays = apiSchema.table(
  'calendar_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    /** 'holiday': not a working day; 'workday': a weekend day worked in compensation. */
    kind: text('kind').$type<'holiday' | 'workday'>().notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('calendar_days_day_key').on(t.day)],
);

export type Case = typeof cases.$inferSelect;
export type Notice = typeof notices.$inferSelect;
export type NoticeListing = typeof noticeListings.$inferSelect;
