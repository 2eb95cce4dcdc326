import { z } from '@hono/zod-openapi';
import type { Asset } from '../../../fingerprints/fingerprints.schema.ts';
import { fingerprintStates, relatedRightKinds, workStatuses, workTypes } from '../../../fingerprints/fingerprints.schema.ts';
import { partyKinds } from '../../../fingerprints/fingerprints.schema.ts';
import type { FingerprintProgress, WorkDetail } from '../../../fingerprints/registry/registry.types.ts';

const Int4 = z.coerce.number().int().positive().max(2_147_483_647);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).openapi({ example: '2026-03-12', format: 'date' });

export const FingerprintProgressSchema = z
  .object({
    state: z.enum([...fingerprintStates, 'none']),
    assetsTotal: z.number().int(),
    assetsDone: z.number().int(),
    fingerprints: z.number().int(),
    error: z.string().nullable(),
    requestedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('FingerprintProgress');

const Party = z.object({ id: z.number().int(), name: z.string() });
const RelatedRight = z.object({ kind: z.enum(relatedRightKinds), holder: z.string(), description: z.string().nullable().optional() });

export const WorkSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    type: z.enum(workTypes),
    authors: z.array(z.string()),
    owners: z.array(Party),
    certificateNo: z.string().nullable().openapi({ example: '3794/2026/QTG' }),
    certificateDate: z.string().nullable(),
    publishedOn: z.string().nullable(),
    publishedPlace: z.string().nullable(),
    description: z.string().nullable(),
    relatedRights: z.array(RelatedRight),
    keywords: z.array(z.string()),
    status: z.enum(workStatuses),
    fingerprint: FingerprintProgressSchema,
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Work');

export const AssetSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    mime: z.string().nullable(),
    sha256: z.string(),
    file: z.string().nullable().openapi({ description: 'Where to fetch the stored file (images, documents)' }),
    originalName: z.string().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    content: z.string().nullable().openapi({ description: 'A text asset’s text' }),
  })
  .openapi('Asset');

export const WorkDetailSchema = WorkSchema.extend({ text: z.string().nullable(), assets: z.array(AssetSchema) }).openapi('WorkDetail');

export const PageMeta = { total: z.number().int(), limit: z.number().int(), offset: z.number().int() };
export const WorkPageSchema = z.object({ items: z.array(WorkSchema), ...PageMeta }).openapi('WorkPage');

export const WorkListQuery = z.object({
  q: z.string().max(200).optional().openapi({ description: 'Title, with or without diacritics' }),
  type: z.enum(workTypes).optional(),
  ownerId: Int4.optional(),
  certificateNo: z.string().max(64).optional(),
  status: z.enum(workStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const PartyRefBody = z.union([
  z.string().min(1).max(300),
  z
    .object({
      name: z.string().min(1).max(300),
      kind: z.enum(partyKinds).optional(),
      penName: z.string().max(300).nullable().optional(),
      identifier: z.string().max(64).nullable().optional(),
      email: z.string().max(320).nullable().optional(),
      phone: z.string().max(40).nullable().optional(),
      address: z.string().max(500).nullable().optional(),
    })
    .strict(),
]);

const workBodyFields = {
  title: z.string().min(1).max(500),
  type: z.enum(workTypes),
  authors: z.array(PartyRefBody).max(50),
  owners: z.array(PartyRefBody).max(50).openapi({ description: 'A rights holder’s own party is always added first' }),
  certificateNo: z.string().max(64).nullable().openapi({ example: '3794/2026/QTG' }),
  certificateDate: date.nullable(),
  publishedOn: date.nullable(),
  publishedPlace: z.string().max(300).nullable(),
  description: z.string().max(10_000).nullable(),
  text: z.string().max(200_000).nullable().openapi({ description: 'The work’s own text, fingerprinted for text reuse' }),
  keywords: z.array(z.string().max(200)).max(50),
  relatedRights: z.array(RelatedRight.extend({ holder: z.string().min(1).max(300), description: z.string().max(2000).nullable().optional() }).strict()).max(100),
  status: z.enum(workStatuses),
};

export const WorkCreateBody = z
  .object({ ...workBodyFields })
  .partial()
  .required({ title: true, type: true })
  .strict()
  .openapi('WorkCreate');
export const WorkPatchBody = z.object(workBodyFields).partial().strict().openapi('WorkPatch');
export const StatusBody = z.object({ status: z.enum(workStatuses) }).strict().openapi('StatusChange');

export const AssetUploadForm = z
  .object({
    kind: z.enum(['image', 'document', 'text']).optional().openapi({ description: 'Default: image for a file, text for `text`' }),
    file: z.any().optional().openapi({ type: 'string', format: 'binary' }),
    text: z.string().optional(),
    name: z.string().max(255).optional(),
    _csrf: z.string().optional().openapi({ description: 'The token of GET /api/v1/me (form posts with a session cookie need it)' }),
  })
  .openapi('AssetUpload');

export const AssetParams = z.object({
  id: Int4.openapi({ param: { name: 'id', in: 'path' }, example: 12 }),
  assetId: Int4.openapi({ param: { name: 'assetId', in: 'path' }, example: 40 }),
});

export function toProgressDto(p: FingerprintProgress): z.infer<typeof FingerprintProgressSchema> {
  return { ...p, requestedAt: p.requestedAt?.toISOString() ?? null, finishedAt: p.finishedAt?.toISOString() ?? null };
}

export function toWorkDto(work: WorkDetail): z.infer<typeof WorkSchema> {
  return {
    id: work.id,
    title: work.title,
    type: work.type,
    authors: work.authors,
    owners: work.owners.map((o) => ({ id: o.id, name: o.name })),
    certificateNo: work.certificateNo,
    certificateDate: work.certificateDate,
    publishedOn: work.publishedOn,
    publishedPlace: work.publishedPlace,
    description: work.description,
    relatedRights: work.relatedRights,
    keywords: work.keywords,
    status: work.status,
    fingerprint: toProgressDto(work.fingerprint),
    createdAt: work.createdAt.toISOString(),
    updatedAt: work.updatedAt.toISOString(),
  };
}

export function toWorkDetailDto(work: WorkDetail): z.infer<typeof WorkDetailSchema> {
  return { ...toWorkDto(work), text: work.text, assets: work.assets.map(toAssetDto) };
}

export function toAssetDto(asset: Asset): z.infer<typeof AssetSchema> {
  return {
    id: asset.id,
    kind: asset.kind,
    mime: asset.mime,
    sha256: asset.sha256,
    file: asset.blobKey ? `/files/assets/${asset.id}` : null,
    originalName: asset.originalName,
    width: asset.width,
    height: asset.height,
    content: asset.content,
  };
}
