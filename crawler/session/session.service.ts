import { AuditRepository } from '../../core/audit/audit.repository.ts';
import type { StageContext } from '../../core/context.ts';
import type { Database } from '../../core/database/database.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors/errors.ts';
import { SourceRepository } from '../source.repository.ts';
import type { Actor } from '../source.service.ts';
import { loadSessionKey } from './session.key.ts';
import { SessionRepository, type SessionSummary } from './session.repository.ts';

type Ctx = Pick<StageContext, 'db' | 'config' | 'now'>;

/**
 * An officer's own browser session (Playwright storage state from their login) attached to a source, for
 * platforms that show listings only to signed-in visitors. Sealed at rest; the audit log records who
 * attached or removed one and its summary (domains, cookie count), never a cookie value.
 */
export class SourceSessionService {
  constructor(private readonly ctx: Ctx) {}

  private repository(db: Database): SessionRepository {
    return new SessionRepository(db, () => loadSessionKey(this.ctx.config));
  }

  private async source(id: number) {
    const source = await new SourceRepository(this.ctx.db).getSource(id);
    if (!source || source.kind === 'manual') throw new NotFoundError(`source ${id} not found`);
    return source;
  }

  async summary(sourceId: number): Promise<SessionSummary | undefined> {
    await this.source(sourceId);
    return this.repository(this.ctx.db).summary(sourceId);
  }

  async save(sourceId: number, upload: string, actor: Actor): Promise<SessionSummary> {
    if (!actor.privileged) throw new ForbiddenError('only officers attach browser sessions');
    await this.source(sourceId);
    if (!upload.trim()) throw new ValidationError('browser session is empty', { vi: 'Phiên đăng nhập trống' });
    return this.ctx.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      const before = await this.repository(db).summary(sourceId);
      const after = await this.repository(db).save(sourceId, upload, this.ctx.now());
      await this.audit(db, actor, 'source.session.save', sourceId, before, after);
      return after;
    });
  }

  async remove(sourceId: number, actor: Actor): Promise<boolean> {
    if (!actor.privileged) throw new ForbiddenError('only officers remove browser sessions');
    await this.source(sourceId);
    return this.ctx.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      const before = await this.repository(db).summary(sourceId);
      if (!before) return false;
      await this.repository(db).remove(sourceId);
      await this.audit(db, actor, 'source.session.remove', sourceId, before, undefined);
      return true;
    });
  }

  private async audit(db: Database, actor: Actor, action: string, id: number, before: unknown, after: unknown): Promise<void> {
    await new AuditRepository(db, this.ctx.now).record(db, { actor: { userId: actor.userId, label: actor.label }, action, entity: { type: 'crawler.source', id }, before, after });
  }
}
