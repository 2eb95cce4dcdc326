import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../../core/errors/errors.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { toActor } from '../registry/registry.actor.ts';
import { uploadProblems } from '../registry/registry.responses.ts';
import { asUploadError, readAssetUpload } from '../registry/upload.form.ts';
import { AssetParams, AssetSchema, AssetUploadForm, toAssetDto } from './work.dto.ts';

const writers = ['officer', 'rights_holder'] as const;

const addAsset = createRoute({
  method: 'post',
  path: '/works/{id}/assets',
  tags: ['works'],
  summary: 'Add an image, a document (PDF/JPEG/PNG scan) or a text excerpt; images are fingerprinted',
  description: 'multipart/form-data. The type is sniffed from the bytes; the name and declared type are not trusted. Same bytes twice is one asset.',
  security: cookieSecurity,
  middleware: [requireRole(writers)] as const,
  request: { params: IdParam, body: { required: true, content: { 'multipart/form-data': { schema: AssetUploadForm } } } },
  responses: {
    201: { description: 'The asset', content: { 'application/json': { schema: AssetSchema } } },
    ...problemResponses,
    ...uploadProblems,
  },
});

const deleteAsset = createRoute({
  method: 'delete',
  path: '/works/{id}/assets/{assetId}',
  tags: ['works'],
  summary: 'Remove an asset and its fingerprints',
  security: cookieSecurity,
  middleware: [requireRole(writers)] as const,
  request: { params: AssetParams },
  responses: { 204: { description: 'Removed' }, ...problemResponses },
});

const AuditEventSchema = z
  .object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), before: z.unknown(), after: z.unknown(), hash: z.string() })
  .openapi('AuditEvent');

const history = createRoute({
  method: 'get',
  path: '/works/{id}/history',
  tags: ['works'],
  summary: 'The audit trail of a work (hash-chained events)',
  security: cookieSecurity,
  request: { params: IdParam },
  responses: { 200: { description: 'Events, oldest first', content: { 'application/json': { schema: z.object({ items: z.array(AuditEventSchema) }) } } }, ...problemResponses },
});

export type AuditEventDto = z.infer<typeof AuditEventSchema>;
export function toAuditDto(e: { id: number; at: Date; actorLabel: string; action: string; before: unknown; after: unknown; hash: string }): AuditEventDto {
  return { id: e.id, at: e.at.toISOString(), actor: e.actorLabel, action: e.action, before: e.before, after: e.after, hash: e.hash };
}
export { AuditEventSchema };

export const registerWorkAssets: RouteRegistrar = (router, { deps, portal: { registry } }) => {
  router.openapi(addAsset, async (c) => {
    const actor = toActor(currentUser(c));
    const { id } = c.req.valid('param');
    // Seen first: a stranger's work id is 404 before any upload is read or decoded.
    await registry.getWork(actor, id);
    const upload = await readAssetUpload(c, deps.config.maxImageBytes);
    const asset = await asUploadError(registry.addWorkAsset(actor, id, upload));
    return c.json(toAssetDto(asset), 201);
  });
  router.openapi(deleteAsset, async (c) => {
    const actor = toActor(currentUser(c));
    const { id, assetId } = c.req.valid('param');
    const asset = await registry.getAsset(actor, assetId);
    if (asset.workId !== id) throw new NotFoundError(`asset ${assetId} not found`);
    await registry.removeAsset(actor, assetId);
    return c.body(null, 204);
  });
  router.openapi(history, async (c) => {
    const events = await registry.history(toActor(currentUser(c)), { type: 'work', id: c.req.valid('param').id });
    return c.json({ items: events.map(toAuditDto) }, 200);
  });
};
