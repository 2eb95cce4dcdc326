import { createRoute } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { toActor } from '../registry/registry.actor.ts';
import { FingerprintProgressSchema, WorkDetailSchema, toProgressDto, toWorkDetailDto } from './work.dto.ts';

const route = createRoute({
  method: 'get',
  path: '/works/{id}',
  tags: ['works'],
  summary: 'One registered work with its assets and fingerprinting progress',
  security: cookieSecurity,
  request: { params: IdParam },
  responses: {
    200: { description: 'The work', content: { 'application/json': { schema: WorkDetailSchema } } },
    ...problemResponses,
  },
});

const progressRoute = createRoute({
  method: 'get',
  path: '/works/{id}/fingerprint',
  tags: ['works'],
  summary: 'Fingerprinting progress of a work',
  security: cookieSecurity,
  request: { params: IdParam },
  responses: {
    200: { description: 'Progress', content: { 'application/json': { schema: FingerprintProgressSchema } } },
    ...problemResponses,
  },
});

export const registerGetWork: RouteRegistrar = (router, { portal: { registry } }) => {
  router.openapi(route, async (c) => {
    const work = await registry.getWork(toActor(currentUser(c)), c.req.valid('param').id);
    return c.json(toWorkDetailDto(work), 200);
  });
  router.openapi(progressRoute, async (c) => {
    const progress = await registry.fingerprintProgress(toActor(currentUser(c)), { type: 'work', id: c.req.valid('param').id });
    return c.json(toProgressDto(progress), 200);
  });
};
