import { z } from '@hono/zod-openapi';
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
    spans: z.array(z.object({ field: z.string(), text: z.string() })).optional(),
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
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    work: z.object({ id: z.number().int(), title: z.string(), certificateNo: z.string().nullable() }).nullable(),
    mark: z.object({ id: z.number().int(), name: z.string(), kind: z.string(), certificateNo: z.string().nullable() }).nullable(),
    listing: z.object({ id: z.number().int(), title: z.string(), platform: z.string(), url: z.string() }).nullable(),
  })
  .openapi('Finding');

export const FindingPageSchema = z
  .object({ items: z.array(FindingSchema), nextCursor: z.string().nullable().openapi({ description: 'Pass as ?cursor= for the next page' }) })
  .openapi('FindingPage');

export const FindingQuerySchema = z.object({
  status: z.enum(findingStatuses).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ReviewBodySchema = z
  .object({ status: z.enum(reviewDecisions), note: z.string().trim().max(2000).optional() })
  .strict()
  .openapi('ReviewRequest');

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
    createdAt: finding.createdAt.toISOString(),
    updatedAt: finding.updatedAt.toISOString(),
    work: work ? { id: work.id, title: work.title, certificateNo: work.certificateNo } : null,
    mark: mark ? { id: mark.id, name: mark.name, kind: mark.kind, certificateNo: mark.certificateNo } : null,
    listing: listing ? { id: listing.id, title: listing.title, platform: listing.platform, url: listing.url } : null,
  };
}
