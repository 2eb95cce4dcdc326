import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../../core/errors/errors.ts';
import type { Capture } from '../../../crawler/crawler.schema.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { ApiDeps } from '../../app.types.ts';
import { currentUser, type RouteRegistrar } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { MONITORING_READERS, STEERING_ROLES, monitoringServices } from '../sources/monitoring.services.ts';

export const CaptureBodySchema = z
  .object({
    url: z.string().trim().min(1).max(2000).openapi({ example: 'https://shopee.vn/tranh-dong-ho-i.1.2' }),
    internal: z.boolean().default(false).openapi({ description: 'Allow a loopback/private address (intranet page)' }),
  })
  .strict()
  .openapi('CaptureInput');

export const CaptureSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    error: z.string().nullable(),
    runId: z.number().int().nullable(),
    listingId: z.number().int().nullable(),
    listing: z.string().nullable().openapi({ description: 'REST address of the captured listing' }),
    findings: z.array(z.object({ id: z.number().int(), workId: z.number().int().nullable(), score: z.number(), status: z.string(), href: z.string() })),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Capture');

export async function captureView(deps: ApiDeps, capture: Capture): Promise<z.infer<typeof CaptureSchema>> {
  const findings = capture.listingId ? await monitoringServices(deps).findings.list({ listingId: capture.listingId, limit: 50 }) : [];
  return {
    id: capture.id,
    url: capture.url,
    status: capture.status,
    error: capture.error,
    runId: capture.runId,
    listingId: capture.listingId,
    listing: capture.listingId ? `/api/v1/listings/${capture.listingId}` : null,
    findings: findings.map((f) => ({ id: f.id, workId: (f as { workId?: number | null }).workId ?? null, score: f.score, status: f.status, href: `/findings/${f.id}` })),
    createdAt: capture.createdAt.toISOString(),
    finishedAt: capture.finishedAt?.toISOString() ?? null,
  };
}

const post = createRoute({
  method: 'post',
  path: '/captures',
  tags: ['monitoring'],
  summary: 'Capture a URL found by hand: validated, SSRF-checked, captured with full evidence and matched (officers)',
  security: cookieSecurity,
  middleware: [requireRole(STEERING_ROLES)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CaptureBodySchema } } } },
  responses: { 202: { description: 'Queued', content: { 'application/json': { schema: CaptureSchema } } }, ...problemResponses },
});
const list = createRoute({
  method: 'get',
  path: '/captures',
  tags: ['monitoring'],
  summary: 'Manual captures, newest first',
  security: cookieSecurity,
  middleware: [requireRole(MONITORING_READERS)] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: { description: 'Captures', content: { 'application/json': { schema: z.object({ items: z.array(CaptureSchema) }) } } }, ...problemResponses },
});
const get = createRoute({
  method: 'get',
  path: '/captures/{id}',
  tags: ['monitoring'],
  summary: 'One capture: its status, listing and findings',
  security: cookieSecurity,
  middleware: [requireRole(MONITORING_READERS)] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The capture', content: { 'application/json': { schema: CaptureSchema } } }, ...problemResponses },
});

export const registerCaptureRoutes: RouteRegistrar = (router, { deps }) => {
  const m = monitoringServices(deps);
  router.openapi(post, async (c) => {
    const { url, internal } = c.req.valid('json');
    const capture = await m.captureService.request({ url, internal, requestedBy: currentUser(c).id });
    return c.json(await captureView(deps, capture), 202);
  });
  router.openapi(list, async (c) => {
    const rows = await m.captures.list({ limit: c.req.valid('query').limit });
    return c.json({ items: await Promise.all(rows.map((r) => captureView(deps, r))) }, 200);
  });
  router.openapi(get, async (c) => {
    const capture = await m.captures.get(c.req.valid('param').id);
    if (!capture) throw new NotFoundError(`capture ${c.req.valid('param').id} not found`);
    return c.json(await captureView(deps, capture), 200);
  });
};
