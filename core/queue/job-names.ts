import { z } from 'zod';

/** Every background job of every stage. Each has exactly one handler (see JobHandlers). */
export enum JobName {
  CrawlSource = 'crawl.source',
  CaptureUrl = 'crawl.capture',
  FingerprintWork = 'fingerprint.work',
  FingerprintMark = 'fingerprint.mark',
  /** Re-matches stored listings against works/marks whose fingerprints changed (DESIGN §3, issue 7). */
  RematchListings = 'match.rematch',
  MatchListing = 'match.listing',
  /** After a notice's deadline: re-visit every listing it names, capture fresh evidence (issue 9). */
  RecheckNotice = 'notice.recheck',
  /** One e-mail to send through the configured SMTP server, retried with backoff. */
  SendMail = 'notify.mail',
  /** The periodic digest: new findings to rights holders, overdue notices to officers. */
  NotifyDigest = 'notify.digest',
}

/** Queues are per stage so that each role's processes only take their own stage's jobs. */
export enum QueueName {
  Crawl = 'crawl',
  /** Manual captures: their own queue, so an officer's pasted URL does not wait behind a long crawl. */
  Capture = 'capture',
  Match = 'match',
  /** Mail: its own queue, so an SMTP outage never holds up crawling or matching. */
  Notify = 'notify',
}

export const jobQueue = {
  [JobName.CrawlSource]: QueueName.Crawl,
  [JobName.CaptureUrl]: QueueName.Capture,
  [JobName.FingerprintWork]: QueueName.Match,
  [JobName.FingerprintMark]: QueueName.Match,
  [JobName.RematchListings]: QueueName.Match,
  [JobName.MatchListing]: QueueName.Match,
  // A re-check drives Chromium like a manual capture.
  [JobName.RecheckNotice]: QueueName.Capture,
  [JobName.SendMail]: QueueName.Notify,
  [JobName.NotifyDigest]: QueueName.Notify,
} as const satisfies Record<JobName, QueueName>;

export const jobPayloadSchemas = {
  // Without runId: a scheduled firing, which claims its own run (none while another is active).
  [JobName.CrawlSource]: z.object({ sourceId: z.number().int().positive(), runId: z.number().int().positive().optional() }),
  [JobName.CaptureUrl]: z.object({ captureId: z.number().int().positive() }),
  // generation: the registry request this job serves (absent: a direct re-run of the current one).
  [JobName.FingerprintWork]: z.object({ workId: z.number().int().positive(), generation: z.number().int().positive().optional() }),
  [JobName.FingerprintMark]: z.object({ markId: z.number().int().positive(), generation: z.number().int().positive().optional() }),
  /** One batch of stored listings (id > afterId) re-matched for registry version `version`. */
  [JobName.RematchListings]: z.object({ version: z.number().int().positive(), afterId: z.number().int().nonnegative() }),
  [JobName.MatchListing]: z.object({ listingId: z.number().int().positive() }),
  /** deadline: the NoticeDeadline.kind whose passing triggered the re-check. */
  [JobName.RecheckNotice]: z.object({ noticeId: z.number().int().positive(), deadline: z.string().min(1).max(40) }),
  /** mailId: a row of the outbox (the message itself stays in PostgreSQL, not in Redis). */
  [JobName.SendMail]: z.object({ mailId: z.number().int().positive() }),
  /** Without a time: a scheduled firing (now). */
  [JobName.NotifyDigest]: z.object({ at: z.string().datetime().optional() }),
} as const satisfies Record<JobName, z.ZodType>;

export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloadSchemas)[N]>;

export type Role = 'crawler' | 'matcher' | 'notifier';
export const roleQueues: Record<Role, QueueName[]> = {
  crawler: [QueueName.Crawl, QueueName.Capture],
  matcher: [QueueName.Match],
  notifier: [QueueName.Notify],
};
