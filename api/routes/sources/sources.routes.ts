import { createRoute, z } from '@hono/zod-openapi';
import { ConflictError, NotFoundError } from '../../../core/errors/errors.ts';
import type { Source } from '../../../crawler/crawler.schema.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { ApiDeps } from '../../app.types.ts';
import { currentUser, type RouteRegistrar } from '../api.router.ts';
import { IdParam, conflictResponse, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { RunSchema, SourceBodySchema, SourcePatchSchema, SourceSchema, draftOf, toRunDto, toSourceDto } from './source.dto.ts';
import { MONITORING_READERS, STEERING_ROLES, actorOf, monitoringServices } from './monitoring.services.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

export async function sourceView(deps: ApiDeps, source: Source) {
  const m = monitoringServices(deps);
  const [schedule, [lastRun]] = await Promise.all([m.schedules.get(source.id).catch(() => undefined), m.sources.listRuns({ sourceId: source.id, limit: 1 })]);
  return toSourceDto(source, schedule, lastRun);
}

const list = createRoute({ method: 'get', path: '/sources', tags: ['monitoring'], summary: 'Monitored sources (sites and marketplace searches)', security: cookieSecurity, middleware: [requireRole(MONITORING_READERS)] as const, responses: { 200: json(z.object({ items: z.array(SourceSchema) }), 'All sources'), ...problemResponses } });
const create = createRoute({ method: 'post', path: '/sources', tags: ['monitoring'], summary: 'Create a source; its schedule is registered with the queue (officers)', security: cookieSecurity, middleware: [requireRole(STEERING_ROLES)] as const, request: body(SourceBodySchema), responses: { 201: json(SourceSchema, 'The new source'), ...problemResponses, ...conflictResponse } });
const get = createRoute({ method: 'get', path: '/sources/{id}', tags: ['monitoring'], summary: 'One source with its next scheduled run and last run', security: cookieSecurity, middleware: [requireRole(MONITORING_READERS)] as const, request: { params: IdParam }, responses: { 200: json(SourceSchema, 'The source'), ...problemResponses } });
const patch = createRoute({ method: 'patch', path: '/sources/{id}', tags: ['monitoring'], summary: 'Change a source (officers); robots.txt overrides are audited', security: cookieSecurity, middleware: [requireRole(STEERING_ROLES)] as const, request: { params: IdParam, ...body(SourcePatchSchema) }, responses: { 200: json(SourceSchema, 'The source after the change'), ...problemResponses, ...conflictResponse } });
const remove = createRoute({ method: 'delete', path: '/sources/{id}', tags: ['monitoring'], summary: 'Delete a source and its schedule (officers)', security: cookieSecurity, middleware: [requireRole(STEERING_ROLES)] as const, request: { params: IdParam }, responses: { 204: { description: 'Deleted' }, ...problemResponses } });
const runNow = createRoute({
  method: 'post',
  path: '/sources/{id}/runs',
  tags: ['monitoring'],
  summary: 'Run now: queue a crawl of the source (409 while one is queued or running)',
  security: cookieSecurity,
  middleware: [requireRole(STEERING_ROLES)] as const,
  request: { params: IdParam },
  responses: { 202: json(RunSchema, 'The queued run'), ...problemResponses, ...conflictResponse },
});

export const registerSourceRoutes: RouteRegistrar = (router, { deps }) => {
  const m = monitoringServices(deps);
  router.openapi(list, async (c) => {
    const items = await Promise.all((await m.sources.listSources({ includeManual: false })).map((s) => sourceView(deps, s)));
    return c.json({ items }, 200);
  });
  router.openapi(create, async (c) => {
    const source = await m.sourceService.create(c.req.valid('json'), actorOf(currentUser(c)));
    return c.json(await sourceView(deps, source), 201);
  });
  router.openapi(get, async (c) => {
    const source = await m.sources.getSource(c.req.valid('param').id);
    if (!source || source.kind === 'manual') throw new NotFoundError(`source ${c.req.valid('param').id} not found`);
    return c.json(await sourceView(deps, source), 200);
  });
  router.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const before = await m.sourceService.getOrThrow(id);
    // Only the fields sent: the schema's defaults must not overwrite what the source already has.
    const sent = new Set(Object.keys((await c.req.json()) as object));
    const changes = Object.fromEntries(Object.entries(c.req.valid('json')).filter(([k, v]) => v !== undefined && sent.has(k)));
    const source = await m.sourceService.update(id, { ...draftOf(before), ...changes }, actorOf(currentUser(c)));
    return c.json(await sourceView(deps, source), 200);
  });
  router.openapi(remove, async (c) => {
    await m.sourceService.remove(c.req.valid('param').id, actorOf(currentUser(c)));
    return c.body(null, 204);
  });
  router.openapi(runNow, async (c) => {
    const { id } = c.req.valid('param');
    const { run, created } = await m.runs.runNow(id, currentUser(c).id);
    if (!created) throw new ConflictError(`source ${id} already has run ${run.id} ${run.status}`, { runId: run.id });
    return c.json(toRunDto(run), 202);
  });
};
