import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { IdParam, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { CommentBodySchema } from './finding.dto.ts';

const CommentSchema = z
  .object({ id: z.number().int(), author: z.string(), body: z.string(), createdAt: z.string().openapi({ format: 'date-time' }) })
  .openapi('FindingComment');

const list = createRoute({
  method: 'get',
  path: '/findings/{id}/comments',
  tags: ['findings'],
  summary: "Reviewers' comments on a finding, oldest first",
  security: cookieSecurity,
  request: { params: IdParam },
  responses: { 200: { description: 'Comments', content: { 'application/json': { schema: z.object({ items: z.array(CommentSchema) }) } } }, ...problemResponses },
});

const add = createRoute({
  method: 'post',
  path: '/findings/{id}/comments',
  tags: ['findings'],
  summary: 'Comment on a finding (officers only); recorded in the audit log',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: CommentBodySchema } } } },
  responses: { 201: { description: 'Comments after the addition', content: { 'application/json': { schema: z.object({ items: z.array(CommentSchema) }) } } }, ...problemResponses },
});

export const registerFindingComments: RouteRegistrar = (router, { findingService, findingReview }) => {
  const items = async (user: ReturnType<typeof currentUser>, id: number) =>
    (await findingService.detail(user, id)).comments.map((cm) => ({ id: cm.id, author: cm.authorName, body: cm.body, createdAt: cm.createdAt.toISOString() }));
  router.openapi(list, async (c) => c.json({ items: await items(currentUser(c), c.req.valid('param').id) }, 200));
  router.openapi(add, async (c) => {
    const { id } = c.req.valid('param');
    const user = currentUser(c);
    await findingReview.comment(user, id, c.req.valid('json').body);
    return c.json({ items: await items(user, id) }, 201);
  });
};
