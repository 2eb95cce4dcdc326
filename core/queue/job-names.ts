import { z } from 'zod';

/** Every background job of every stage. Each has exactly one handler (see JobHandlers). */
export enum JobName {
  CrawlSource = 'crawl.source',
  FingerprintWork = 'fingerprint.work',
  MatchListing = 'match.listing',
}

/** Queues are per stage so that each role's processes only take their own stage's jobs. */
export enum QueueName {
  Crawl = 'crawl',
  Match = 'match',
}

export const jobQueue = {
  [JobName.CrawlSource]: QueueName.Crawl,
  [JobName.FingerprintWork]: QueueName.Match,
  [JobName.MatchListing]: QueueName.Match,
} as const satisfies Record<JobName, QueueName>;

export const jobPayloadSchemas = {
  [JobName.CrawlSource]: z.object({ sourceId: z.number().int().positive(), runId: z.number().int().positive() }),
  [JobName.FingerprintWork]: z.object({ workId: z.number().int().positive() }),
  [JobName.MatchListing]: z.object({ listingId: z.number().int().positive() }),
} as const satisfies Record<JobName, z.ZodType>;

export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloadSchemas)[N]>;

export type Role = 'crawler' | 'matcher';
export const roleQueues: Record<Role, QueueName[]> = {
  crawler: [QueueName.Crawl],
  matcher: [QueueName.Match],
};
