import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, conflictResponse, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { FindingSchema, ReviewBodySchema, toFindingDto } from './finding.dto.ts';

const route = createRoute({
  method: 'post',
  path: '/findings/{id}/review',
  tags: ['findings'],
  summary: 'Confirm, or dismiss with a reason (note), a finding (officers only); recorded in the audit log',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: ReviewBodySchema } } },
  },
  responses: {
    200: { description: 'The finding after review', content: { 'application/json': { schema: FindingSchema } } },
    ...problemResponses,
    ...conflictResponse,
  },
});

export const registerReviewFinding: RouteRegistrar = (router, { findingService, findingReview }) => {
  router.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { status, note } = c.req.valid('json');
    const user = currentUser(c);
    await findingReview.review(user, id, status, note);
    const detail = await findingService.detail(user, id);
    return c.json(toFindingDto(detail), 200);
  });
};
