import { z } from '@hono/zod-openapi';
import type { Asset } from '../../../fingerprints/fingerprints.schema.ts';
import type { WorkWithOwners } from '../../../fingerprints/work.repository.ts';
import { workTypes } from '../../../fingerprints/fingerprints.schema.ts';

export const WorkSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    type: z.enum(workTypes),
    authors: z.array(z.string()),
    owners: z.array(z.object({ id: z.number().int(), name: z.string() })),
    certificateNo: z.string().nullable().openapi({ example: '3794/2026/QTG' }),
    certificateDate: z.string().nullable(),
    description: z.string().nullable(),
    status: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Work');

export const AssetSchema = z
  .object({ id: z.number().int(), kind: z.string(), mime: z.string().nullable(), sha256: z.string(), file: z.string().nullable() })
  .openapi('Asset');

export const WorkDetailSchema = WorkSchema.extend({ assets: z.array(AssetSchema) }).openapi('WorkDetail');

export function toWorkDto(work: WorkWithOwners): z.infer<typeof WorkSchema> {
  return {
    id: work.id,
    title: work.title,
    type: work.type,
    authors: work.authors,
    owners: work.owners,
    certificateNo: work.certificateNo,
    certificateDate: work.certificateDate,
    description: work.description,
    status: work.status,
    createdAt: work.createdAt.toISOString(),
    updatedAt: work.updatedAt.toISOString(),
  };
}

export function toAssetDto(asset: Asset): z.infer<typeof AssetSchema> {
  return { id: asset.id, kind: asset.kind, mime: asset.mime, sha256: asset.sha256, file: asset.blobKey ? `/files/assets/${asset.id}` : null };
}
