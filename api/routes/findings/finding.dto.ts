import { z } from '@hono/zod-openapi';
import { queueSorts, signalTypes } from '../../../matcher/finding.repository.ts';
import { findingStatuses } from '../../../matcher/matcher.schema.ts';
import type { FindingRow } from '../../services/finding.service.ts';
import { reviewDecisions } from '../../services/finding.service.ts';

const Box = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });

export const SignalSchema = z
  .object({
    kind: z.enum(['image', 'text']),
    algorithm: z.string(),
    score: z.number(),
    distance: z.number().optional(),
    threshold: z.number().optional(),
    listingImageId: z.number().int().optional(),
    assetId: z.number().int().optional(),
    explanation: z.string(),
    workRegion: Box.optional(),
    listingRegion: Box.optional(),
    spans: z.array(z.object({ field: z.string(), text: z.string(), start: z.number().int().optional(), end: z.number().int().optional() })).optional(),
    matched: z.boolean().optional(),
    evidence: z.number().optional(),
    workRegionName: z.string().optional(),
    listingRegionName: z.string().optional(),
    variant: z.string().optional(),
  })
  .openapi('Signal');

export const FindingSchema = z
  .object({
    id: z.number().int(),
    /** Exactly one of workId and markId is set: a finding is about a registered work or a registered mark. */
    workId: z.number().int().nullable(),
    markId: z.number().int().nullable(),
    listingId: z.number().int(),
    score: z.number(),
    status: z.enum(findingStatuses),
    signals: z.array(SignalSchema),
    reviewerId: z.number().int().nullable(),
    reviewedAt: z.string().nullable(),
    assigneeId: z.number().int().nullable(),
    dismissReason: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    work: z.object({ id: z.number().int(), title: z.string(), certificateNo: z.string().nullable() }).nullable(),
    mark: z.object({ id: z.number().int(), name: z.string(), kind: z.string(), certificateNo: z.string().nullable() }).nullable(),
    listing: z.object({ id: z.number().int(), title: z.string(), platform: z.string(), url: z.string(), sellerName: z.string().nullable(), sellerUrl: z.string().nullable() }).nullable(),
  })
  .openapi('Finding');

export const FindingPageSchema = z
  .object({ items: z.array(FindingSchema), nextCursor: z.string().nullable().openapi({ description: 'Pass as ?cursor= for the next page' }) })
  .openapi('FindingPage');

const Id = z.coerce.number().int().min(1).max(2_147_483_647);
/** A day (YYYY-MM-DD, a whole day in Vietnam time) or an ISO date-time with its offset. */
const Day = (end: boolean) =>
  z
    .string()
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(v), 'a date YYYY-MM-DD or an ISO date-time')
    .transform((v, ctx) => {
      const d = new Date(/T/.test(v) ? v : `${v}T${end ? '23:59:59.999' : '00:00:00.000'}+07:00`);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: 'custom', message: 'not a real date' });
        return z.NEVER;
      }
      return d;
    });

/** The review queue's filters, shared by GET /api/v1/findings and the /findings page. */
export const FindingQuerySchema = z
  .object({
    status: z.enum(findingStatuses).optional(),
    work: Id.optional().openapi({ description: 'Registered work id' }),
    mark: Id.optional().openapi({ description: 'Registered mark id' }),
    owner: Id.optional().openapi({ description: 'Registry owner id: findings on their works and marks' }),
    platform: z.string().trim().min(1).max(100).optional(),
    seller: z.string().trim().min(1).max(500).optional().openapi({ description: "Seller's shop URL or name" }),
    minScore: z.coerce.number().min(0).max(1).optional(),
    signal: z.enum(signalTypes).optional(),
    from: Day(false).optional().openapi({ description: 'Found on or after (YYYY-MM-DD, Vietnam time, or ISO date-time)' }),
    to: Day(true).optional().openapi({ description: 'Found on or before' }),
    assignee: z.union([z.enum(['me', 'none']), Id]).optional().openapi({ description: "'me', 'none' or an officer's id" }),
    sort: z.enum(queueSorts).default('newest'),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  });
export type FindingQuery = z.infer<typeof FindingQuerySchema>;

export const ReviewBodySchema = z
  .object({ status: z.enum(reviewDecisions), note: z.string().trim().max(2000).optional() })
  .strict()
  .refine((b) => b.status !== 'dismissed' || !!b.note, { message: 'a dismissal needs a reason (note)', path: ['note'] })
  .openapi('ReviewRequest');

export const AssignBodySchema = z
  .object({ assigneeId: Id.nullable().openapi({ description: "An officer's id; null unassigns" }) })
  .strict()
  .openapi('AssignRequest');

export const CommentBodySchema = z.object({ body: z.string().trim().min(1).max(4000) }).strict().openapi('CommentRequest');

export const BulkBodySchema = z
  .object({
    ids: z.array(Id).min(1).max(200),
    action: z.enum(['confirm', 'dismiss', 'assign']),
    reason: z.string().trim().max(2000).optional(),
    assigneeId: Id.nullable().optional(),
  })
  .strict()
  .refine((b) => b.action !== 'dismiss' || !!b.reason, { message: 'a dismissal needs a reason', path: ['reason'] })
  .refine((b) => b.action !== 'assign' || b.assigneeId !== undefined, { message: 'assign needs assigneeId', path: ['assigneeId'] })
  .openapi('BulkReviewRequest');

export const BulkResultSchema = z
  .object({ changed: z.array(z.number().int()), unchanged: z.array(z.number().int()) })
  .openapi('BulkReviewResult');

export function toFindingDto({ finding, work, mark, listing }: FindingRow): z.infer<typeof FindingSchema> {
  return {
    id: finding.id,
    workId: finding.workId,
    markId: finding.markId,
    listingId: finding.listingId,
    score: finding.score,
    status: finding.status,
    signals: finding.signals,
    reviewerId: finding.reviewerId,
    reviewedAt: finding.reviewedAt?.toISOString() ?? null,
    assigneeId: finding.assigneeId,
    dismissReason: finding.dismissReason,
    createdAt: finding.createdAt.toISOString(),
    updatedAt: finding.updatedAt.toISOString(),
    work: work ? { id: work.id, title: work.title, certificateNo: work.certificateNo } : null,
    mark: mark ? { id: mark.id, name: mark.name, kind: mark.kind, certificateNo: mark.certificateNo } : null,
    listing: listing ? { id: listing.id, title: listing.title, platform: listing.platform, url: listing.url, sellerName: listing.sellerName, sellerUrl: listing.sellerUrl } : null,
  };
}
