import { createRoute, z } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../routes/api.router.ts';
import { currentUser } from '../routes/api.router.ts';
import { cookieSecurity, problemResponses } from '../routes/problem.dto.ts';

const SellerSchema = z
  .object({
    listingId: z.number().int(),
    names: z.array(z.string()),
    shops: z.array(z.string()),
    phones: z.array(z.string()),
    banks: z.array(z.string()).openapi({ description: '<BANKCODE>:<account number>' }),
    platforms: z.array(z.string()),
    listings: z.array(
      z.object({
        id: z.number().int(),
        platform: z.string(),
        url: z.string(),
        title: z.string(),
        sellerName: z.string().nullable(),
        linkedBy: z.object({ kind: z.string(), value: z.string(), fromListingId: z.number().int() }).nullable(),
        findings: z.array(z.object({ id: z.number().int(), subject: z.string(), status: z.string(), score: z.number() })),
      }),
    ),
    cases: z.array(z.object({ id: z.number().int(), title: z.string(), status: z.string(), findingIds: z.array(z.number().int()) })),
  })
  .openapi('Seller');

const route = createRoute({
  method: 'get',
  path: '/sellers/{listingId}',
  tags: ['sellers'],
  summary: "The seller behind a listing: their other listings (by shop URL, phone, bank account, name), findings and cases",
  security: cookieSecurity,
  request: { params: z.object({ listingId: z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name: 'listingId', in: 'path' } }) }) },
  responses: { 200: { description: 'The seller', content: { 'application/json': { schema: SellerSchema } } }, ...problemResponses },
});

export const registerSellerRoute: RouteRegistrar = (router, { sellerService }) => {
  router.openapi(route, async (c) => {
    const p = await sellerService.profile(currentUser(c), c.req.valid('param').listingId);
    return c.json(
      {
        listingId: p.startListingId,
        names: p.names,
        shops: p.shops,
        phones: p.phones,
        banks: p.banks,
        platforms: p.platforms,
        listings: p.listings.map((l) => ({
          id: l.listing.id,
          platform: l.listing.platform,
          url: l.listing.url,
          title: l.listing.title,
          sellerName: l.listing.sellerName,
          linkedBy: l.via ? { kind: l.via.kind, value: l.via.value, fromListingId: l.via.from } : null,
          findings: l.findings.map((f) => ({ id: f.id, subject: f.subject, status: f.status, score: f.score })),
        })),
        cases: p.cases.map((k) => ({ id: k.id, title: k.title, status: k.status, findingIds: k.findingIds })),
      },
      200,
    );
  });
};
