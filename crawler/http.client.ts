import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { ExternalInputError, PayloadTooLargeError, ValidationError } from '../core/errors/errors.ts';
import { abortableSleep } from './run.rate-limit.ts';
import type { UrlGuard } from './url-safety.ts';

export interface FetchedBody {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface SafeFetchOptions {
  guard: UrlGuard;
  userAgent: string;
  maxBytes: number;
  timeoutMs?: number;
  accept?: string;
  signal?: AbortSignal | undefined;
  /** Called before every request (each redirect hop and retry): the per-domain rate limit waits here. */
  beforeRequest?: ((url: URL) => Promise<void>) | undefined;
  /** Extra attempts after a network error, 429 or 503, with exponential backoff (default 2). */
  retries?: number;
}

/** "connect ECONNREFUSED 127.0.0.1:9" reads better than a bare "request failed". */
export function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code || cause?.message) return [cause.code, cause.message].filter(Boolean).join(': ').replace(/^(\w+): \1\b/, '$1');
  return error instanceof Error ? error.message : String(error);
}

const MAX_RETRY_AFTER_MS = 60_000;

/** Delay before retry `attempt` (1-based): Retry-After when the server gave one (capped), else 1 s, 2 s, 4 s… */
export function retryDelayMs(attempt: number, retryAfter: string | undefined, now = Date.now()): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const at = Number.isFinite(seconds) ? now + seconds * 1000 : Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS);
  }
  return Math.min(1000 * 2 ** (attempt - 1), MAX_RETRY_AFTER_MS);
}

/**
 * GET with redirects followed by hand, so every hop passes the URL guard (a public host may redirect to
 * an internal one); node's http client with the guard's pinned `lookup`, so the socket goes to an address
 * that was checked (no DNS rebinding); a body cap enforced while streaming and after decompression, so
 * neither a huge file nor a gzip bomb ever sits in memory.
 */
export async function safeFetch(raw: string, options: SafeFetchOptions): Promise<FetchedBody> {
  let current = raw;
  const retries = options.retries ?? 2;
  for (let hop = 0; hop <= 5; hop++) {
    const url = await options.guard.check(current);
    let res: IncomingMessage | undefined;
    for (let attempt = 0; ; attempt++) {
      await options.beforeRequest?.(url);
      try {
        res = await request(url, options);
      } catch (error) {
        if (error instanceof ValidationError || options.signal?.aborted || attempt >= retries) {
          if (error instanceof ValidationError) throw error;
          throw new ExternalInputError(`cannot fetch ${current}: ${networkMessage(error)}`, { url: current }, { cause: error });
        }
        await abortableSleep(retryDelayMs(attempt + 1, undefined), options.signal);
        continue;
      }
      if ((res.statusCode === 429 || res.statusCode === 503) && attempt < retries) {
        res.resume();
        await abortableSleep(retryDelayMs(attempt + 1, header(res, 'retry-after')), options.signal);
        continue;
      }
      break;
    }
    const status = res.statusCode ?? 0;
    const location = header(res, 'location');
    if (status >= 300 && status < 400 && location) {
      res.resume();
      current = new URL(location, current).toString();
      continue;
    }
    const headers = flatHeaders(res);
    const declared = Number(header(res, 'content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      res.destroy();
      throw new PayloadTooLargeError(`${current} is ${declared} bytes, over the ${options.maxBytes}-byte limit`, { url: current });
    }
    const body = await readCapped(decoded(res), options.maxBytes, current);
    return { url: current, status, headers, body };
  }
  throw new ExternalInputError(`too many redirects from ${raw}`, { url: raw });
}

function request(url: URL, options: SafeFetchOptions): Promise<IncomingMessage> {
  const signals = [AbortSignal.timeout(options.timeoutMs ?? 20_000), ...(options.signal ? [options.signal] : [])];
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'GET',
      lookup: options.guard.lookup,
      signal: AbortSignal.any(signals),
      headers: { 'user-agent': options.userAgent, accept: options.accept ?? '*/*', 'accept-language': 'vi,en;q=0.8', 'accept-encoding': 'gzip, deflate, br' },
    });
    req.once('response', resolve);
    req.once('error', (error) => reject(unwrapLookupError(error)));
    req.end();
  });
}

/** A refusal from the pinned lookup surfaces as a socket error: hand back the original ValidationError. */
function unwrapLookupError(error: Error): Error {
  if (error instanceof ValidationError) return error;
  const wrapped = Object.assign(new Error(error.message), { cause: error });
  return wrapped;
}

function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function decoded(res: IncomingMessage): Readable {
  const encoding = (header(res, 'content-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return res.pipe(zlib.createInflate());
  if (encoding === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

async function readCapped(stream: Readable, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      total += buffer.byteLength;
      if (total > maxBytes) {
        stream.destroy();
        throw new PayloadTooLargeError(`${url} is over the ${maxBytes}-byte limit`, { url });
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    throw new ExternalInputError(`download of ${url} broke off: ${networkMessage(error)}`, { url }, { cause: error });
  }
  return Buffer.concat(chunks);
}
