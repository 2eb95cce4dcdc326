import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { AppError, NotFoundError } from '../../core/errors/errors.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { AppEnv } from '../app.types.ts';

/** RFC 9457 problem details; `type` is the stable machine-readable code shared with the CLI. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Field-level reasons for a validation failure. */
  errors?: { path: string; message: string }[];
}

const titles: Record<number, { type: string; title: string }> = {
  400: { type: 'validation-error', title: 'Invalid input' },
  401: { type: 'unauthorized', title: 'Authentication required' },
  403: { type: 'forbidden', title: 'Forbidden' },
  404: { type: 'not-found', title: 'Not found' },
  405: { type: 'method-not-allowed', title: 'Method not allowed' },
  413: { type: 'payload-too-large', title: 'Payload too large' },
  415: { type: 'unsupported-media', title: 'Unsupported media' },
};

export function zodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** The one mapping from anything thrown to a problem; unknown errors never leak their message or stack. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) {
    const errors = Array.isArray(error.details?.errors) ? (error.details.errors as Problem['errors']) : undefined;
    return { type: error.type, title: error.title, status: error.status, detail: error.message, ...(errors ? { errors } : {}) };
  }
  if (error instanceof ZodError) {
    const errors = zodIssues(error);
    return { type: 'validation-error', title: 'Invalid input', status: 400, detail: errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; '), errors };
  }
  if (error instanceof HTTPException) {
    const known = titles[error.status] ?? { type: 'http-error', title: 'Request refused' };
    // hono's csrf() answers a bare "Forbidden": say why, so a refused form is diagnosable.
    const detail = error.status === 403 && !error.message ? 'cross-origin form submission refused' : error.message || known.title;
    return { ...known, status: error.status, detail };
  }
  return { type: 'internal-error', title: 'Internal server error', status: 500, detail: 'An unexpected error occurred.' };
}

/** Page routes answer errors with an HTML page; the API, files and probes with problem+json. */
export function wantsHtml(c: Context): boolean {
  const path = c.req.path;
  if (path.startsWith('/api/') || path.startsWith('/files/') || path === '/healthz' || path === '/metrics') return false;
  return true;
}

export function problemResponse(c: Context, problem: Problem, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, { ...headers, 'content-type': 'application/problem+json' });
}

export type ErrorPageRenderer = (c: Context<AppEnv>, problem: Problem) => Response | Promise<Response>;

export function createErrorHandler(logger: Logger, renderPage: ErrorPageRenderer): ErrorHandler<AppEnv> {
  return async (error, c) => {
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error({ err: error, path: c.req.path, method: c.req.method }, 'request failed');
    const headers: Record<string, string> = {};
    const retryAfter = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
    if (wantsHtml(c)) {
      const response = await renderPage(c, problem);
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      return response;
    }
    return problemResponse(c, problem, headers);
  };
}

export function createNotFoundHandler(renderPage: ErrorPageRenderer): NotFoundHandler<AppEnv> {
  return (c) => {
    const problem = toProblem(new NotFoundError(`no route for ${c.req.method} ${c.req.path}`));
    return wantsHtml(c) ? renderPage(c, problem) : problemResponse(c, problem);
  };
}
