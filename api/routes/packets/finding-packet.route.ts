import { createRoute } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { packetResponse } from './packet.dto.ts';
import { packetDownload } from './packet.services.ts';

const route = createRoute({
  method: 'get',
  path: '/findings/{id}/packet',
  tags: ['packets'],
  summary: "Signed evidence packet of one finding (rights holders: their own findings only); each export is audited",
  security: cookieSecurity,
  request: { params: IdParam },
  responses: { 200: packetResponse, ...problemResponses },
});

export const registerFindingPacket: RouteRegistrar = (router, services) => {
  router.openapi(route, async (c) => (await packetDownload(services, currentUser(c), { kind: 'finding', id: c.req.valid('param').id })) as never);
};
