import { ExternalInputError, PayloadTooLargeError } from '../core/errors/errors.ts';
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
}

/** "connect ECONNREFUSED 127.0.0.1:9" reads better than undici's bare "fetch failed". */
export function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code || cause?.message) return [cause.code, cause.message].filter(Boolean).join(': ').replace(/^(\w+): \1\b/, '$1');
  return error instanceof Error ? error.message : String(error);
}

/**
 * GET with redirects followed by hand, so every hop passes the URL guard (a public host may redirect to
 * an internal one), and a body cap enforced while streaming, so a huge file never sits in memory.
 */
export async function safeFetch(raw: string, options: SafeFetchOptions): Promise<FetchedBody> {
  let current = raw;
  for (let hop = 0; hop <= 5; hop++) {
    await options.guard.check(current);
    const signals = [AbortSignal.timeout(options.timeoutMs ?? 20_000), ...(options.signal ? [options.signal] : [])];
    let response: Response;
    try {
      response = await fetch(current, {
        redirect: 'manual',
        signal: AbortSignal.any(signals),
        headers: { 'user-agent': options.userAgent, accept: options.accept ?? '*/*', 'accept-language': 'vi,en;q=0.8' },
      });
    } catch (error) {
      throw new ExternalInputError(`cannot fetch ${current}: ${networkMessage(error)}`, { url: current }, { cause: error });
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).toString();
      continue;
    }
    const headers = Object.fromEntries(response.headers.entries());
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel();
      throw new PayloadTooLargeError(`${current} is ${declared} bytes, over the ${options.maxBytes}-byte limit`, { url: current });
    }
    const body = await readCapped(response, options.maxBytes, current);
    return { url: current, status: response.status, headers, body };
  }
  throw new ExternalInputError(`too many redirects from ${raw}`, { url: raw });
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw new ExternalInputError(`download of ${url} broke off: ${networkMessage(error)}`, { url }, { cause: error });
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(`${url} is over the ${maxBytes}-byte limit`, { url });
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}
