import { createRoute } from '@hono/zod-openapi';
import { NotFoundError, ValidationError } from '../../../core/errors/errors.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { toActor } from '../registry/registry.actor.ts';
import { conflict, uploadProblems } from '../registry/registry.responses.ts';
import { asUploadError, readAssetUpload } from '../registry/upload.form.ts';
import { AssetParams, AssetSchema, AssetUploadForm, StatusBody, toAssetDto } from '../works/work.dto.ts';
import { MarkCreateBody, MarkDetailSchema, MarkPatchBody, toMarkDetailDto } from './mark.dto.ts';

const writers = ['officer', 'rights_holder'] as const;
const json = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const detail = (description: string) => ({ description, content: { 'application/json': { schema: MarkDetailSchema } } });

const create = createRoute({
  method: 'post',
  path: '/marks',
  tags: ['marks'],
  summary: 'Register a mark (officers; rights holders for their own owner)',
  security: cookieSecurity,
  middleware: [requireRole(writers)] as const,
  request: { body: json(MarkCreateBody) },
  responses: { 201: detail('The new mark'), ...problemResponses, ...conflict },
});

const update = createRoute({
  method: 'patch',
  path: '/marks/{id}',
  tags: ['marks'],
  summary: 'Change some fields of a mark',
  security: cookieSecurity,
  middleware: [requireRole(writers)] as const,
  request: { params: IdParam, body: json(MarkPatchBody) },
  responses: { 200: detail('The mark after the change'), ...problemResponses, ...conflict },
});

const status = createRoute({
  method: 'post',
  path: '/marks/{id}/status',
  tags: ['marks'],
  summary: 'Set a mark draft, active (monitored) or withdrawn',
  security: cookieSecurity,
  middleware: [requireRole(writers)] as const,
  request: { params: IdParam, body: json(StatusBody) },
  responses: { 200: detail('The mark after the change'), ...problemResponses },
});

const image = createRoute({
  method: 'post',
  path: '/marks/{id}/image',
  tags: ['marks'],
  summary: 'Add the figurative element (an image, sniffed and decoded; fingerprinted)',
  security: cookieSecurity,
  middleware: [requireRole(writers)] as const,
  request: { params: IdParam, body: { required: true, content: { 'multipart/form-data': { schema: AssetUploadForm } } } },
  responses: { 201: { description: 'The image asset', content: { 'application/json': { schema: AssetSchema } } }, ...problemResponses, ...uploadProblems },
});

const removeAsset = createRoute({
  method: 'delete',
  path: '/marks/{id}/assets/{assetId}',
  tags: ['marks'],
  summary: 'Remove a mark’s image and its fingerprints',
  security: cookieSecurity,
  middleware: [requireRole(writers)] as const,
  request: { params: AssetParams },
  responses: { 204: { description: 'Removed' }, ...problemResponses },
});

export const registerWriteMarks: RouteRegistrar = (router, { deps, portal: { registry } }) => {
  router.openapi(create, async (c) => c.json(toMarkDetailDto(await registry.createMark(toActor(currentUser(c)), c.req.valid('json'))), 201));
  router.openapi(update, async (c) => c.json(toMarkDetailDto(await registry.updateMark(toActor(currentUser(c)), c.req.valid('param').id, c.req.valid('json'))), 200));
  router.openapi(status, async (c) => c.json(toMarkDetailDto(await registry.setMarkStatus(toActor(currentUser(c)), c.req.valid('param').id, c.req.valid('json').status)), 200));
  router.openapi(image, async (c) => {
    const actor = toActor(currentUser(c));
    const { id } = c.req.valid('param');
    await registry.getMark(actor, id);
    const upload = await readAssetUpload(c, deps.config.maxImageBytes);
    if (upload.kind !== 'image') throw new ValidationError('a mark takes an image file');
    const asset = await asUploadError(registry.addMarkImage(actor, id, { name: upload.name, bytes: upload.bytes }));
    return c.json(toAssetDto(asset), 201);
  });
  router.openapi(removeAsset, async (c) => {
    const actor = toActor(currentUser(c));
    const { id, assetId } = c.req.valid('param');
    const asset = await registry.getAsset(actor, assetId);
    if (asset.markId !== id) throw new NotFoundError(`asset ${assetId} not found`);
    await registry.removeAsset(actor, assetId);
    return c.body(null, 204);
  });
};
