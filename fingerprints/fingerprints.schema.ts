import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgSchema, primaryKey, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { foldedSearchSql } from './text/text-fold.sql.ts';

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

export const partyKinds = ['person', 'organisation'] as const;
export type PartyKind = (typeof partyKinds)[number];

/** Related rights (IP Law Art. 17): performances, phonograms, videograms, broadcasts, with their holders. */
export const relatedRightKinds = ['performance', 'phonogram', 'videogram', 'broadcast'] as const;
export type RelatedRightKind = (typeof relatedRightKinds)[number];
export interface RelatedRight {
  kind: RelatedRightKind;
  holder: string;
  description?: string | null;
}

export const markKinds = ['ordinary', 'collective', 'certification', 'geographical_indication', 'ocop'] as const;
export type MarkKind = (typeof markKinds)[number];
/** Word mark, figurative mark (an image), or both in one sign. */
export const markForms = ['word', 'figurative', 'combined'] as const;
export type MarkForm = (typeof markForms)[number];

export const owners = fingerprintsSchema.table(
  'owners',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('person'),
    contact: text('contact'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /*
     * The table holds every party (people and organisations: authors, owners, rights holders); it keeps
     * its first name so that api.users.owner_id and existing queries stay valid.
     */
    penName: text('pen_name'),
    /** National ID (CCCD) or enterprise/tax code: tells two parties of one name apart. */
    identifier: text('identifier'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    /** NFC, lower case, single spaces (registry/party.normalize.ts): the de-duplication key with identifier. */
    normalizedName: text('normalized_name'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('owners_name_key').on(t.name),
    uniqueIndex('owners_normalized_identifier_key').on(t.normalizedName, sql`coalesce(${t.identifier}, '')`),
  ],
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
    /** First publication (công bố): date YYYY-MM-DD and place. */
    publishedOn: text('published_on'),
    publishedPlace: text('published_place'),
    relatedRights: jsonb('related_rights').$type<RelatedRight[]>().notNull().default(sql`'[]'::jsonb`),
    /** Title, description and text folded (no marks, đ→d, lowercase) by PostgreSQL: search with or without diacritics. */
    searchFolded: text('search_folded').generatedAlwaysAs(foldedSearchSql(sql`"title"`, sql`"description"`, sql`"text"`)),
  },
  (t) => [
    uniqueIndex('works_certificate_no_key').on(t.certificateNo),
    index('works_search_folded_idx').using('gin', t.searchFolded.op('gin_trgm_ops')),
  ],
);

/** Authors as parties (with pen names there); works.authors keeps their display names in order. */
export const workAuthors = fingerprintsSchema.table(
  'work_authors',
  {
    workId: integer('work_id').notNull().references(() => works.id, { onDelete: 'cascade' }),
    partyId: integer('party_id').notNull().references(() => owners.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workId, t.partyId] }), index('work_authors_party_idx').on(t.partyId)],
);

export const marks = fingerprintsSchema.table(
  'marks',
  {
    id: serial('id').primaryKey(),
    /** The word element; for a purely figurative mark, the name it is known by (not matched as text). */
    name: text('name').notNull(),
    form: text('form').$type<MarkForm>().notNull().default('word'),
    kind: text('kind').$type<MarkKind>().notNull(),
    ownerId: integer('owner_id').notNull().references(() => owners.id, { onDelete: 'restrict' }),
    certificateNo: text('certificate_no'),
    filingDate: text('filing_date'),
    grantDate: text('grant_date'),
    /** Filing date + 10 years (IP Law Art. 93(6)); renewals move it. */
    expiresOn: text('expires_on'),
    niceClasses: jsonb('nice_classes').$type<number[]>().notNull().default(sql`'[]'::jsonb`),
    goods: text('goods'),
    description: text('description'),
    status: text('status').$type<WorkStatus>().notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('marks_certificate_no_key').on(t.certificateNo), index('marks_owner_idx').on(t.ownerId)],
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
    /** Exactly one of work_id and mark_id is set (assets_subject_check). */
    workId: integer('work_id').references(() => works.id, { onDelete: 'cascade' }),
    markId: integer('mark_id').references(() => marks.id, { onDelete: 'cascade' }),
    /** 'document' (a certificate scan, a contract) is kept but not fingerprinted. */
    kind: text('kind').$type<AssetKind>().notNull(),
    /** A text asset's own text, inline. */
    content: text('content'),
    /** Blob key (content-addressed) for images; null for text assets kept inline. */
    blobKey: text('blob_key'),
    sha256: text('sha256').notNull(),
    mime: text('mime'),
    width: integer('width'),
    height: integer('height'),
    originalName: text('original_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assets_work_sha_key').on(t.workId, t.sha256),
    uniqueIndex('assets_mark_sha_key').on(t.markId, t.sha256),
    check('assets_subject_check', sql`num_nonnulls(${t.workId}, ${t.markId}) = 1`),
  ],
);

export const fingerprints = fingerprintsSchema.table(
  'fingerprints',
  {
    id: serial('id').primaryKey(),
    assetId: integer('asset_id').notNull().references(() => assets.id, { onDelete: 'cascade' }),
    workId: integer('work_id').references(() => works.id, { onDelete: 'cascade' }),
    markId: integer('mark_id').references(() => marks.id, { onDelete: 'cascade' }),
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
    index('fingerprints_mark_idx').on(t.markId),
    check('fingerprints_subject_check', sql`num_nonnulls(${t.workId}, ${t.markId}) = 1`),
  ],
);

export const fingerprintStates = ['pending', 'running', 'ready', 'failed'] as const;
export type FingerprintState = (typeof fingerprintStates)[number];

/**
 * Fingerprinting progress of one work or mark, for the portal. `generation` grows with every change that
 * asks for new fingerprints; a job finishing an older generation does not overwrite a newer request.
 */
export const fingerprintStatus = fingerprintsSchema.table(
  'fingerprint_status',
  {
    subjectType: text('subject_type').$type<'work' | 'mark'>().notNull(),
    subjectId: integer('subject_id').notNull(),
    state: text('state').$type<FingerprintState>().notNull().default('pending'),
    generation: integer('generation').notNull().default(1),
    assetsTotal: integer('assets_total').notNull().default(0),
    assetsDone: integer('assets_done').notNull().default(0),
    fingerprints: integer('fingerprints').notNull().default(0),
    error: text('error'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId] })],
);

/**
 * One row per finished fingerprinting of a registry request: its id is the registry's version. Stored
 * listings are re-matched once per version (matcher RematchListings); a burst of changes (an import)
 * collapses into its newest version.
 */
export const registryChanges = fingerprintsSchema.table('registry_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  subjectType: text('subject_type').$type<'work' | 'mark'>().notNull(),
  subjectId: integer('subject_id').notNull(),
  generation: integer('generation').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const assetKinds = ['image', 'text', 'document'] as const;
export type AssetKind = (typeof assetKinds)[number];

export type Work = typeof works.$inferSelect;
export type Mark = typeof marks.$inferSelect;
export type NewMark = typeof marks.$inferInsert;
export type FingerprintStatusRow = typeof fingerprintStatus.$inferSelect;
export type NewWork = typeof works.$inferInsert;
export type Owner = typeof owners.$inferSelect;
export type Asset = typeof assets.$inferSelect;
export type Fingerprint = typeof fingerprints.$inferSelect;
export type NewFingerprint = typeof fingerprints.$inferInsert;
