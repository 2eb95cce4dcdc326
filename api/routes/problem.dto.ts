import { z } from '@hono/zod-openapi';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'not-found' }),
    title: z.string().openapi({ example: 'Not found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: 'finding 12 not found' }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** The error answers every authenticated route can give. */
export const problemResponses = {
  400: problem('Invalid input'),
  401: problem('Not signed in'),
  403: problem('Role not allowed'),
  404: problem('Not found, or not visible to this user'),
} as const;

export const conflictResponse = { 409: problem('The finding changed meanwhile, or is past review') } as const;

export const IdParam = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name: 'id', in: 'path' }, example: 12 }),
});

export const cookieSecurity = [{ cookieAuth: [] }];
