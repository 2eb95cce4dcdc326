import { createRoute } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, ProblemSchema, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { packetResponse } from './packet.dto.ts';
import { packetDownload } from './packet.services.ts';

const route = createRoute({
  method: 'get',
  path: '/cases/{id}/packet',
  tags: ['packets'],
  summary: 'Signed evidence packet of a case, every finding in it (rights holders: only a case whose findings are all theirs)',
  security: cookieSecurity,
  request: { params: IdParam },
  responses: { 200: packetResponse, ...problemResponses, 409: { description: 'The case has no findings', content: { 'application/problem+json': { schema: ProblemSchema } } } },
});

export const registerCasePacket: RouteRegistrar = (router, services) => {
  router.openapi(route, async (c) => (await packetDownload(services, currentUser(c), { kind: 'case', id: c.req.valid('param').id })) as never);
};
