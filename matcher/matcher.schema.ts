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
  },
  (t) => [
    uniqueIndex('findings_listing_work_key').on(t.listingId, t.workId),
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

export type Finding = typeof findings.$inferSelect;
export type MatchRun = typeof matchRuns.$inferSelect;
