import { createRoute } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { cookieSecurity, problemResponses } from '../problem.dto.ts';
import { toActor } from '../registry/registry.actor.ts';
import { WorkListQuery, WorkPageSchema, toWorkDto } from './work.dto.ts';

const route = createRoute({
  method: 'get',
  path: '/works',
  tags: ['works'],
  summary: 'Registered works, searchable by title with or without diacritics (a rights holder sees only their own)',
  security: cookieSecurity,
  request: { query: WorkListQuery },
  responses: {
    200: { description: 'A page of works, by id', content: { 'application/json': { schema: WorkPageSchema } } },
    ...problemResponses,
  },
});

export const registerListWorks: RouteRegistrar = (router, { portal: { registry } }) => {
  router.openapi(route, async (c) => {
    const query = c.req.valid('query');
    // The registry narrows a rights holder's list to their own owner whatever ownerId they sent.
    const page = await registry.listWorks(toActor(currentUser(c)), query);
    return c.json({ items: page.rows.map(toWorkDto), total: page.total, limit: query.limit, offset: query.offset }, 200);
  });
};
