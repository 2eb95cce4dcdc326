import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { BulkAction } from '../../services/finding.review.service.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { conflictResponse, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { BulkBodySchema, BulkResultSchema } from './finding.dto.ts';

const route = createRoute({
  method: 'post',
  path: '/findings/bulk',
  tags: ['findings'],
  summary: 'Confirm, dismiss (with a reason) or assign a selection of findings in one transaction (officers only)',
  description: 'All or nothing: an id that does not exist or is not visible answers 404 and nothing changes.',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { body: { required: true, content: { 'application/json': { schema: BulkBodySchema } } } },
  responses: {
    200: { description: 'Which findings changed', content: { 'application/json': { schema: BulkResultSchema } } },
    ...problemResponses,
    ...conflictResponse,
  },
});

export const registerBulkFindings: RouteRegistrar = (router, { findingReview }) => {
  router.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const action: BulkAction =
      body.action === 'dismiss' ? { action: 'dismiss', reason: body.reason! } : body.action === 'assign' ? { action: 'assign', assigneeId: body.assigneeId ?? null } : { action: 'confirm' };
    return c.json(await findingReview.bulk(currentUser(c), body.ids, action), 200);
  });
};
