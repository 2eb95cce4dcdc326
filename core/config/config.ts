import path from 'node:path';
import { z } from 'zod';

/** Accepts the usual spellings of a boolean in an environment variable. */
const envBoolean = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      if (/^(1|true|yes|on)$/i.test(value)) return true;
      if (/^(0|false|no|off)$/i.test(value)) return false;
      ctx.addIssue({ code: 'custom', message: `not a boolean: ${value}` });
      return z.NEVER;
    });

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const urlWithProtocols = (protocols: string[]) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .url()
      .refine((value) => protocols.includes(new URL(value).protocol), {
        message: `must start with ${protocols.join(' or ')}//`,
      })
      .optional(),
  );

export const configSchema = z.object({
  IPWATCH_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']),
  IPWATCH_HOST: z.string().min(1).default('127.0.0.1'),
  IPWATCH_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  IPWATCH_PUBLIC_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  IPWATCH_QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]+$/).default('ipwatch'),
  IPWATCH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  IPWATCH_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  IPWATCH_REDIS_SERVER_PATH: z.string().min(1).default('redis-server'),
  IPWATCH_COOKIE_SECURE: envBoolean(true),
  IPWATCH_CRAWL_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  IPWATCH_MATCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  IPWATCH_CRAWL_MAX_PAGES: z.coerce.number().int().min(1).max(100_000).default(200),
  IPWATCH_MAX_IMAGE_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
  IPWATCH_OCR: z.enum(['on', 'off']).default('on'),
  /** 32-byte key (64 hex characters or base64) sealing officers' browser sessions; else a key file in the data dir. */
  IPWATCH_SESSION_KEY: z.preprocess(emptyAsUndefined, z.string().regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes as 64 hex characters or base64').optional()),
  // Registry import (DESIGN.md §5): an XLSX of 20 000 rows with long texts is ~10 MB; images come apart in the ZIP.
  IPWATCH_IMPORT_MAX_FILE_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
  IPWATCH_IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  IPWATCH_IMPORT_MAX_ARCHIVE_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024 * 1024),
  IPWATCH_DEMO_MARKETPLACE_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  IPWATCH_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  IPWATCH_METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'use at least 16 characters').optional()),
  /** Who issues Art. 113 notices (a local decision: the Department, the People's Committee, an inspectorate). */
  IPWATCH_NOTICE_AUTHORITY: z.string().min(1).max(300).default('Sở Văn hoá, Thể thao và Du lịch tỉnh Bắc Ninh'),
  IPWATCH_NOTICE_SIGNATORY: z.preprocess(emptyAsUndefined, z.string().min(1).max(300).optional()),
  /** smtp:// or smtps:// URL (credentials in it); unset: mail waits in the outbox, nothing is lost. */
  IPWATCH_SMTP_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional()),
  IPWATCH_MAIL_FROM: z.string().min(3).max(300).default('ipwatch <no-reply@ipwatch.local>'),
  /** When the findings/overdue digest goes out, cron in Vietnam time. */
  IPWATCH_DIGEST_CRON: z.string().min(9).max(100).default('0 7 * * *'),
  /** Noto Sans TTFs embedded in PDFs (notices, evidence reports, yearly report). */
  IPWATCH_FONT_DIR: z.string().min(1).default('/usr/share/fonts/truetype/noto'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  host: string;
  port: number;
  publicUrl: string | undefined;
  queuePrefix: string;
  logLevel: RawConfig['IPWATCH_LOG_LEVEL'];
  chromiumPath: string;
  redisServerPath: string;
  cookieSecure: boolean;
  crawlConcurrency: number;
  matchConcurrency: number;
  crawlMaxPages: number;
  maxImageBytes: number;
  /** OCR of listing images (text and marks printed on product photos) in matching. */
  ocr: boolean;
  sessionKey: string | undefined;
  /** Registry import limits: the CSV/XLSX file, its data rows, the images ZIP (uncompressed total). */
  importMaxFileBytes: number;
  importMaxRows: number;
  importMaxArchiveBytes: number;
  /** Fixed, so that listing URLs (the listings' identity) stay the same from one run to the next. */
  demoMarketplacePort: number;
  /** Reverse proxies in front of the API that append X-Forwarded-For (0: trust no header). */
  trustedProxies: number;
  /** Bearer token for /metrics; without one, only loopback clients may scrape. */
  metricsToken: string | undefined;
  fontDir: string;
  noticeAuthority: string;
  noticeSignatory: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  digestCron: string;
  env: RawConfig['NODE_ENV'];
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration: ${issues.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses a set of environment variables; pure, so tests build configs without touching process.env. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const raw = parsed.data;
  return {
    dataDir: path.resolve(raw.IPWATCH_DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    host: raw.IPWATCH_HOST,
    port: raw.IPWATCH_PORT,
    publicUrl: raw.IPWATCH_PUBLIC_URL,
    queuePrefix: raw.IPWATCH_QUEUE_PREFIX,
    logLevel: raw.IPWATCH_LOG_LEVEL,
    chromiumPath: raw.IPWATCH_CHROMIUM_PATH,
    redisServerPath: raw.IPWATCH_REDIS_SERVER_PATH,
    cookieSecure: raw.IPWATCH_COOKIE_SECURE,
    crawlConcurrency: raw.IPWATCH_CRAWL_CONCURRENCY,
    matchConcurrency: raw.IPWATCH_MATCH_CONCURRENCY,
    crawlMaxPages: raw.IPWATCH_CRAWL_MAX_PAGES,
    maxImageBytes: raw.IPWATCH_MAX_IMAGE_BYTES,
    ocr: raw.IPWATCH_OCR === 'on',
    sessionKey: raw.IPWATCH_SESSION_KEY,
    importMaxFileBytes: raw.IPWATCH_IMPORT_MAX_FILE_BYTES,
    importMaxRows: raw.IPWATCH_IMPORT_MAX_ROWS,
    importMaxArchiveBytes: raw.IPWATCH_IMPORT_MAX_ARCHIVE_BYTES,
    demoMarketplacePort: raw.IPWATCH_DEMO_MARKETPLACE_PORT,
    trustedProxies: raw.IPWATCH_TRUSTED_PROXIES,
    metricsToken: raw.IPWATCH_METRICS_TOKEN,
    fontDir: raw.IPWATCH_FONT_DIR,
    noticeAuthority: raw.IPWATCH_NOTICE_AUTHORITY,
    noticeSignatory: raw.IPWATCH_NOTICE_SIGNATORY,
    smtpUrl: raw.IPWATCH_SMTP_URL,
    mailFrom: raw.IPWATCH_MAIL_FROM,
    digestCron: raw.IPWATCH_DIGEST_CRON,
    env: raw.NODE_ENV,
  };
}

/** The one place that reads process.env: called once at startup by the CLI. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  return parseConfig({ ...process.env, ...overrides });
}
