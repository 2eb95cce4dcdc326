import { and, asc, desc, eq, gt, gte, lt, type SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Database, Transaction } from '../database/database.ts';
import { eventHash, GENESIS_HASH, toJsonValue, verifyChain, type ChainVerdict } from './audit.chain.ts';
import { auditEvents, type AuditEventRow } from './audit.schema.ts';

export interface AuditEventInput {
  actor: { userId?: number | null; label: string };
  action: string;
  entity: { type: string; id: string | number };
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string | number;
  actorUserId?: number;
  action?: string;
  from?: Date;
  to?: Date;
  /** Keyset paging: events with a larger id. */
  afterId?: number;
  limit?: number;
}

/** One fixed key: every writer of the log takes it, so the chain has a single tail at any moment. */
const AUDIT_LOCK_KEY = 7_413_220_331;
const VERIFY_PAGE = 2000;

/** The audit log. Rows are only ever inserted here; nothing in the code updates or deletes them. */
export class AuditRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Appends one event inside the caller's transaction (a savepoint when given one), so the change and its
   * record commit or roll back together. The advisory lock is held until that transaction ends: call this
   * last in the transaction to keep the time other writers wait short.
   */
  async record(db: Database | Transaction, e: AuditEventInput): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
      const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
      const prevHash = last?.hash ?? GENESIS_HASH;
      // Millisecond precision: what a JS Date keeps after the round trip, so the hash re-computes.
      const at = new Date(this.now().getTime());
      const row = {
        at,
        actorUserId: e.actor.userId ?? null,
        actorLabel: e.actor.label,
        action: e.action,
        entityType: e.entity.type,
        entityId: String(e.entity.id),
        before: toJsonValue(e.before),
        after: toJsonValue(e.after),
      };
      await tx.insert(auditEvents).values({ ...row, prevHash, hash: eventHash(prevHash, row) });
    });
  }

  async list(filter: AuditFilter = {}): Promise<AuditEventRow[]> {
    const where: SQL[] = [];
    if (filter.entityType) where.push(eq(auditEvents.entityType, filter.entityType));
    if (filter.entityId !== undefined) where.push(eq(auditEvents.entityId, String(filter.entityId)));
    if (filter.actorUserId !== undefined) where.push(eq(auditEvents.actorUserId, filter.actorUserId));
    if (filter.action) where.push(eq(auditEvents.action, filter.action));
    if (filter.from) where.push(gte(auditEvents.at, filter.from));
    if (filter.to) where.push(lt(auditEvents.at, filter.to));
    if (filter.afterId !== undefined) where.push(gt(auditEvents.id, filter.afterId));
    return this.db
      .select()
      .from(auditEvents)
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(auditEvents.id))
      .limit(Math.min(Math.max(filter.limit ?? 100, 1), 1000));
  }

  /**
   * Re-computes the whole chain page by page. Detects an edited, deleted or inserted row anywhere but at
   * the very end (dropping the newest events leaves a shorter but consistent chain: compare `lastHash`
   * with one kept elsewhere, e.g. in the yearly report, to catch that).
   */
  async verify(): Promise<ChainVerdict & { lastHash: string }> {
    let prevHash = GENESIS_HASH;
    let afterId = 0;
    let checked = 0;
    for (;;) {
      const page = await this.db.select().from(auditEvents).where(gt(auditEvents.id, afterId)).orderBy(asc(auditEvents.id)).limit(VERIFY_PAGE);
      if (!page.length) return { intact: true, checked, lastHash: prevHash };
      const verdict = verifyChain(page, prevHash);
      checked += verdict.intact ? page.length : 0;
      if (!verdict.intact) return { ...verdict, checked, lastHash: prevHash };
      prevHash = page[page.length - 1]!.hash;
      afterId = page[page.length - 1]!.id;
    }
  }
}
