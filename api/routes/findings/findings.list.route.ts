import { createRoute } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { cookieSecurity, problemResponses } from '../problem.dto.ts';
import { FindingPageSchema, FindingQuerySchema, toFindingDto } from './finding.dto.ts';

const route = createRoute({
  method: 'get',
  path: '/findings',
  tags: ['findings'],
  summary: 'Findings, newest first, keyset-paginated (a rights holder sees only those on their works)',
  security: cookieSecurity,
  request: { query: FindingQuerySchema },
  responses: {
    200: { description: 'A page of findings', content: { 'application/json': { schema: FindingPageSchema } } },
    ...problemResponses,
  },
});

export const registerListFindings: RouteRegistrar = (router, { findingService }) => {
  router.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const page = await findingService.list(currentUser(c), query);
    return c.json({ items: page.rows.map(toFindingDto), nextCursor: page.nextCursor ?? null }, 200);
  });
};
