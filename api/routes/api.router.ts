import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { UnauthorizedError, ValidationError } from '../../core/errors/errors.ts';
import type { ApiServices } from '../api.services.ts';
import type { AppEnv, SessionUser } from '../app.types.ts';
import { zodIssues } from '../problem/problem.handler.ts';

export type ApiRouter = OpenAPIHono<AppEnv>;
export type RouteRegistrar = (router: ApiRouter, services: ApiServices) => void;

/** Validation failures go through the app's one onError, like every other error. */
export function createApiRouter(): ApiRouter {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = zodIssues(result.error);
        throw new ValidationError(errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; '), { errors });
      }
    },
  });
}

/** Routes sit behind requireRole(); this only narrows the type. */
export function currentUser(c: Context<AppEnv>): SessionUser {
  const user = c.var.session?.user;
  if (!user) throw new UnauthorizedError('sign in first');
  return user;
}
