import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../../../core/errors/errors.ts';
import type { AppEnv } from '../../app.types.ts';

export const CSRF_FIELD = '_csrf';
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/** Derived from the session's secret token, so it needs no storage and dies with the session. */
export function deriveCsrfToken(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('ipwatch-csrf').digest('base64url');
}

/**
 * A second line behind hono's csrf() origin check: a signed-in form POST must also carry the
 * per-session token that only pages we rendered contain.
 */
export function csrfToken(): MiddlewareHandler<AppEnv> {
  return async function csrfToken(c, next) {
    const session = c.var.session;
    const expected = session ? deriveCsrfToken(session.token) : undefined;
    c.set('csrfToken', expected);
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
    if (expected && unsafe && FORM_TYPES.test(c.req.header('content-type') ?? '')) {
      const body = await c.req.parseBody();
      const sent = typeof body[CSRF_FIELD] === 'string' ? Buffer.from(body[CSRF_FIELD]) : Buffer.alloc(0);
      const wanted = Buffer.from(expected);
      if (sent.length !== wanted.length || !timingSafeEqual(sent, wanted)) throw new ForbiddenError('missing or wrong CSRF token');
    }
    await next();
  };
}
