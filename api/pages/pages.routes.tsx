import { Hono, type Context } from 'hono';
import { UnauthorizedError } from '../../core/errors/errors.ts';
import type { ApiServices } from '../api.services.ts';
import type { AppEnv } from '../app.types.ts';
import { requireRole } from '../middleware/require-role/require-role.middleware.ts';
import { loginAttemptKey, rateLimit } from '../middleware/rate-limit/rate-limit.middleware.ts';
import { clearSessionCookie, setSessionCookie } from '../middleware/session/session.middleware.ts';
import type { Problem } from '../problem/problem.handler.ts';
import { AccountNotActiveError } from '../auth/auth.service.ts';
import { ErrorPage } from './error.page.tsx';
import type { PageContext } from './layout.tsx';
import { LoginPage } from './login.page.tsx';
import { safeNext } from './format.ts';

export function pageContext(c: Context<AppEnv>): PageContext {
  return { t: c.var.t, locale: c.var.locale, user: c.var.session?.user, csrfToken: c.var.csrfToken, url: c.req.url };
}

export function renderErrorPage(c: Context<AppEnv>, problem: Problem): Response | Promise<Response> {
  return c.html(<ErrorPage page={pageContext(c)} problem={problem} />, problem.status as 404);
}

export interface PagesOptions {
  /** Login attempts allowed per IP and email in one window. */
  loginLimit: number;
  loginWindowSeconds: number;
}

const LOGIN_PATH = '/login';

/** Server-rendered UI: plain HTML forms, no client script (works under a strict CSP). */
export function createPagesRouter(services: ApiServices, options: PagesOptions): Hono<AppEnv> {
  const { deps, auth } = services;
  const secure = deps.config.cookieSecure;
  const router = new Hono<AppEnv>();
  const signedIn = requireRole([], { loginPath: LOGIN_PATH });

  router.get('/', (c) => c.redirect('/findings', 302));

  router.get(LOGIN_PATH, (c) => {
    if (c.var.session) return c.redirect(safeNext(c.req.query('next')), 303);
    return c.html(<LoginPage page={pageContext(c)} next={safeNext(c.req.query('next'))} />);
  });

  router.post(
    LOGIN_PATH,
    rateLimit({ redis: deps.redis, keyPrefix: `${deps.queues.prefix}:ratelimit:login`, limit: options.loginLimit, windowSeconds: options.loginWindowSeconds, key: loginAttemptKey }),
    async (c) => {
      const body = await c.req.parseBody();
      const email = typeof body.email === 'string' ? body.email : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const next = safeNext(body.next);
      try {
        const { token, expiresAt } = await auth.login(email, password);
        setSessionCookie(c, token, expiresAt, secure);
        return c.redirect(next, 303);
      } catch (error) {
        if (error instanceof AccountNotActiveError) {
          const page = pageContext(c);
          return c.html(<LoginPage page={page} email={email} next={next} error={page.t.registry.account.notActive[error.accountStatus]} />, 403);
        }
        if (!(error instanceof UnauthorizedError)) throw error;
        const page = pageContext(c);
        return c.html(<LoginPage page={page} email={email} next={next} error={page.t.login.failed} />, 401);
      }
    },
  );

  router.post('/logout', async (c) => {
    const session = c.var.session;
    if (session) await auth.logout(session.token);
    clearSessionCookie(c, secure);
    return c.redirect(LOGIN_PATH, 303);
  });

  // The findings pages (queue, finding, decisions) are in findings.routes.tsx.
  return router;
}
