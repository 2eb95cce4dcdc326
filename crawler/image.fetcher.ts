import type { BlobRepository } from '../core/blob/blob.repository.ts';
import { errorMessage } from '../core/errors/errors.ts';
import { describeBytes, sniffImage } from './extract/image.sniff.ts';
import { safeFetch } from './http.client.ts';
import type { RobotsPolicy } from './robots.policy.ts';
import type { UrlGuard } from './url-safety.ts';

/** One image of a listing: stored bytes, or the reason it could not be used (kept for the reviewer). */
export type FetchedImage =
  | { ok: true; url: string; sha256: string; key: string; bytes: number; mime: string }
  | { ok: false; url: string; error: string };

export interface ImageFetcherOptions {
  guard: UrlGuard;
  robots: RobotsPolicy;
  blobs: BlobRepository;
  userAgent: string;
  maxBytes: number;
  signal?: AbortSignal | undefined;
  /** The per-domain rate limit: images count against their host like pages do. */
  beforeRequest?: ((url: URL) => Promise<void>) | undefined;
}

/** Downloads listing images at capture time (signed CDN URLs expire) through URL safety and robots.txt. */
export class ImageFetcher {
  constructor(private readonly options: ImageFetcherOptions) {}

  async fetch(url: string): Promise<FetchedImage> {
    const unreachable = await this.options.robots.originError(url);
    if (unreachable) return { ok: false, url, error: `host unreachable: ${unreachable}` };
    const refusal = await this.options.robots.refusal(url);
    if (refusal) return { ok: false, url, error: refusal };
    let res;
    try {
      res = await safeFetch(url, {
        guard: this.options.guard,
        userAgent: this.options.userAgent,
        maxBytes: this.options.maxBytes,
        accept: 'image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8',
        signal: this.options.signal,
        beforeRequest: this.options.beforeRequest,
      });
    } catch (error) {
      // Refused, unreachable or too large: the image is recorded as unusable, the listing is still kept.
      return { ok: false, url, error: errorMessage(error) };
    }
    if (res.status < 200 || res.status >= 300) return { ok: false, url, error: `HTTP ${res.status}` };
    const sniffed = sniffImage(res.body);
    const declared = res.headers['content-type'] ?? 'no content-type';
    if (!sniffed) return { ok: false, url, error: `not an image: served as ${declared} but the bytes are ${describeBytes(res.body)}` };
    // A storage failure is ours, not the site's: it propagates and fails the page.
    const stored = await this.options.blobs.put(res.body, sniffed.extension);
    return { ok: true, url, sha256: stored.sha256, key: stored.key, bytes: stored.bytes, mime: sniffed.mime };
  }
}
