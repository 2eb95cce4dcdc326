import { createRoute, z } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { OffsetPageQuery } from '../pagination.dto.ts';
import { cookieSecurity, problemResponses } from '../problem.dto.ts';
import { WorkSchema, toWorkDto } from './work.dto.ts';

const route = createRoute({
  method: 'get',
  path: '/works',
  tags: ['works'],
  summary: 'Registered works (a rights holder sees only their own)',
  security: cookieSecurity,
  request: {
    query: OffsetPageQuery,
  },
  responses: {
    200: { description: 'Works by id', content: { 'application/json': { schema: z.object({ items: z.array(WorkSchema) }) } } },
    ...problemResponses,
  },
});

export const registerListWorks: RouteRegistrar = (router, { works }) => {
  router.openapi(route, async (c) => {
    const user = currentUser(c);
    const { limit, offset } = c.req.valid('query');
    if (user.role === 'rights_holder' && user.ownerId == null) return c.json({ items: [] }, 200);
    const rows = await works.list({ limit, offset, ...(user.role === 'rights_holder' ? { ownerId: user.ownerId! } : {}) });
    return c.json({ items: rows.map(toWorkDto) }, 200);
  });
};
