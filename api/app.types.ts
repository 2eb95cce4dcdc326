import type { Redis } from 'ioredis';
import type { StageContext } from '../core/context.ts';
import type { Locale, Messages } from './i18n/i18n.ts';
import type { User } from './api.schema.ts';

/** What the API stage needs: the shared stage context plus its own Redis client (rate limits, /healthz). */
export type ApiDeps = StageContext & { redis: Redis };

/** The signed-in user as the app sees it: never the password hash. */
export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'ownerId' | 'locale'>;

export interface CurrentSession {
  user: SessionUser;
  /** The raw cookie token: needed to derive the per-session CSRF token, never stored. */
  token: string;
}

/** Variables the middleware put on the Hono context. */
export interface AppVariables {
  session: CurrentSession | undefined;
  locale: Locale;
  t: Messages;
  csrfToken: string | undefined;
  /** Set by the clientIp middleware (socket peer or trusted X-Forwarded-For hop). */
  clientIp?: string;
}

export interface AppEnv {
  Variables: AppVariables;
}
