/**
 * Typed errors. Each carries the HTTP status and a stable problem type so the API's single onError can
 * map it to application/problem+json (RFC 9457) and the CLI can map it to an exit code and one line.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  abstract readonly title: string;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The message for a person reading in `locale`. Errors raised where users act (the registry, forms) carry
 * their Vietnamese wording in `details.vi`; REST keeps the English `message` as the problem's detail.
 */
export function localizedMessage(error: AppError, locale: 'vi' | 'en'): string {
  const vi = error.details?.vi;
  return locale === 'vi' && typeof vi === 'string' ? vi : error.message;
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly type = 'validation-error';
  readonly title = 'Invalid input';
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly type = 'unauthorized';
  readonly title = 'Authentication required';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly type = 'forbidden';
  readonly title = 'Forbidden';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly type = 'not-found';
  readonly title = 'Not found';
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly type = 'conflict';
  readonly title = 'Conflict';
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly type = 'payload-too-large';
  readonly title = 'Payload too large';
}

export class UnsupportedMediaError extends AppError {
  readonly status = 415;
  readonly type = 'unsupported-media';
  readonly title = 'Unsupported media';
}

export class RateLimitedError extends AppError {
  readonly status = 429;
  readonly type = 'rate-limited';
  readonly title = 'Too many requests';
}

/** Something outside (a crawled site, a downloaded file) was unusable: the run records it and goes on. */
export class ExternalInputError extends AppError {
  readonly status = 422;
  readonly type = 'external-input';
  readonly title = 'Unusable external input';
}

export class DependencyError extends AppError {
  readonly status = 503;
  readonly type = 'dependency-unavailable';
  readonly title = 'A dependency is unavailable';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
