import { index, integer, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { apiSchema, users } from './api.schema.ts';

/** Reviewers' comments on a finding (decisions themselves are api.reviews rows). */
export const findingComments = apiSchema.table(
  'finding_comments',
  {
    id: serial('id').primaryKey(),
    findingId: integer('finding_id').notNull(),
    userId: integer('user_id').notNull().references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('finding_comments_finding_idx').on(t.findingId, t.createdAt)],
);

export type FindingComment = typeof findingComments.$inferSelect;
