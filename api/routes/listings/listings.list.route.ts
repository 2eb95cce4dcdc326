import { createRoute, z } from '@hono/zod-openapi';
import type { Listing } from '../../../crawler/crawler.schema.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { OffsetPageQuery } from '../pagination.dto.ts';
import { cookieSecurity, problemResponses } from '../problem.dto.ts';
import { ListingSchema, toListingDto } from './listing.dto.ts';

/** A rights holder's listings are gathered from their findings; beyond this many they should use /findings. */
const RIGHTS_HOLDER_SCAN = 1000;

const route = createRoute({
  method: 'get',
  path: '/listings',
  tags: ['listings'],
  summary: 'Listings found online, most recently seen first (a rights holder sees those concerning their works)',
  security: cookieSecurity,
  request: {
    query: OffsetPageQuery,
  },
  responses: {
    200: { description: 'Listings', content: { 'application/json': { schema: z.object({ items: z.array(ListingSchema) }) } } },
    ...problemResponses,
  },
});

export const registerListListings: RouteRegistrar = (router, { listings, findings, access }) => {
  router.openapi(route, async (c) => {
    const { limit, offset } = c.req.valid('query');
    const scope = await access.workScope(currentUser(c));
    let rows: Listing[];
    if (scope === undefined) {
      rows = await listings.list({ limit, offset });
    } else {
      const own = await findings.list({ workIds: scope, limit: RIGHTS_HOLDER_SCAN });
      const byId = await listings.getMany([...new Set(own.map((f) => f.listingId))]);
      rows = [...byId.values()]
        .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || b.id - a.id)
        .slice(offset, offset + limit);
    }
    return c.json({ items: rows.map(toListingDto) }, 200);
  });
};
