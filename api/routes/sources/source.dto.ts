import { z } from '@hono/zod-openapi';
import type { CrawlRun, Source } from '../../../crawler/crawler.schema.ts';
import type { ScheduleInfo } from '../../../crawler/schedule.service.ts';
import type { SourceDraft } from '../../../crawler/source.service.ts';

const int4 = z.number().int().positive().max(2_147_483_647);

export const SourceBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(['site', 'search']).default('site'),
    startUrl: z.string().trim().min(1).max(2000).openapi({ description: 'Start URL; for a search source a search URL with {query}, or a known marketplace address' }),
    query: z.string().max(200).nullish(),
    adapter: z.string().min(1).max(100).default('generic'),
    schedule: z.string().max(120).nullish().openapi({ description: 'Five-field cron read in Asia/Ho_Chi_Minh time, e.g. "0 2 * * *"; null = on demand only', example: '0 2 * * *' }),
    maxPages: z.number().int().min(1).max(100_000).default(200),
    maxDepth: z.number().int().min(0).max(50).default(5),
    concurrency: z.number().int().min(1).max(16).nullish(),
    ratePerMinute: z.number().int().min(1).max(600).nullish().openapi({ description: 'Requests per minute per domain; null = the platform default' }),
    ignoreRobots: z.boolean().default(false).openapi({ description: 'Officer override of robots.txt, recorded in the audit log' }),
    allowInternal: z.boolean().default(false).openapi({ description: 'Allow loopback/private addresses (intranet sources)' }),
    enabled: z.boolean().default(true),
    ownerUserId: int4.nullish(),
  })
  .strict()
  .openapi('SourceInput');

export const SourcePatchSchema = SourceBodySchema.partial().strict().openapi('SourcePatch');

export const RunSchema = z
  .object({
    id: z.number().int(),
    sourceId: z.number().int(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']).openapi({ description: '"succeeded" = done' }),
    trigger: z.string(),
    pagesVisited: z.number().int(),
    listingsFound: z.number().int(),
    listingsNew: z.number().int(),
    listingsChanged: z.number().int(),
    errorCount: z.number().int(),
    errors: z.array(z.object({ url: z.string(), message: z.string() })),
    cancelRequested: z.boolean(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    heartbeatAt: z.string().nullable(),
  })
  .openapi('CrawlRun');

export const SourceSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.string(),
    startUrl: z.string(),
    query: z.string().nullable(),
    searchTemplate: z.string().nullable(),
    adapter: z.string(),
    schedule: z.string().nullable(),
    timezone: z.literal('Asia/Ho_Chi_Minh'),
    nextRunAt: z.string().nullable(),
    maxPages: z.number().int(),
    maxDepth: z.number().int(),
    concurrency: z.number().int().nullable(),
    ratePerMinute: z.number().int().nullable(),
    ignoreRobots: z.boolean(),
    allowInternal: z.boolean(),
    enabled: z.boolean(),
    ownerUserId: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastRun: RunSchema.nullable(),
  })
  .openapi('Source');

export function toRunDto(run: CrawlRun): z.infer<typeof RunSchema> {
  return {
    id: run.id,
    sourceId: run.sourceId,
    status: run.status,
    trigger: run.trigger,
    pagesVisited: run.pagesVisited,
    listingsFound: run.listingsFound,
    listingsNew: run.listingsNew,
    listingsChanged: run.listingsChanged,
    errorCount: run.errorCount,
    errors: run.errors,
    cancelRequested: !!run.cancelRequestedAt,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    heartbeatAt: run.heartbeatAt?.toISOString() ?? null,
  };
}

export function toSourceDto(source: Source, schedule: ScheduleInfo | undefined, lastRun: CrawlRun | undefined): z.infer<typeof SourceSchema> {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    startUrl: source.startUrl,
    query: source.query,
    searchTemplate: source.searchTemplate,
    adapter: source.adapter,
    schedule: source.schedule,
    timezone: 'Asia/Ho_Chi_Minh',
    nextRunAt: schedule?.next?.toISOString() ?? null,
    maxPages: source.maxPages,
    maxDepth: source.maxDepth,
    concurrency: source.concurrency,
    ratePerMinute: source.ratePerMinute,
    ignoreRobots: source.ignoreRobots,
    allowInternal: source.allowInternal,
    enabled: source.enabled,
    ownerUserId: source.ownerUserId,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
    lastRun: lastRun ? toRunDto(lastRun) : null,
  };
}

/** The stored source as a draft, so a PATCH is the source with the sent fields replaced. */
export function draftOf(source: Source): SourceDraft {
  return {
    name: source.name,
    kind: source.kind === 'search' ? 'search' : 'site',
    startUrl: source.kind === 'search' && source.searchTemplate ? source.searchTemplate : source.startUrl,
    query: source.query,
    adapter: source.adapter,
    schedule: source.schedule,
    maxPages: source.maxPages,
    maxDepth: source.maxDepth,
    concurrency: source.concurrency,
    ratePerMinute: source.ratePerMinute,
    ignoreRobots: source.ignoreRobots,
    allowInternal: source.allowInternal,
    enabled: source.enabled,
    ownerUserId: source.ownerUserId,
  };
}
