import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgSchema, primaryKey, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** The registry: works, their owners and assets, and the fingerprints computed from the assets. */
export const fingerprintsSchema = pgSchema('fingerprints');

/** IP Law Art. 14(1) a–m, in the codes of DESIGN.md §5. */
export const workTypes = [
  'literary', 'lecture', 'press', 'music', 'stage', 'cinema', 'fine_art', 'applied_art', 'photo',
  'architecture', 'drawing_map', 'folk', 'software',
] as const;
export type WorkType = (typeof workTypes)[number];

export const workStatuses = ['draft', 'active', 'withdrawn'] as const;
export type WorkStatus = (typeof workStatuses)[number];

export const owners = fingerprintsSchema.table(
  'owners',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('person'),
    contact: text('contact'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('owners_name_key').on(t.name)],
);

export const works = fingerprintsSchema.table(
  'works',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    type: text('type').$type<WorkType>().notNull(),
    authors: jsonb('authors').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    certificateNo: text('certificate_no'),
    certificateDate: text('certificate_date'),
    description: text('description'),
    /** The work's own text (a poem, lyrics, a description) fingerprinted for text reuse. */
    text: text('text'),
    /** Words that, found in a listing, point at this work (a brand, a village name). */
    keywords: jsonb('keywords').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status').$type<WorkStatus>().notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('works_certificate_no_key').on(t.certificateNo)],
);

export const workOwners = fingerprintsSchema.table(
  'work_owners',
  {
    workId: integer('work_id').notNull().references(() => works.id, { onDelete: 'cascade' }),
    ownerId: integer('owner_id').notNull().references(() => owners.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workId, t.ownerId] }), index('work_owners_owner_idx').on(t.ownerId)],
);

export const assets = fingerprintsSchema.table(
  'assets',
  {
    id: serial('id').primaryKey(),
    workId: integer('work_id').notNull().references(() => works.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'image' | 'text'>().notNull(),
    /** Blob key (content-addressed) for images; null for text assets kept inline. */
    blobKey: text('blob_key'),
    sha256: text('sha256').notNull(),
    mime: text('mime'),
    width: integer('width'),
    height: integer('height'),
    originalName: text('original_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assets_work_sha_key').on(t.workId, t.sha256)],
);

export const fingerprints = fingerprintsSchema.table(
  'fingerprints',
  {
    id: serial('id').primaryKey(),
    assetId: integer('asset_id').notNull().references(() => assets.id, { onDelete: 'cascade' }),
    workId: integer('work_id').notNull().references(() => works.id, { onDelete: 'cascade' }),
    /** Hash plugin name, e.g. 'pdq', 'phash64', 'text-shingles'. */
    algorithm: text('algorithm').notNull(),
    /** Which part of the asset: 'full', 'center-80', 'left-half', … */
    region: text('region').notNull().default('full'),
    /** Hex of the hash bits (images) or a JSON digest (text). */
    value: text('value').notNull(),
    quality: real('quality'),
    /** Region box in the asset's pixels, for drawing the explanation. */
    box: jsonb('box').$type<{ x: number; y: number; w: number; h: number }>(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fingerprints_algorithm_idx').on(t.algorithm),
    uniqueIndex('fingerprints_asset_alg_region_key').on(t.assetId, t.algorithm, t.region),
  ],
);

export type Work = typeof works.$inferSelect;
export type NewWork = typeof works.$inferInsert;
export type Owner = typeof owners.$inferSelect;
export type Asset = typeof assets.$inferSelect;
export type Fingerprint = typeof fingerprints.$inferSelect;
export type NewFingerprint = typeof fingerprints.$inferInsert;
