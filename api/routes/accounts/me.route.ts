import { createRoute, z } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { cookieSecurity, problemResponses } from '../problem.dto.ts';

const MeSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    ownerId: z.number().int().nullable(),
    csrfToken: z.string().nullable().openapi({ description: 'Send as the `_csrf` field of multipart/form-data requests (uploads, import)' }),
  })
  .openapi('Me');

const route = createRoute({
  method: 'get',
  path: '/me',
  tags: ['accounts'],
  summary: 'The signed-in user, and the token multipart requests must carry',
  security: cookieSecurity,
  responses: { 200: { description: 'You', content: { 'application/json': { schema: MeSchema } } }, ...problemResponses },
});

export const registerMe: RouteRegistrar = (router) => {
  router.openapi(route, (c) => {
    const user = currentUser(c);
    return c.json({ id: user.id, email: user.email, name: user.name, role: user.role, ownerId: user.ownerId, csrfToken: c.var.csrfToken ?? null }, 200);
  });
};
