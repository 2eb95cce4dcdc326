import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgSchema, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Findings: a listing suspected of infringing a registered work, with every signal that produced it. */
export const matcherSchema = pgSchema('matcher');

export const findingStatuses = ['new', 'confirmed', 'dismissed', 'notice_sent', 'removed', 'not_removed'] as const;
export type FindingStatus = (typeof findingStatuses)[number];

/** One piece of evidence for a finding; `kind` tells which fields are set. */
export interface Signal {
  kind: 'image' | 'text';
  algorithm: string;
  /** 0..1, higher = more similar; the finding's score combines these. */
  score: number;
  distance?: number;
  threshold?: number;
  listingImageId?: number;
  assetId?: number;
  /** Which region / dihedral variant matched, in words, for the reviewer. */
  explanation: string;
  workRegion?: { x: number; y: number; w: number; h: number };
  listingRegion?: { x: number; y: number; w: number; h: number };
  /** start/end: offsets in the field's text as crawled (text reuse and marks), when known. */
  spans?: { field: string; text: string; start?: number; end?: number }[];
  /** Whether this signal alone passed its own threshold (a near miss can still support others). */
  matched?: boolean;
  /** What this signal contributed to the finding's score, 0..1, after calibration (matcher/scoring.ts). */
  evidence?: number;
  /** Named regions ('full', 'content', 'center-60', …) and the candidate's orientation, for the reviewer. */
  workRegionName?: string;
  listingRegionName?: string;
  variant?: string;
}

export const findings = matcherSchema.table(
  'findings',
  {
    id: serial('id').primaryKey(),
    /** Ids in other stages' tables: referenced by value, not by foreign key, so stages stay separable. */
    listingId: integer('listing_id').notNull(),
    /** Exactly one of work_id and mark_id is set (findings_subject_check). */
    workId: integer('work_id'),
    markId: integer('mark_id'),
    score: real('score').notNull(),
    signals: jsonb('signals').$type<Signal[]>().notNull(),
    status: text('status').$type<FindingStatus>().notNull().default('new'),
    reviewerId: integer('reviewer_id'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The officer the finding is assigned to for review (api.users.id); null = unassigned. */
    assigneeId: integer('assignee_id'),
    /** The listing's content hash when the finding was last written: tells a changed listing from a recrawl. */
    contentHash: text('content_hash'),
    /** Content hash the listing had when the finding was dismissed: it stays dismissed while that holds. */
    dismissedContentHash: text('dismissed_content_hash'),
    /** Why it was dismissed ('allow-listed' when an allow rule covered it, else the reviewer's reason). */
    dismissReason: text('dismiss_reason'),
    /** The allow rule that dismissed it (matcher.allow_rules.id); reopened when that rule is removed. */
    allowRuleId: integer('allow_rule_id'),
    /**
     * The listing's platform, copied when the finding is written: the review queue filters by it on its
     * own indexes instead of probing crawler.listings for every candidate row (review-queue bench).
     */
    platform: text('platform'),
  },
  (t) => [
    uniqueIndex('findings_listing_work_key').on(t.listingId, t.workId),
    // Keyset orders of the review queue: newest first and best score first, each with and without status.
    index('findings_created_id_idx').on(t.createdAt, t.id),
    index('findings_status_created_id_idx').on(t.status, t.createdAt, t.id),
    index('findings_score_id_idx').on(t.score, t.id),
    index('findings_status_score_id_idx').on(t.status, t.score, t.id),
    index('findings_platform_score_id_idx').on(t.platform, t.score, t.id),
    index('findings_platform_created_id_idx').on(t.platform, t.createdAt, t.id),
    index('findings_assignee_idx').on(t.assigneeId, t.status, t.createdAt),
    index('findings_status_idx').on(t.status, t.createdAt),
    index('findings_work_idx').on(t.workId),
    uniqueIndex('findings_listing_mark_key').on(t.listingId, t.markId),
    index('findings_mark_idx').on(t.markId),
    check('findings_subject_check', sql`num_nonnulls(${t.workId}, ${t.markId}) = 1`),
  ],
);

/** One row per (listing, content hash) matched: lets two matcher processes prove each listing ran once. */
export const matchRuns = matcherSchema.table(
  'match_runs',
  {
    id: serial('id').primaryKey(),
    listingId: integer('listing_id').notNull(),
    contentHash: text('content_hash').notNull(),
    worker: text('worker').notNull(),
    findings: integer('findings').notNull().default(0),
    durationMs: integer('duration_ms').notNull(),
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('match_runs_listing_hash_key').on(t.listingId, t.contentHash)],
);

export const allowRuleKinds = ['seller', 'shop', 'domain', 'url'] as const;
export type AllowRuleKind = (typeof allowRuleKinds)[number];

/**
 * Suppression: a listing covered by a rule of its finding's work or mark is not an infringement (a
 * licensed seller, shop, domain or page); the matcher writes such findings dismissed as 'allow-listed'.
 */
export const allowRules = matcherSchema.table(
  'allow_rules',
  {
    id: serial('id').primaryKey(),
    /** Exactly one of work_id and mark_id is set (allow_rules_subject_check). */
    workId: integer('work_id'),
    markId: integer('mark_id'),
    kind: text('kind').$type<AllowRuleKind>().notNull(),
    /** Normalised (allow-list.rules.ts): folded seller name, canonical shop/page URL, lowercase host. */
    value: text('value').notNull(),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('allow_rules_work_idx').on(t.workId),
    index('allow_rules_mark_idx').on(t.markId),
    check('allow_rules_subject_check', sql`num_nonnulls(${t.workId}, ${t.markId}) = 1`),
  ],
);

export type Finding = typeof findings.$inferSelect;
export type AllowRule = typeof allowRules.$inferSelect;
export type MatchRun = typeof matchRuns.$inferSelect;
