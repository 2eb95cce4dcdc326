import { bigserial, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** The append-only, hash-chained log of every change by every user (DESIGN.md §3). */
export const auditSchema = pgSchema('audit');

export const auditEvents = auditSchema.table(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: integer('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    /** Hash of the previous event ('' for the first): deleting or reordering rows breaks the chain. */
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('events_entity_idx').on(t.entityType, t.entityId), index('events_actor_idx').on(t.actorUserId)],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
