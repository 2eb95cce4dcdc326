import { eq } from 'drizzle-orm';
import type { Database } from '../../core/database/database.ts';
import { PayloadTooLargeError, ValidationError } from '../../core/errors/errors.ts';
import { sourceSessions } from '../crawler.schema.ts';
import { openSession, sealSession } from './session.crypto.ts';
import { MAX_STORAGE_STATE_BYTES, storageStateSchema, type StorageState } from './storage-state.schema.ts';

export interface SessionSummary {
  sourceId: number;
  origins: string[];
  domains: string[];
  cookies: number;
  updatedAt: Date;
}

/**
 * Officers' browser sessions per source, sealed with AES-256-GCM: the database holds ciphertext and a
 * summary without values; the plaintext exists only in memory while a crawl loads it into its browser.
 */
export class SessionRepository {
  /** The key, or how to get it: a crawl of a source without a session never needs (or creates) one. */
  constructor(
    private readonly db: Database,
    private readonly key: Buffer | (() => Promise<Buffer>),
  ) {}

  private async sealingKey(): Promise<Buffer> {
    return Buffer.isBuffer(this.key) ? this.key : this.key();
  }

  /** Validates an uploaded storage state (JSON text or parsed) and stores it sealed; replaces the previous one. */
  async save(sourceId: number, upload: string | unknown, now: Date = new Date()): Promise<SessionSummary> {
    const text = typeof upload === 'string' ? upload : JSON.stringify(upload ?? null);
    if (Buffer.byteLength(text) > MAX_STORAGE_STATE_BYTES) throw new PayloadTooLargeError(`browser session larger than ${MAX_STORAGE_STATE_BYTES / 1024 / 1024} MB`);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ValidationError('browser session is not JSON (expected a Playwright storage state: {"cookies":[…],"origins":[…]})');
    }
    const parsed = storageStateSchema.safeParse(raw);
    // Issues name the path, never the value: a cookie value must not end up in an error or a log.
    if (!parsed.success) throw new ValidationError(`browser session is not a Playwright storage state: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ')}`);
    const state = parsed.data;
    if (!state.cookies.length && !state.origins.length) throw new ValidationError('browser session holds no cookies and no origins');
    const summary = { origins: state.origins.map((o) => o.origin), cookies: state.cookies.length, domains: [...new Set(state.cookies.map((c) => c.domain.replace(/^\./, '')))].sort() };
    const sealed = sealSession(JSON.stringify(state), await this.sealingKey(), sourceId);
    await this.db
      .insert(sourceSessions)
      .values({ sourceId, ...sealed, summary, updatedAt: now })
      .onConflictDoUpdate({ target: sourceSessions.sourceId, set: { ...sealed, summary, updatedAt: now } });
    return { sourceId, ...summary, updatedAt: now };
  }

  async summary(sourceId: number): Promise<SessionSummary | undefined> {
    const [row] = await this.db.select({ summary: sourceSessions.summary, updatedAt: sourceSessions.updatedAt }).from(sourceSessions).where(eq(sourceSessions.sourceId, sourceId));
    return row ? { sourceId, ...row.summary, updatedAt: row.updatedAt } : undefined;
  }

  /** The decrypted state for a crawl; throws SessionUnreadableError when tampered with or sealed with another key. */
  async load(sourceId: number): Promise<StorageState | undefined> {
    const [row] = await this.db.select().from(sourceSessions).where(eq(sourceSessions.sourceId, sourceId));
    if (!row) return undefined;
    return storageStateSchema.parse(JSON.parse(openSession(row, await this.sealingKey(), sourceId)));
  }

  async remove(sourceId: number): Promise<boolean> {
    const deleted = await this.db.delete(sourceSessions).where(eq(sourceSessions.sourceId, sourceId)).returning({ id: sourceSessions.sourceId });
    return deleted.length > 0;
  }
}
