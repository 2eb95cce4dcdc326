import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../../../core/errors/errors.ts';
import type { UserRole } from '../../api.schema.ts';
import type { AppEnv } from '../../app.types.ts';

export interface RequireRoleOptions {
  /** Pages send an anonymous visitor to the login form instead of answering 401. */
  loginPath?: string;
}

/** Lets through signed-in users whose role is listed (any role when the list is empty). */
export function requireRole(roles: readonly UserRole[] = [], options: RequireRoleOptions = {}): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const user = c.var.session?.user;
    if (!user) {
      if (options.loginPath && c.req.method === 'GET') {
        const url = new URL(c.req.url);
        return c.redirect(`${options.loginPath}?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      throw new UnauthorizedError('sign in first');
    }
    if (roles.length && !roles.includes(user.role)) throw new ForbiddenError(`this needs the role ${roles.join(' or ')}`);
    await next();
  };
}
