import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../core/database/database.ts';
import { users } from '../api.schema.ts';
import type { DigestFinding, OverdueNotice } from './digest.mail.ts';
import { digestItems } from './notify.schema.ts';

/** Most items one digest run takes per user; a backlog larger than this goes out over the next runs. */
export const DIGEST_BATCH = 1000;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export interface Recipient {
  id: number;
  email: string;
  name: string;
  ownerId: number | null;
}

/**
 * Reads for the digest. Reporting spans stages (findings, listings, works, notices) in one SQL query,
 * read-only; nothing here writes another stage's tables.
 */
export class DigestRepository {
  constructor(private readonly db: Database) {}

  async activeHolders(): Promise<Recipient[]> {
    return this.db
      .select({ id: users.id, email: users.email, name: users.name, ownerId: users.ownerId })
      .from(users)
      .where(and(eq(users.role, 'rights_holder'), eq(users.status, 'active'), isNotNull(users.ownerId)))
      .orderBy(users.id);
  }

  async activeOfficers(): Promise<Recipient[]> {
    return this.db
      .select({ id: users.id, email: users.email, name: users.name, ownerId: users.ownerId })
      .from(users)
      .where(and(eq(users.role, 'officer'), eq(users.status, 'active')))
      .orderBy(users.id);
  }

  /** Findings on the owner's own works and marks, not dismissed, that this user was not told about yet. */
  async untoldFindings(userId: number, ownerId: number, at: Date): Promise<DigestFinding[]> {
    const result = await this.db.execute(sql`
      select f.id, f.score, l.title, l.url, l.platform, coalesce(w.title, m.name) as subject
      from matcher.findings f
      join crawler.listings l on l.id = f.listing_id
      left join fingerprints.works w on w.id = f.work_id
      left join fingerprints.marks m on m.id = f.mark_id
      where f.status <> 'dismissed' and f.created_at <= ${at.toISOString()}::timestamptz
        and (f.work_id in (select wo.work_id from fingerprints.work_owners wo where wo.owner_id = ${ownerId}) or m.owner_id = ${ownerId})
        and not exists (select 1 from api.digest_items d where d.user_id = ${userId} and d.kind = 'finding' and d.item_key = f.id::text)
      order by f.id
      limit ${DIGEST_BATCH}`);
    return rowsOf<{ id: number; score: number; title: string; url: string; platform: string; subject: string | null }>(result).map((r) => ({
      id: Number(r.id),
      score: Number(r.score),
      title: r.title,
      url: r.url,
      platform: r.platform,
      subject: r.subject ?? '',
    }));
  }

  /**
   * Notices past one of their deadlines whose listings are not all removed, per (notice, deadline), not
   * yet told to this officer. Drafts and closed notices have nothing left to chase.
   */
  async untoldOverdue(userId: number, at: Date): Promise<(OverdueNotice & { key: string })[]> {
    const result = await this.db.execute(sql`
      select n.id as notice_id, n.basis, n.recipient, c.title as case_title, d->>'kind' as deadline, d->>'due' as due,
        (select count(*)::int from api.notice_listings nl where nl.notice_id = n.id) as total,
        (select count(*)::int from api.notice_listings nl where nl.notice_id = n.id and nl.removed_at is not null) as removed
      from api.notices n
      join api.cases c on c.id = n.case_id
      cross join lateral jsonb_array_elements(n.deadlines) d
      where n.status in ('sent', 'received', 'objected')
        and (d->>'due')::timestamptz < ${at.toISOString()}::timestamptz
        and exists (select 1 from api.notice_listings nl where nl.notice_id = n.id and nl.removed_at is null)
        and not exists (select 1 from api.digest_items di where di.user_id = ${userId} and di.kind = 'overdue' and di.item_key = n.id::text || ':' || (d->>'kind'))
      order by (d->>'due')::timestamptz, n.id
      limit ${DIGEST_BATCH}`);
    return rowsOf<{ notice_id: number; basis: string; recipient: string; case_title: string; deadline: string; due: string; total: number; removed: number }>(result).map((r) => ({
      key: `${r.notice_id}:${r.deadline}`,
      noticeId: Number(r.notice_id),
      basis: r.basis,
      recipient: r.recipient,
      caseTitle: r.case_title,
      deadline: r.deadline,
      due: new Date(r.due),
      total: Number(r.total),
      removed: Number(r.removed),
    }));
  }

  /** Claims the items for this user; returns the keys this run won (a concurrent run gets the others). */
  async claim(tx: Transaction, userId: number, kind: 'finding' | 'overdue', keys: string[], now: Date): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await tx
      .insert(digestItems)
      .values(keys.map((itemKey) => ({ userId, kind, itemKey, createdAt: now })))
      .onConflictDoNothing()
      .returning({ key: digestItems.itemKey });
    return new Set(rows.map((r) => r.key));
  }

  async attachMail(tx: Transaction, userId: number, kind: 'finding' | 'overdue', keys: string[], mailId: number): Promise<void> {
    if (keys.length) await tx.update(digestItems).set({ mailId }).where(and(eq(digestItems.userId, userId), eq(digestItems.kind, kind), inArray(digestItems.itemKey, keys)));
  }
}
