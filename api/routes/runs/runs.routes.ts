import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../../core/errors/errors.ts';
import { crawlRunStatuses } from '../../../crawler/crawler.schema.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { IdParam, conflictResponse, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { RunSchema, toRunDto } from '../sources/source.dto.ts';
import { MONITORING_READERS, STEERING_ROLES, monitoringServices } from '../sources/monitoring.services.ts';

const RunListQuery = z.object({
  sourceId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  status: z.enum(crawlRunStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().max(2_147_483_647).optional().openapi({ description: 'Runs with a smaller id (paging)' }),
});

const list = createRoute({
  method: 'get',
  path: '/runs',
  tags: ['monitoring'],
  summary: 'Crawl runs, newest first, with progress and errors',
  security: cookieSecurity,
  middleware: [requireRole(MONITORING_READERS)] as const,
  request: { query: RunListQuery },
  responses: { 200: { description: 'Runs', content: { 'application/json': { schema: z.object({ items: z.array(RunSchema) }) } } }, ...problemResponses },
});
const get = createRoute({
  method: 'get',
  path: '/runs/{id}',
  tags: ['monitoring'],
  summary: 'One crawl run',
  security: cookieSecurity,
  middleware: [requireRole(MONITORING_READERS)] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The run', content: { 'application/json': { schema: RunSchema } } }, ...problemResponses },
});
const cancel = createRoute({
  method: 'post',
  path: '/runs/{id}/cancel',
  tags: ['monitoring'],
  summary: 'Cancel a queued or running crawl (officers); the crawler stops within seconds',
  security: cookieSecurity,
  middleware: [requireRole(STEERING_ROLES)] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The run after the request (cancelled, or running with cancelRequested until the crawler stops)', content: { 'application/json': { schema: RunSchema } } }, ...problemResponses, ...conflictResponse },
});

export const registerRunRoutes: RouteRegistrar = (router, { deps }) => {
  const m = monitoringServices(deps);
  router.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const runs = await m.sources.listRuns({ limit: q.limit, ...(q.sourceId ? { sourceId: q.sourceId } : {}), ...(q.status ? { status: q.status } : {}), ...(q.before ? { beforeId: q.before } : {}) });
    return c.json({ items: runs.map(toRunDto) }, 200);
  });
  router.openapi(get, async (c) => {
    const run = await m.sources.getRun(c.req.valid('param').id);
    if (!run) throw new NotFoundError(`run ${c.req.valid('param').id} not found`);
    return c.json(toRunDto(run), 200);
  });
  router.openapi(cancel, async (c) => c.json(toRunDto(await m.runs.cancel(c.req.valid('param').id)), 200));
};
