import { index, integer, pgSchema, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** People who use the web UI and API, their sessions, and the review trail. */
export const apiSchema = pgSchema('api');

export const roles = ['officer', 'rights_holder', 'inspector'] as const;
export type UserRole = (typeof roles)[number];

/** Self-registered rights holders wait as `pending` until an officer approves (active) or rejects them. */
export const userStatuses = ['pending', 'active', 'rejected', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];

export const partyKinds = ['person', 'organisation'] as const;
export type PartyKind = (typeof partyKinds)[number];

export const users = apiSchema.table(
  'users',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<UserRole>().notNull(),
    /** For rights holders: the registry owner whose works they may see (fingerprints.owners.id). */
    ownerId: integer('owner_id'),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('vi'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Accounts made by officers or seeding are active at once; self-registered ones start pending. */
    status: text('status').$type<UserStatus>().notNull().default('active'),
    /** Registration details a rights holder gave, for the officer who decides on the account. */
    partyKind: text('party_kind').$type<PartyKind>(),
    organisation: text('organisation'),
    phone: text('phone'),
    address: text('address'),
    /** The registry owner the applicant says they are, in their own words (matched by the officer). */
    claimedOwner: text('claimed_owner'),
    registrationNote: text('registration_note'),
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), index('users_status_idx').on(t.status)],
);

export const sessions = apiSchema.table(
  'sessions',
  {
    /** SHA-256 of the cookie token: a stolen database does not yield usable sessions. */
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const reviews = apiSchema.table(
  'reviews',
  {
    id: serial('id').primaryKey(),
    findingId: integer('finding_id').notNull(),
    userId: integer('user_id').notNull().references(() => users.id),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reviews_finding_idx').on(t.findingId)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Review = typeof reviews.$inferSelect;
