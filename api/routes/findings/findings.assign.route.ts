import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { AssignBodySchema, FindingSchema, toFindingDto } from './finding.dto.ts';

const route = createRoute({
  method: 'post',
  path: '/findings/{id}/assign',
  tags: ['findings'],
  summary: 'Assign a finding to an officer, or unassign it (officers only)',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: AssignBodySchema } } } },
  responses: {
    200: { description: 'The finding after the change', content: { 'application/json': { schema: FindingSchema } } },
    ...problemResponses,
  },
});

export const registerAssignFinding: RouteRegistrar = (router, { findingService, findingReview }) => {
  router.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const user = currentUser(c);
    await findingReview.assign(user, id, c.req.valid('json').assigneeId);
    return c.json(toFindingDto(await findingService.detail(user, id)), 200);
  });
};
