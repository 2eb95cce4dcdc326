import { z } from '@hono/zod-openapi';
import { markForms, markKinds, workStatuses } from '../../../fingerprints/fingerprints.schema.ts';
import type { MarkDetail } from '../../../fingerprints/registry/registry.types.ts';
import { AssetSchema, FingerprintProgressSchema, PageMeta, PartyRefBody, toAssetDto, toProgressDto } from '../works/work.dto.ts';

const Int4 = z.coerce.number().int().positive().max(2_147_483_647);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).openapi({ format: 'date', example: '2024-05-20' });

export const MarkSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    form: z.enum(markForms),
    kind: z.enum(markKinds),
    owner: z.object({ id: z.number().int(), name: z.string() }),
    certificateNo: z.string().nullable(),
    filingDate: z.string().nullable(),
    grantDate: z.string().nullable(),
    expiresOn: z.string().nullable().openapi({ description: 'Filing date + 10 years (renewable)' }),
    niceClasses: z.array(z.number().int()),
    goods: z.string().nullable(),
    description: z.string().nullable(),
    status: z.enum(workStatuses),
    fingerprint: FingerprintProgressSchema,
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Mark');

export const MarkDetailSchema = MarkSchema.extend({ assets: z.array(AssetSchema) }).openapi('MarkDetail');
export const MarkPageSchema = z.object({ items: z.array(MarkSchema), ...PageMeta }).openapi('MarkPage');

export const MarkListQuery = z.object({
  q: z.string().max(200).optional().openapi({ description: 'Name, with or without diacritics' }),
  kind: z.enum(markKinds).optional(),
  ownerId: Int4.optional(),
  certificateNo: z.string().max(64).optional(),
  status: z.enum(workStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const markBodyFields = {
  name: z.string().min(1).max(300),
  form: z.enum(markForms),
  kind: z.enum(markKinds),
  owner: PartyRefBody.openapi({ description: 'Officers only; a rights holder’s marks are always their own' }),
  certificateNo: z.string().max(64).nullable(),
  filingDate: date.nullable(),
  grantDate: date.nullable(),
  niceClasses: z.array(z.number().int().min(1).max(45)).max(45),
  goods: z.string().max(10_000).nullable(),
  description: z.string().max(10_000).nullable(),
  status: z.enum(workStatuses),
};

export const MarkCreateBody = z.object(markBodyFields).partial().required({ name: true, kind: true }).strict().openapi('MarkCreate');
export const MarkPatchBody = z.object(markBodyFields).partial().strict().openapi('MarkPatch');

export function toMarkDto(mark: MarkDetail): z.infer<typeof MarkSchema> {
  return {
    id: mark.id,
    name: mark.name,
    form: mark.form,
    kind: mark.kind,
    owner: { id: mark.owner.id, name: mark.owner.name },
    certificateNo: mark.certificateNo,
    filingDate: mark.filingDate,
    grantDate: mark.grantDate,
    expiresOn: mark.expiresOn,
    niceClasses: mark.niceClasses,
    goods: mark.goods,
    description: mark.description,
    status: mark.status,
    fingerprint: toProgressDto(mark.fingerprint),
    createdAt: mark.createdAt.toISOString(),
    updatedAt: mark.updatedAt.toISOString(),
  };
}

export function toMarkDetailDto(mark: MarkDetail): z.infer<typeof MarkDetailSchema> {
  return { ...toMarkDto(mark), assets: mark.assets.map(toAssetDto) };
}
