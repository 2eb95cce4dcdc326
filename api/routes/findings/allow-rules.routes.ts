import { createRoute, z } from '@hono/zod-openapi';
import { allowRuleKinds, type AllowRule } from '../../../matcher/matcher.schema.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';

const AllowRuleSchema = z
  .object({
    id: z.number().int(),
    workId: z.number().int().nullable(),
    markId: z.number().int().nullable(),
    kind: z.enum(allowRuleKinds),
    value: z.string().openapi({ description: 'Normalised: folded seller name, shop or page URL without scheme, or a host' }),
    note: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('AllowRule');

const NewAllowRuleSchema = z
  .object({
    workId: z.number().int().min(1).max(2_147_483_647).optional(),
    markId: z.number().int().min(1).max(2_147_483_647).optional(),
    kind: z.enum(allowRuleKinds),
    value: z.string().trim().min(1).max(2000),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((b) => (b.workId === undefined) !== (b.markId === undefined), { message: 'give exactly one of workId and markId', path: ['workId'] })
  .openapi('NewAllowRule');

const dto = (r: AllowRule): z.infer<typeof AllowRuleSchema> => ({ id: r.id, workId: r.workId, markId: r.markId, kind: r.kind, value: r.value, note: r.note, createdAt: r.createdAt.toISOString() });

const list = createRoute({
  method: 'get',
  path: '/allow-rules',
  tags: ['allow-list'],
  summary: 'Suppression rules per work or mark (a rights holder sees those of their own)',
  security: cookieSecurity,
  responses: { 200: { description: 'Rules', content: { 'application/json': { schema: z.object({ items: z.array(AllowRuleSchema) }) } } }, ...problemResponses },
});

const create = createRoute({
  method: 'post',
  path: '/allow-rules',
  tags: ['allow-list'],
  summary: "Allow a licensed seller, shop, domain or page for a work or mark (officers); the subject's open findings it covers are dismissed as allow-listed",
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { body: { required: true, content: { 'application/json': { schema: NewAllowRuleSchema } } } },
  responses: {
    201: { description: 'The rule and the findings it dismissed', content: { 'application/json': { schema: z.object({ rule: AllowRuleSchema, dismissed: z.array(z.number().int()) }) } } },
    ...problemResponses,
    409: { description: 'The rule exists already' },
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/allow-rules/{id}',
  tags: ['allow-list'],
  summary: 'Remove a rule (officers); the findings it dismissed are back to new',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'Findings reopened', content: { 'application/json': { schema: z.object({ reopened: z.array(z.number().int()) }) } } }, ...problemResponses },
});

export const registerAllowRules: RouteRegistrar = (router, { allowList }) => {
  router.openapi(list, async (c) => c.json({ items: (await allowList.list(currentUser(c))).map(dto) }, 200));
  router.openapi(create, async (c) => {
    const { rule, dismissed } = await allowList.add(currentUser(c), c.req.valid('json'));
    return c.json({ rule: dto(rule), dismissed }, 201);
  });
  router.openapi(remove, async (c) => c.json(await allowList.remove(currentUser(c), c.req.valid('param').id), 200));
};
