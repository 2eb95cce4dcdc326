import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { ExternalInputError } from '../core/errors/errors.ts';
import { OcrEngine, ocrTextFields, type OcrResult } from '../fingerprints/ocr/ocr.engine.ts';
import type { MatchSnapshot } from './match.index.ts';

/**
 * OCR of a listing's images for the mark and text matchers, shared by the pipeline's matcher and the
 * offline CLI. One tesseract worker per process, created on first use (a registry without marks or
 * texts never pays for it) and reads serialized through it, so a per-image timeout measures that
 * image's own work and not the queue in front of it. Results are cached by the image's sha256: the
 * same product photo re-posted across listings (or a listing re-matched after a registry change) is
 * read once. Nothing here ever fails a listing: each problem becomes a note.
 */

export interface OcrImage {
  /** 0-based position in the listing; named "image N (OCR)" in explanations. */
  position: number;
  bytes: Uint8Array;
}

export interface ListingOcrOptions {
  /** Images actually OCR'd per listing (the detector's "no text" ones do not count). */
  maxImages?: number;
  /** Larger images are not OCR'd: text on them is either huge or lost in the downscale anyway. */
  maxPixels?: number;
  timeoutMs?: number;
  cacheSize?: number;
}

export interface ListingOcrOutcome {
  fields: { field: string; text: string }[];
  notes: string[];
  /** Per position read (or skipped by the detector), for metrics and tests. */
  results: { position: number; result: OcrResult; cached: boolean }[];
}

const DEFAULTS: Required<ListingOcrOptions> = { maxImages: 3, maxPixels: 16_000_000, timeoutMs: 20_000, cacheSize: 2_000 };

class OcrTimeoutError extends Error {}

const live = new Set<ListingOcr>();

/** Ends every OCR worker of this process (shutdown); a later read starts a fresh one. */
export async function closeAllListingOcr(): Promise<void> {
  await Promise.all([...live].map((ocr) => ocr.close()));
}

/** Only marks and works with their own text can be found in OCR'd text; title-only works cannot. */
export function snapshotWantsOcr(snapshot: MatchSnapshot): boolean {
  return snapshot.works.some((w) => w.kind === 'mark' || Boolean(w.text));
}

export class ListingOcr {
  private engine: Promise<OcrEngine> | undefined;
  private turn: Promise<unknown> = Promise.resolve();
  private readonly cache = new Map<string, OcrResult>();
  private readonly options: Required<ListingOcrOptions>;
  /** Since start: images looked at by the text detector, actually OCR'd, answered from the cache. */
  readonly stats = { detected: 0, recognized: 0, cached: 0 };

  constructor(options: ListingOcrOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  async read(images: readonly OcrImage[]): Promise<ListingOcrOutcome> {
    const outcome: ListingOcrOutcome = { fields: [], notes: [], results: [] };
    let ran = 0;
    for (const image of images) {
      if (ran >= this.options.maxImages) {
        outcome.notes.push(`OCR stopped after ${ran} images with text (limit ${this.options.maxImages})`);
        break;
      }
      const label = `image ${image.position + 1}`;
      const key = createHash('sha256').update(image.bytes).digest('hex');
      const hit = this.cache.get(key);
      if (hit) {
        this.cache.delete(key); // Re-inserted: a Map keeps insertion order, so the oldest is first.
        this.cache.set(key, hit);
        outcome.results.push({ position: image.position, result: hit, cached: true });
        this.stats.cached += 1;
        if (hit.ran) ran += 1;
        continue;
      }
      try {
        const meta = await sharp(image.bytes).metadata();
        const pixels = (meta.width ?? 0) * (meta.height ?? 0);
        if (pixels > this.options.maxPixels) {
          outcome.notes.push(`${label} not OCR'd: ${meta.width}×${meta.height} is over ${this.options.maxPixels} pixels`);
          continue;
        }
        const result = await this.serialized(() => this.readOne(image.bytes));
        this.remember(key, result);
        outcome.results.push({ position: image.position, result, cached: false });
        this.stats.detected += 1;
        if (result.ran) this.stats.recognized += 1;
        if (result.ran) ran += 1;
      } catch (error) {
        const reason = error instanceof OcrTimeoutError ? `timed out after ${this.options.timeoutMs} ms` : (error as Error).message;
        outcome.notes.push(`${label} not OCR'd: ${reason}`);
        // An unreadable image stays unreadable; a timeout or engine failure may not, so it is not cached.
        if (error instanceof ExternalInputError) this.remember(key, { text: '', lines: [], regions: { likely: false, textRows: 0, lines: 0 }, ran: false, detectMs: 0, ocrMs: 0 });
      }
    }
    outcome.fields = ocrTextFields(outcome.results);
    return outcome;
  }

  async close(): Promise<void> {
    live.delete(this);
    const engine = this.engine;
    this.engine = undefined;
    if (engine) await engine.then((e) => e.close(), () => {});
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.turn.then(task, task);
    this.turn = run.catch(() => {});
    return run;
  }

  private async readOne(bytes: Uint8Array): Promise<OcrResult> {
    if (!this.engine) {
      live.add(this);
      this.engine = OcrEngine.create();
      this.engine.catch(() => (this.engine = undefined));
    }
    const engine = await this.engine;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrTimeoutError()), this.options.timeoutMs);
    });
    try {
      return await Promise.race([engine.read(bytes), timeout]);
    } catch (error) {
      // A worker stuck on one image would hold every later read: drop it, the next read starts afresh.
      if (!(error instanceof ExternalInputError)) {
        this.engine = undefined;
        void engine.close().catch(() => {});
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private remember(key: string, result: OcrResult): void {
    this.cache.set(key, result);
    if (this.cache.size > this.options.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }
}
