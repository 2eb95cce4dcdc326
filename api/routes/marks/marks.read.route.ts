import { createRoute } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { toActor } from '../registry/registry.actor.ts';
import { FingerprintProgressSchema, toProgressDto } from '../works/work.dto.ts';
import { MarkDetailSchema, MarkListQuery, MarkPageSchema, toMarkDetailDto, toMarkDto } from './mark.dto.ts';

const list = createRoute({
  method: 'get',
  path: '/marks',
  tags: ['marks'],
  summary: 'Marks, geographical indications and OCOP brands, searchable by name with or without diacritics (a rights holder sees only their own)',
  security: cookieSecurity,
  request: { query: MarkListQuery },
  responses: { 200: { description: 'A page of marks, by id', content: { 'application/json': { schema: MarkPageSchema } } }, ...problemResponses },
});

const get = createRoute({
  method: 'get',
  path: '/marks/{id}',
  tags: ['marks'],
  summary: 'One mark with its image and fingerprinting progress',
  security: cookieSecurity,
  request: { params: IdParam },
  responses: { 200: { description: 'The mark', content: { 'application/json': { schema: MarkDetailSchema } } }, ...problemResponses },
});

const progress = createRoute({
  method: 'get',
  path: '/marks/{id}/fingerprint',
  tags: ['marks'],
  summary: 'Fingerprinting progress of a mark',
  security: cookieSecurity,
  request: { params: IdParam },
  responses: { 200: { description: 'Progress', content: { 'application/json': { schema: FingerprintProgressSchema } } }, ...problemResponses },
});

export const registerReadMarks: RouteRegistrar = (router, { portal: { registry } }) => {
  router.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const page = await registry.listMarks(toActor(currentUser(c)), query);
    return c.json({ items: page.rows.map(toMarkDto), total: page.total, limit: query.limit, offset: query.offset }, 200);
  });
  router.openapi(get, async (c) => c.json(toMarkDetailDto(await registry.getMark(toActor(currentUser(c)), c.req.valid('param').id)), 200));
  router.openapi(progress, async (c) => {
    const p = await registry.fingerprintProgress(toActor(currentUser(c)), { type: 'mark', id: c.req.valid('param').id });
    return c.json(toProgressDto(p), 200);
  });
};
