import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { sessions, users } from './api.schema.ts';
import type { SessionUser } from './app.types.ts';

export const SESSION_TTL_MS = 12 * 3600 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export class SessionRepository {
  constructor(private readonly db: Database) {}

  async create(userId: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    // Sweeping on login keeps the table small without a scheduled job.
    await this.db.delete(sessions).where(lt(sessions.expiresAt, now));
    await this.db.insert(sessions).values({ id: hashToken(token), userId, expiresAt, createdAt: now });
    return { token, expiresAt };
  }

  async findUser(token: string, now: Date): Promise<SessionUser | undefined> {
    const [row] = await this.db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, ownerId: users.ownerId, locale: users.locale })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, hashToken(token)), gt(sessions.expiresAt, now), eq(users.status, 'active')));
    return row;
  }

  async delete(token: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, hashToken(token)));
  }
}
