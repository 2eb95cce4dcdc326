import { OpenAPIHono } from '@hono/zod-openapi';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { createServices } from './api.services.ts';
import type { ApiDeps, AppEnv } from './app.types.ts';
import { createFilesRouter } from './files/files.routes.ts';
import { createHealthRouter } from './health/health.routes.ts';
import { clientIp } from './middleware/client-ip/client-ip.middleware.ts';
import { csrfToken } from './middleware/csrf-token/csrf-token.middleware.ts';
import { locale } from './middleware/locale/locale.middleware.ts';
import { SESSION_COOKIE, session } from './middleware/session/session.middleware.ts';
import { createPagesRouter, renderErrorPage } from './pages/pages.routes.tsx';
import { createMonitoringPagesRouter } from './pages/monitoring/monitoring.pages.tsx';
import { createCasePagesRouter } from './pages/cases/cases.pages.tsx';
import { createPacketPagesRouter } from './pages/packets/packets.pages.tsx';
import { createErrorHandler, createNotFoundHandler } from './problem/problem.handler.ts';
import { createV1Router } from './routes/v1.routes.ts';
import { createPublicAccountsRouter } from './routes/accounts/accounts.routes.ts';
import { createAccountsPagesRouter } from './pages/accounts/accounts.pages.tsx';
import { createRegistryPagesRouter } from './pages/registry/registry.pages.tsx';
import { createReportPagesRouter } from './pages/reports/reports.page.tsx';
import { createReviewPagesRouter } from './pages/findings.routes.tsx';

export type { ApiDeps, AppEnv } from './app.types.ts';

export interface AppOptions {
  /** Login attempts per IP and email per window (default 5 per 5 minutes). */
  loginLimit?: number;
  loginWindowSeconds?: number;
}

/** The whole HTTP surface, without listening: tests call app.request(), serveApp() puts it on a port. */
export function createApp(deps: ApiDeps, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const services = createServices(deps);
  const app = new OpenAPIHono<AppEnv>();
  const publicOrigin = deps.config.publicUrl ? new URL(deps.config.publicUrl).origin : undefined;

  app.onError(createErrorHandler(deps.logger, renderErrorPage));
  app.notFound(createNotFoundHandler(renderErrorPage));

  const hsts = deps.config.cookieSecure ? 'max-age=15552000; includeSubDomains' : false;
  // Pages use inline CSS and one script of our own (/static/review.js: keyboard shortcuts, optional); images come from our own /files.
  const pageHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    strictTransportSecurity: hsts,
  });
  // Stored files are crawled content: sandboxed, so a hostile capture can never run in our origin.
  const fileHeaders = secureHeaders({ contentSecurityPolicy: { sandbox: [], defaultSrc: ["'none'"] }, strictTransportSecurity: hsts });
  app.use('*', (c, next) => (c.req.path.startsWith('/files/') ? fileHeaders(c, next) : pageHeaders(c, next)));
  app.use('*', clientIp({ trustedProxies: deps.config.trustedProxies }));
  app.use('*', locale({ secure: deps.config.cookieSecure }));
  // Behind a reverse proxy the request URL is internal; the public URL's origin is then the one browsers send.
  app.use('*', csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin }));
  app.use('*', session({ resolve: (token) => services.sessions.findUser(token, deps.now()) }));
  app.use('*', csrfToken());

  app.route('/', createHealthRouter(deps));

  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'ipwatch API', version: 'v1', description: 'Findings of suspected online infringement of works registered with Bắc Ninh DCST' },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  app.route('/api/v1', createPublicAccountsRouter(services));
  app.route('/api/v1', createV1Router(services));

  app.route('/files', createFilesRouter(services));
  app.route('/', createAccountsPagesRouter(services));
  app.route('/', createRegistryPagesRouter(services));
  app.route('/', createMonitoringPagesRouter(services));
  app.route('/', createReportPagesRouter(services));
  app.route('/', createCasePagesRouter(services));
  app.route('/', createReviewPagesRouter(services));
  app.route('/', createPacketPagesRouter(services));
  app.route('/', createPagesRouter(services, { loginLimit: options.loginLimit ?? 5, loginWindowSeconds: options.loginWindowSeconds ?? 300 }));
  return app;
}
