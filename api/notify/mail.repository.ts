import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../core/database/database.ts';
import { mailOutbox, type Mail, type NewMail } from './notify.schema.ts';

/** The outbox rows; every state change is one conditional UPDATE, so two workers never send one mail twice. */
export class MailRepository {
  constructor(private readonly db: Database) {}

  async insert(mail: Pick<NewMail, 'recipient' | 'subject' | 'textBody' | 'htmlBody' | 'kind'>, tx: Database | Transaction = this.db): Promise<Mail> {
    const [row] = await tx.insert(mailOutbox).values(mail).returning();
    return row!;
  }

  async get(id: number): Promise<Mail | undefined> {
    const [row] = await this.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    return row;
  }

  /** Takes a mail for sending (one attempt more), unless it is sent or another worker holds it. */
  async claim(id: number, now: Date, lockMs: number): Promise<Mail | undefined> {
    const [row] = await this.db
      .update(mailOutbox)
      .set({ status: 'sending', attempts: sql`${mailOutbox.attempts} + 1`, lockedUntil: new Date(now.getTime() + lockMs), updatedAt: now })
      .where(
        and(
          eq(mailOutbox.id, id),
          or(inArray(mailOutbox.status, ['pending', 'failed']), and(eq(mailOutbox.status, 'sending'), lt(mailOutbox.lockedUntil, now))),
        ),
      )
      .returning();
    return row;
  }

  async markSent(id: number, now: Date, messageId: string | undefined): Promise<void> {
    await this.db.update(mailOutbox).set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: null, messageId: messageId ?? null, updatedAt: now }).where(eq(mailOutbox.id, id));
  }

  /** `final`: the job's attempts are spent; the row stays 'failed' until the next requeue. */
  async markFailed(id: number, now: Date, error: string, final: boolean): Promise<void> {
    await this.db
      .update(mailOutbox)
      .set({ status: final ? 'failed' : 'pending', lastError: error.slice(0, 1000), lockedUntil: null, updatedAt: now })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'sending')));
  }

  /** Mail not sent yet (pending, failed, or held by a worker that died), oldest first. */
  async unsent(now: Date, limit = 1000): Promise<Mail[]> {
    return this.db
      .select()
      .from(mailOutbox)
      .where(or(inArray(mailOutbox.status, ['pending', 'failed']), and(eq(mailOutbox.status, 'sending'), lt(mailOutbox.lockedUntil, now))))
      .orderBy(asc(mailOutbox.id))
      .limit(limit);
  }

  async list(limit = 100): Promise<Mail[]> {
    return this.db.select().from(mailOutbox).orderBy(asc(mailOutbox.id)).limit(limit);
  }
}
