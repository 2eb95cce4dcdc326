import { Hono, type Context } from 'hono';
import { NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors/errors.ts';
import { findingStatuses, type FindingStatus } from '../../matcher/matcher.schema.ts';
import type { ApiServices } from '../api.services.ts';
import type { AppEnv } from '../app.types.ts';
import { requireRole } from '../middleware/require-role/require-role.middleware.ts';
import { loginAttemptKey, rateLimit } from '../middleware/rate-limit/rate-limit.middleware.ts';
import { clearSessionCookie, setSessionCookie } from '../middleware/session/session.middleware.ts';
import type { Problem } from '../problem/problem.handler.ts';
import { currentUser } from '../routes/api.router.ts';
import { reviewDecisions, type ReviewDecision } from '../services/finding.service.ts';
import { AccountNotActiveError } from '../auth/auth.service.ts';
import { ErrorPage } from './error.page.tsx';
import { FindingDetailPage } from './finding-detail.page.tsx';
import { FindingsListPage } from './findings-list.page.tsx';
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

/** The route pattern guarantees digits; ids past int4 cannot exist (and would be a database error). */
function findingId(c: Context<AppEnv>): number {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new NotFoundError(`finding ${c.req.param('id')} not found`);
  return id;
}

/** Server-rendered UI: plain HTML forms, no client script (works under a strict CSP). */
export function createPagesRouter(services: ApiServices, options: PagesOptions): Hono<AppEnv> {
  const { deps, auth, findingService } = services;
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

  router.get('/findings', signedIn, async (c) => {
    const asked = c.req.query('status');
    const status = findingStatuses.includes(asked as FindingStatus) ? (asked as FindingStatus) : undefined;
    const cursor = c.req.query('cursor') || undefined;
    const result = await findingService.list(currentUser(c), { status, cursor, limit: 50 });
    return c.html(<FindingsListPage page={pageContext(c)} result={result} status={status} />);
  });

  router.get('/findings/:id{[0-9]+}', signedIn, async (c) => {
    const detail = await findingService.detail(currentUser(c), findingId(c));
    return c.html(<FindingDetailPage page={pageContext(c)} detail={detail} />);
  });

  router.post('/findings/:id{[0-9]+}/review', requireRole(['officer']), async (c) => {
    const id = findingId(c);
    const body = await c.req.parseBody();
    const status = body.status;
    if (typeof status !== 'string' || !reviewDecisions.includes(status as ReviewDecision)) throw new ValidationError('status must be confirmed or dismissed');
    const note = typeof body.note === 'string' ? body.note.trim().slice(0, 2000) : undefined;
    await findingService.review(currentUser(c), id, status as ReviewDecision, note);
    return c.redirect(`/findings/${id}`, 303);
  });

  return router;
}
