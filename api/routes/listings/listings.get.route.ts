import { createRoute } from '@hono/zod-openapi';
import { NotFoundError } from '../../../core/errors/errors.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { ListingDetailSchema, toEvidenceDto, toListingDto, toListingEventDto, toListingImageDto } from './listing.dto.ts';

const route = createRoute({
  method: 'get',
  path: '/listings/{id}',
  tags: ['listings'],
  summary: 'One listing with its images, evidence captures and history (changes, removal, return after a takedown)',
  security: cookieSecurity,
  request: { params: IdParam },
  responses: {
    200: { description: 'The listing', content: { 'application/json': { schema: ListingDetailSchema } } },
    ...problemResponses,
  },
});

export const registerGetListing: RouteRegistrar = (router, { listings, access }) => {
  router.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    await access.assertListing(currentUser(c), id);
    const listing = await listings.get(id);
    if (!listing) throw new NotFoundError(`listing ${id} not found`);
    const [images, evidence, history] = await Promise.all([listings.images(id), listings.evidenceOf(id), listings.history(id)]);
    return c.json({ ...toListingDto(listing), images: images.map(toListingImageDto), evidence: evidence.map(toEvidenceDto), history: history.map(toListingEventDto) }, 200);
  });
};
