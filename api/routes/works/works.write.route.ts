import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { toActor } from '../registry/registry.actor.ts';
import { conflict } from '../registry/registry.responses.ts';
import { StatusBody, WorkCreateBody, WorkDetailSchema, WorkPatchBody, toWorkDetailDto } from './work.dto.ts';

const writers = ['officer', 'rights_holder'] as const;
const json = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const detail = (description: string) => ({ description, content: { 'application/json': { schema: WorkDetailSchema } } });

const createWork = createRoute({
  method: 'post',
  path: '/works',
  tags: ['works'],
  summary: 'Register a work (officers; rights holders for their own owner, who is always added first)',
  security: cookieSecurity,
  middleware: [requireRole(writers)] as const,
  request: { body: json(WorkCreateBody) },
  responses: { 201: detail('The new work'), ...problemResponses, ...conflict },
});

const updateWork = createRoute({
  method: 'patch',
  path: '/works/{id}',
  tags: ['works'],
  summary: 'Change some fields of a work; what is left out stays as it is',
  security: cookieSecurity,
  middleware: [requireRole(writers)] as const,
  request: { params: IdParam, body: json(WorkPatchBody) },
  responses: { 200: detail('The work after the change'), ...problemResponses, ...conflict },
});

const setStatus = createRoute({
  method: 'post',
  path: '/works/{id}/status',
  tags: ['works'],
  summary: 'Set a work draft, active (monitored) or withdrawn',
  security: cookieSecurity,
  middleware: [requireRole(writers)] as const,
  request: { params: IdParam, body: json(StatusBody) },
  responses: { 200: detail('The work after the change'), ...problemResponses },
});

export const registerWriteWorks: RouteRegistrar = (router, { portal: { registry } }) => {
  router.openapi(createWork, async (c) => {
    const work = await registry.createWork(toActor(currentUser(c)), c.req.valid('json'));
    return c.json(toWorkDetailDto(work), 201);
  });
  router.openapi(updateWork, async (c) => {
    const work = await registry.updateWork(toActor(currentUser(c)), c.req.valid('param').id, c.req.valid('json'));
    return c.json(toWorkDetailDto(work), 200);
  });
  router.openapi(setStatus, async (c) => {
    const work = await registry.setWorkStatus(toActor(currentUser(c)), c.req.valid('param').id, c.req.valid('json').status);
    return c.json(toWorkDetailDto(work), 200);
  });
};
