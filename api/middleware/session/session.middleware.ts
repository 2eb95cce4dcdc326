import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, SessionUser } from '../../app.types.ts';

export const SESSION_COOKIE = 'ipwatch_session';

export interface SessionOptions {
  /** Looks a raw cookie token up; undefined when unknown or expired. */
  resolve: (token: string) => Promise<SessionUser | undefined>;
}

/** Puts the signed-in user (or undefined) on `c.var.session`; deciding who may pass is require-role's job. */
export function session(options: SessionOptions): MiddlewareHandler<AppEnv> {
  return async function session(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    // Tokens are 43 base64url characters; anything else cannot be ours, so skip the database.
    const user = token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await options.resolve(token) : undefined;
    c.set('session', user && token ? { user, token } : undefined);
    await next();
  };
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', secure, path: '/' });
}
