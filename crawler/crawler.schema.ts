import { bigint, boolean, index, integer, jsonb, pgSchema, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** What is monitored (sources), each crawl (runs), what was found (listings, images) and the proof (evidence). */
export const crawlerSchema = pgSchema('crawler');

export const sources = crawlerSchema.table(
  'sources',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    startUrl: text('start_url').notNull(),
    adapter: text('adapter').notNull().default('generic'),
    maxPages: integer('max_pages').notNull().default(200),
    /** Loopback and private addresses are refused unless the officer allowed them for this source. */
    allowInternal: boolean('allow_internal').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sources_start_url_adapter_key').on(t.startUrl, t.adapter)],
);

export const crawlRunStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type CrawlRunStatus = (typeof crawlRunStatuses)[number];

export const crawlRuns = crawlerSchema.table(
  'crawl_runs',
  {
    id: serial('id').primaryKey(),
    sourceId: integer('source_id').notNull().references(() => sources.id, { onDelete: 'cascade' }),
    status: text('status').$type<CrawlRunStatus>().notNull().default('queued'),
    pagesVisited: integer('pages_visited').notNull().default(0),
    listingsFound: integer('listings_found').notNull().default(0),
    errors: jsonb('errors').$type<{ url: string; message: string }[]>().notNull().default([]),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('crawl_runs_source_idx').on(t.sourceId)],
);

export const listings = crawlerSchema.table(
  'listings',
  {
    id: serial('id').primaryKey(),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    platform: text('platform').notNull(),
    /** Canonical URL (tracking parameters dropped): the identity of a listing across crawls. */
    url: text('url').notNull(),
    externalId: text('external_id'),
    title: text('title').notNull(),
    description: text('description'),
    /** Whole đồng; null when the page shows no price. */
    priceVnd: bigint('price_vnd', { mode: 'number' }),
    /** ISO 4217 code of the shown price (VND almost always); price_vnd stays null for other currencies. */
    currency: text('currency'),
    sellerName: text('seller_name'),
    sellerUrl: text('seller_url'),
    /** Hash of the extracted fields: a recrawl that changes nothing does not re-trigger matching. */
    contentHash: text('content_hash').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('listings_url_key').on(t.url), index('listings_source_idx').on(t.sourceId)],
);

export const listingImages = crawlerSchema.table(
  'listing_images',
  {
    id: serial('id').primaryKey(),
    listingId: integer('listing_id').notNull().references(() => listings.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    position: integer('position').notNull().default(0),
    blobKey: text('blob_key'),
    sha256: text('sha256'),
    mime: text('mime'),
    bytes: integer('bytes'),
    /** Why the image could not be used (404, not an image, too large): kept so a reviewer sees it. */
    error: text('error'),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('listing_images_listing_url_key').on(t.listingId, t.url)],
);

export const evidence = crawlerSchema.table(
  'evidence',
  {
    id: serial('id').primaryKey(),
    listingId: integer('listing_id').notNull().references(() => listings.id, { onDelete: 'cascade' }),
    runId: integer('run_id').references(() => crawlRuns.id, { onDelete: 'set null' }),
    url: text('url').notNull(),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    httpStatus: integer('http_status'),
    headers: jsonb('headers').$type<Record<string, string>>(),
    screenshotKey: text('screenshot_key').notNull(),
    screenshotSha256: text('screenshot_sha256').notNull(),
    htmlKey: text('html_key').notNull(),
    htmlSha256: text('html_sha256').notNull(),
    /** The body the server sent before scripts ran, when the browser still had it. */
    responseKey: text('response_key'),
    responseSha256: text('response_sha256'),
    software: text('software').notNull(),
  },
  (t) => [index('evidence_listing_idx').on(t.listingId)],
);

export type Source = typeof sources.$inferSelect;
export type CrawlRun = typeof crawlRuns.$inferSelect;
export type Listing = typeof listings.$inferSelect;
export type ListingImage = typeof listingImages.$inferSelect;
export type Evidence = typeof evidence.$inferSelect;
