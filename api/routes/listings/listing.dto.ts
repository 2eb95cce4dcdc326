import { z } from '@hono/zod-openapi';
import type { Evidence, Listing, ListingEvent, ListingImage } from '../../../crawler/crawler.schema.ts';

export const ListingSchema = z
  .object({
    id: z.number().int(),
    platform: z.string(),
    url: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    priceVnd: z.number().nullable().openapi({ description: 'Whole đồng' }),
    sellerName: z.string().nullable(),
    sellerUrl: z.string().nullable(),
    firstSeenAt: z.string().openapi({ format: 'date-time' }),
    lastSeenAt: z.string().openapi({ format: 'date-time' }),
    status: z.enum(['active', 'removed']).openapi({ description: "'removed' once its page answered 404/410 or said the product is gone" }),
    removedAt: z.string().nullable().openapi({ format: 'date-time' }),
    availability: z.string().nullable().openapi({ description: 'in_stock, out_of_stock, discontinued, preorder… as the page said' }),
  })
  .openapi('Listing');

export const ListingEventSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['first_seen', 'changed', 'removed', 'reappeared']),
    at: z.string().openapi({ format: 'date-time' }),
    runId: z.number().int().nullable(),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    reason: z.string().nullable(),
  })
  .openapi('ListingEvent');

export const ListingImageSchema = z
  .object({ id: z.number().int(), url: z.string(), sha256: z.string().nullable(), file: z.string().nullable(), error: z.string().nullable() })
  .openapi('ListingImage');

export const EvidenceSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    capturedAt: z.string().openapi({ format: 'date-time' }),
    httpStatus: z.number().int().nullable(),
    screenshotSha256: z.string(),
    htmlSha256: z.string(),
    software: z.string(),
    screenshot: z.string(),
    html: z.string(),
    warcSha256: z.string().nullable(),
    warc: z.string().nullable().openapi({ description: 'WARC/1.1 file of the HTTP exchanges, screenshot and rendered DOM' }),
    serverIp: z.string().nullable(),
  })
  .openapi('Evidence');

export const ListingDetailSchema = ListingSchema.extend({ images: z.array(ListingImageSchema), evidence: z.array(EvidenceSchema), history: z.array(ListingEventSchema) }).openapi('ListingDetail');

export function toListingDto(listing: Listing): z.infer<typeof ListingSchema> {
  return {
    id: listing.id,
    platform: listing.platform,
    url: listing.url,
    title: listing.title,
    description: listing.description,
    priceVnd: listing.priceVnd,
    sellerName: listing.sellerName,
    sellerUrl: listing.sellerUrl,
    firstSeenAt: listing.firstSeenAt.toISOString(),
    lastSeenAt: listing.lastSeenAt.toISOString(),
    status: listing.status,
    removedAt: listing.removedAt?.toISOString() ?? null,
    availability: listing.availability,
  };
}

export function toListingEventDto(event: ListingEvent): z.infer<typeof ListingEventSchema> {
  return { id: event.id, kind: event.kind, at: event.at.toISOString(), runId: event.runId, changes: event.changes, reason: event.reason };
}

export function toListingImageDto(image: ListingImage): z.infer<typeof ListingImageSchema> {
  return { id: image.id, url: image.url, sha256: image.sha256, file: image.blobKey ? `/files/listing-images/${image.id}` : null, error: image.error };
}

export function toEvidenceDto(row: Evidence): z.infer<typeof EvidenceSchema> {
  return {
    id: row.id,
    url: row.url,
    capturedAt: row.capturedAt.toISOString(),
    httpStatus: row.httpStatus,
    screenshotSha256: row.screenshotSha256,
    htmlSha256: row.htmlSha256,
    software: row.software,
    screenshot: `/files/evidence/${row.id}/screenshot`,
    html: `/files/evidence/${row.id}/html`,
    warcSha256: row.warcSha256,
    warc: row.warcKey ? `/files/evidence/${row.id}/warc` : null,
    serverIp: row.serverIp,
  };
}
