import { createRoute } from '@hono/zod-openapi';
import { NotFoundError } from '../../../core/errors/errors.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { WorkDetailSchema, toAssetDto, toWorkDto } from './work.dto.ts';

const route = createRoute({
  method: 'get',
  path: '/works/{id}',
  tags: ['works'],
  summary: 'One registered work with its assets',
  security: cookieSecurity,
  request: { params: IdParam },
  responses: {
    200: { description: 'The work', content: { 'application/json': { schema: WorkDetailSchema } } },
    ...problemResponses,
  },
});

export const registerGetWork: RouteRegistrar = (router, { works, access }) => {
  router.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    await access.assertWork(currentUser(c), id);
    const work = await works.get(id);
    if (!work) throw new NotFoundError(`work ${id} not found`);
    const assets = await works.assetsOf(id);
    return c.json({ ...toWorkDto(work), assets: assets.map(toAssetDto) }, 200);
  });
};
