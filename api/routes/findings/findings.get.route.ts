import { createRoute } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { FindingSchema, toFindingDto } from './finding.dto.ts';

const route = createRoute({
  method: 'get',
  path: '/findings/{id}',
  tags: ['findings'],
  summary: 'One finding with its signals',
  security: cookieSecurity,
  request: { params: IdParam },
  responses: {
    200: { description: 'The finding', content: { 'application/json': { schema: FindingSchema } } },
    ...problemResponses,
  },
});

export const registerGetFinding: RouteRegistrar = (router, { findingService }) => {
  router.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const detail = await findingService.detail(currentUser(c), id);
    return c.json(toFindingDto(detail), 200);
  });
};
