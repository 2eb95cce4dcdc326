import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { NotFoundError, PayloadTooLargeError } from '../../../core/errors/errors.ts';
import { SourceSessionService } from '../../../crawler/session/session.service.ts';
import type { SessionSummary } from '../../../crawler/session/session.repository.ts';
import { MAX_STORAGE_STATE_BYTES } from '../../../crawler/session/storage-state.schema.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { currentUser, type RouteRegistrar } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { MONITORING_READERS, STEERING_ROLES, actorOf } from './monitoring.services.ts';

/** What is shown of a sealed session: never a cookie or storage value. */
export const SessionSummarySchema = z
  .object({ sourceId: z.number().int(), origins: z.array(z.string()), domains: z.array(z.string()), cookies: z.number().int(), updatedAt: z.string() })
  .openapi('BrowserSessionSummary');

const StorageStateBody = z
  .object({ cookies: z.array(z.record(z.string(), z.unknown())), origins: z.array(z.record(z.string(), z.unknown())) })
  .openapi('PlaywrightStorageState', { description: "An officer's own login exported as a Playwright storage state (context.storageState())" });

const limit = bodyLimit({ maxSize: MAX_STORAGE_STATE_BYTES + 64 * 1024, onError: () => { throw new PayloadTooLargeError(`browser session larger than ${MAX_STORAGE_STATE_BYTES / 1024 / 1024} MB`); } });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const get = createRoute({ method: 'get', path: '/sources/{id}/session', tags: ['monitoring'], summary: 'Summary of the browser session attached to a source (domains, cookie count)', security: cookieSecurity, middleware: [requireRole(MONITORING_READERS)] as const, request: { params: IdParam }, responses: { 200: json(z.object({ session: SessionSummarySchema.nullable() }), 'The summary, or null'), ...problemResponses } });
const put = createRoute({
  method: 'put',
  path: '/sources/{id}/session',
  tags: ['monitoring'],
  summary: "Attach an officer's browser session to a source; sealed at rest (AES-256-GCM), replaces the previous one (officers)",
  security: cookieSecurity,
  middleware: [requireRole(STEERING_ROLES), limit] as const,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: StorageStateBody } } } },
  responses: { 200: json(SessionSummarySchema, 'What was stored'), 413: { description: 'Too large' }, ...problemResponses },
});
const remove = createRoute({ method: 'delete', path: '/sources/{id}/session', tags: ['monitoring'], summary: 'Remove the browser session of a source (officers)', security: cookieSecurity, middleware: [requireRole(STEERING_ROLES)] as const, request: { params: IdParam }, responses: { 204: { description: 'Removed' }, ...problemResponses } });

export function sessionDto(s: SessionSummary) {
  return { sourceId: s.sourceId, origins: s.origins, domains: s.domains, cookies: s.cookies, updatedAt: s.updatedAt.toISOString() };
}

export const registerSourceSessionRoutes: RouteRegistrar = (router, { deps }) => {
  const sessions = new SourceSessionService(deps);
  router.openapi(get, async (c) => {
    const summary = await sessions.summary(c.req.valid('param').id);
    return c.json({ session: summary ? sessionDto(summary) : null }, 200);
  });
  router.openapi(put, async (c) => {
    const summary = await sessions.save(c.req.valid('param').id, JSON.stringify(c.req.valid('json')), actorOf(currentUser(c)));
    return c.json(sessionDto(summary), 200);
  });
  router.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await sessions.remove(id, actorOf(currentUser(c))))) throw new NotFoundError(`source ${id} has no browser session`);
    return c.body(null, 204);
  });
};
