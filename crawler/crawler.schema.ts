import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgSchema, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { foldedSearchSql } from '../fingerprints/text/text-fold.sql.ts';

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
    /** 'site' (start URL), 'search' (a query run on a marketplace: start_url is the expanded search URL), 'manual' (hand captures). */
    kind: text('kind').$type<SourceKind>().notNull().default('site'),
    query: text('query'),
    /** Search URL with a `{query}` placeholder, kept so an edited query rebuilds start_url. */
    searchTemplate: text('search_template'),
    /** Five-field cron, read in Asia/Ho_Chi_Minh; null = run only on demand. */
    schedule: text('schedule'),
    maxDepth: integer('max_depth').notNull().default(5),
    /** Pages open at once for this source; null = the worker's default. */
    concurrency: integer('concurrency'),
    /** Requests per minute per domain; null = the platform's polite default. */
    ratePerMinute: integer('rate_per_minute'),
    /** Officer override of robots.txt for this source, recorded in the audit log. */
    ignoreRobots: boolean('ignore_robots').notNull().default(false),
    /** The officer responsible for the source (api.users.id). */
    ownerUserId: integer('owner_user_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sources_start_url_adapter_key').on(t.startUrl, t.adapter)],
);

export const sourceKinds = ['site', 'search', 'manual'] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** 'succeeded' is shown as "done"; 'interrupted' = its process stopped or died mid-run. */
export const crawlRunStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type CrawlRunStatus = (typeof crawlRunStatuses)[number];
export const activeRunStatuses = ['queued', 'running'] as const satisfies readonly CrawlRunStatus[];
export const runTriggers = ['manual', 'schedule', 'cli', 'start', 'capture'] as const;
export type RunTrigger = (typeof runTriggers)[number];

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
    trigger: text('trigger').$type<RunTrigger>().notNull().default('manual'),
    listingsNew: integer('listings_new').notNull().default(0),
    listingsChanged: integer('listings_changed').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** Process running it and its last sign of life: a run whose worker died is found by a stale heartbeat. */
    workerId: text('worker_id'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    requestedBy: integer('requested_by'),
  },
  // "One active run per source" is enforced under an advisory lock (SourceRepository.claimRun), not a
  // partial unique index: databases with old leftover 'running' rows would fail to migrate.
  (t) => [index('crawl_runs_source_idx').on(t.sourceId), index('crawl_runs_status_idx').on(t.status)],
);

export const captureStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type CaptureStatus = (typeof captureStatuses)[number];

/** A URL an officer found by hand, captured and matched like a crawled listing. */
export const captures = crawlerSchema.table(
  'captures',
  {
    id: serial('id').primaryKey(),
    url: text('url').notNull(),
    status: text('status').$type<CaptureStatus>().notNull().default('queued'),
    requestedBy: integer('requested_by'),
    /** Set by an officer for an intranet page: loopback/private addresses allowed for this capture only. */
    allowInternal: boolean('allow_internal').notNull().default(false),
    runId: integer('run_id').references(() => crawlRuns.id, { onDelete: 'set null' }),
    listingId: integer('listing_id').references(() => listings.id, { onDelete: 'set null' }),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('captures_created_idx').on(t.createdAt)],
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
    /** E.164 phone and address where the page shows them: repeat offenders are linked by them. */
    sellerPhone: text('seller_phone'),
    sellerAddress: text('seller_address'),
    /** Hash of the extracted fields: a recrawl that changes nothing does not re-trigger matching. */
    contentHash: text('content_hash').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** 'active', or 'removed' once the page answered 404/410 or "product not found" (a takedown worked). */
    status: text('status').$type<ListingStatus>().notNull().default('active'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** In stock, out of stock, discontinued… as the page says; null when it does not say. */
    availability: text('availability'),
    /** Title and description folded (no marks, đ→d, lowercase) by PostgreSQL: search with or without diacritics. */
    searchFolded: text('search_folded').generatedAlwaysAs(foldedSearchSql(sql`"title"`, sql`"description"`)),
  },
  (t) => [
    uniqueIndex('listings_url_key').on(t.url),
    index('listings_source_idx').on(t.sourceId),
    index('listings_search_folded_idx').using('gin', t.searchFolded.op('gin_trgm_ops')),
  ],
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
    /** WARC/1.1 file of the HTTP exchanges, screenshot and rendered DOM (crawler/evidence). */
    warcKey: text('warc_key'),
    warcSha256: text('warc_sha256'),
    /** Address the browser connected to, and the TLS certificate summary when HTTPS. */
    serverIp: text('server_ip'),
    tls: jsonb('tls').$type<Record<string, unknown>>(),
    /** JSON manifest of every file of this capture with its SHA-256 (crawler/evidence/manifest.ts). */
    manifestKey: text('manifest_key'),
    manifestSha256: text('manifest_sha256'),
  },
  (t) => [index('evidence_listing_idx').on(t.listingId)],
);

export const listingStatuses = ['active', 'removed'] as const;
export type ListingStatus = (typeof listingStatuses)[number];
export const listingEventKinds = ['first_seen', 'changed', 'removed', 'reappeared'] as const;
export type ListingEventKind = (typeof listingEventKinds)[number];

/** One field that differs between two captures of a listing. */
export interface ListingChange {
  field: 'title' | 'description' | 'priceVnd' | 'currency' | 'images' | 'availability' | 'sellerName' | 'sellerUrl';
  from: unknown;
  to: unknown;
}

/** What a listing showed at one capture: the version an event leads to. */
export interface ListingSnapshot {
  title: string;
  description: string | null;
  priceVnd: number | null;
  currency: string | null;
  sellerName: string | null;
  sellerUrl: string | null;
  images: string[];
  availability: string | null;
  contentHash: string;
}

/** The history of a listing across runs: first seen, each change, removal and return after a takedown. */
export const listingEvents = crawlerSchema.table(
  'listing_events',
  {
    id: serial('id').primaryKey(),
    listingId: integer('listing_id').notNull().references(() => listings.id, { onDelete: 'cascade' }),
    runId: integer('run_id').references(() => crawlRuns.id, { onDelete: 'set null' }),
    kind: text('kind').$type<ListingEventKind>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    changes: jsonb('changes').$type<ListingChange[]>().notNull().default([]),
    /** The listing as captured (null for a removal: the page showed nothing). */
    snapshot: jsonb('snapshot').$type<ListingSnapshot>(),
    /** Why a listing counts as removed ("HTTP 404", "page says product not found"). */
    reason: text('reason'),
  },
  (t) => [index('listing_events_listing_idx').on(t.listingId, t.at)],
);

/**
 * A Playwright storage state (an officer's own login) for one source, AES-256-GCM encrypted: the
 * plaintext never reaches the database or the logs.
 */
export const sourceSessions = crawlerSchema.table('source_sessions', {
  sourceId: integer('source_id')
    .primaryKey()
    .references(() => sources.id, { onDelete: 'cascade' }),
  ciphertext: text('ciphertext').notNull(),
  iv: text('iv').notNull(),
  tag: text('tag').notNull(),
  /** Fingerprint of the key that sealed it, so a changed key gives a clear error, not garbage. */
  keyId: text('key_id').notNull(),
  /** Origins and cookie count for the UI, never the cookie values. */
  summary: jsonb('summary').$type<{ origins: string[]; cookies: number; domains: string[] }>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Source = typeof sources.$inferSelect;
export type CrawlRun = typeof crawlRuns.$inferSelect;
export type Capture = typeof captures.$inferSelect;
export type Listing = typeof listings.$inferSelect;
export type ListingImage = typeof listingImages.$inferSelect;
export type Evidence = typeof evidence.$inferSelect;
export type ListingEvent = typeof listingEvents.$inferSelect;
export type SourceSession = typeof sourceSessions.$inferSelect;
