import { index, integer, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { apiSchema } from '../api.schema.ts';

/**
 * The mail outbox (issue 9): every message is a row before it is a job, so an SMTP outage or a lost Redis
 * loses nothing; the SendMail job carries only the row's id.
 */
export const mailStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof mailStatuses)[number];

export const mailOutbox = apiSchema.table(
  'mail_outbox',
  {
    id: serial('id').primaryKey(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** 'digest_findings', 'digest_overdue', … for the log and the tests. */
    kind: text('kind').notNull(),
    status: text('status').$type<MailStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** A claimed row ('sending') whose worker died is claimable again after this. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    messageId: text('message_id'),
  },
  (t) => [index('mail_outbox_status_idx').on(t.status, t.createdAt)],
);

/**
 * What each user has already been told about: a finding (kind 'finding') or an overdue deadline of a
 * notice (kind 'overdue', key `<noticeId>:<deadline kind>`). The digest skips these, so a second run
 * sends nothing twice, whichever process runs it.
 */
export const digestItems = apiSchema.table(
  'digest_items',
  {
    userId: integer('user_id').notNull(),
    kind: text('kind').$type<'finding' | 'overdue'>().notNull(),
    itemKey: text('item_key').notNull(),
    mailId: integer('mail_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.itemKey] })],
);

export type Mail = typeof mailOutbox.$inferSelect;
export type NewMail = typeof mailOutbox.$inferInsert;
