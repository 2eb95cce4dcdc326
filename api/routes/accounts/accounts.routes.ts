import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { createApiRouter, currentUser, type ApiRouter, type RouteRegistrar } from '../api.router.ts';
import { IdParam, ProblemSchema, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { AccountListQuery, AccountSchema, ApproveSchema, RegistrationSchema, RejectSchema, toAccountDto } from './account.dto.ts';
import type { ApiServices } from '../../api.services.ts';

const conflict = { 409: { description: 'Already decided, or the email is taken', content: { 'application/problem+json': { schema: ProblemSchema } } } } as const;
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const registerRoute = createRoute({
  method: 'post',
  path: '/accounts/registrations',
  tags: ['accounts'],
  summary: 'A rights holder registers; the account stays pending until an officer approves it (no sign-in needed)',
  request: { body: { required: true, content: { 'application/json': { schema: RegistrationSchema } } } },
  responses: { 201: json(AccountSchema, 'The pending account'), 400: problemResponses[400], ...conflict, 429: { description: 'Too many registrations from this address', content: { 'application/problem+json': { schema: ProblemSchema } } } },
});

const listRoute = createRoute({
  method: 'get',
  path: '/accounts',
  tags: ['accounts'],
  summary: 'Rights-holder accounts, pending first (officers only)',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { query: AccountListQuery },
  responses: { 200: json(z.object({ items: z.array(AccountSchema) }), 'Accounts'), ...problemResponses },
});

const getRoute = createRoute({
  method: 'get',
  path: '/accounts/{id}',
  tags: ['accounts'],
  summary: 'One rights-holder account (officers only)',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { params: IdParam },
  responses: { 200: json(AccountSchema, 'The account'), ...problemResponses },
});

const approveRoute = createRoute({
  method: 'post',
  path: '/accounts/{id}/approve',
  tags: ['accounts'],
  summary: 'Approve a pending account and link it to a registry owner (officers only)',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: ApproveSchema } } } },
  responses: { 200: json(AccountSchema, 'The active account'), ...problemResponses, ...conflict },
});

const rejectRoute = createRoute({
  method: 'post',
  path: '/accounts/{id}/reject',
  tags: ['accounts'],
  summary: 'Reject a pending account (officers only)',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: RejectSchema } } } },
  responses: { 200: json(AccountSchema, 'The rejected account'), ...problemResponses, ...conflict },
});

/** The one public API route: mounted before the signed-in v1 router so that its requireRole never runs. */
export function createPublicAccountsRouter({ portal }: ApiServices): ApiRouter {
  const router = createApiRouter();
  router.use('/accounts/registrations', portal.registrationLimit);
  router.openapi(registerRoute, async (c) => c.json(toAccountDto(await portal.accounts.register(c.req.valid('json'))), 201));
  return router;
}

export const registerAccountRoutes: RouteRegistrar = (router, { portal: { accounts } }) => {
  router.openapi(listRoute, async (c) => c.json({ items: (await accounts.list(c.req.valid('query').status)).map(toAccountDto) }, 200));
  router.openapi(getRoute, async (c) => c.json(toAccountDto(await accounts.get(c.req.valid('param').id)), 200));
  router.openapi(approveRoute, async (c) => {
    const body = c.req.valid('json');
    const input = body.ownerId !== undefined ? { ownerId: body.ownerId, note: body.note } : { newOwnerName: body.newOwnerName!, note: body.note };
    return c.json(toAccountDto(await accounts.approve(currentUser(c), c.req.valid('param').id, input)), 200);
  });
  router.openapi(rejectRoute, async (c) => c.json(toAccountDto(await accounts.reject(currentUser(c), c.req.valid('param').id, c.req.valid('json').note)), 200));
};
