import { createRequire } from 'node:module';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { DependencyError, ExternalInputError } from '../../core/errors/errors.ts';
import { detectTextRegions, type TextRegionVerdict } from './text-regions.ts';

/**
 * Vietnamese OCR of listing images (a brand printed on a product photo, a poem on a poster) with
 * tesseract.js and the `@tesseract.js-data/vie` model from npm. Nothing is ever downloaded: the model is
 * read from node_modules (langPath is a local directory, so tesseract.js never builds a CDN URL), the
 * WASM core is required from node_modules by tesseract.js's Node worker, and the model cache is off
 * (cacheMethod 'none': no .traineddata written into the working directory).
 *
 * OCR is expensive, so `read` first runs detectTextRegions on a small grayscale copy and skips images
 * with no text-like rows; `force` reads anyway (tests, an officer's explicit request).
 */

const require = createRequire(import.meta.url);
/** The directory holding vie.traineddata.gz (the package's own default model, 4.0.0). */
export const VIE_LANG_PATH = (require('@tesseract.js-data/vie') as { langPath: string }).langPath;
const DETECT_WIDTH = 400;
/** Tesseract reads best with text ≥ ~20 px high: small images are enlarged, huge ones reduced. */
const OCR_MAX_SIDE = 2000;
const OCR_MIN_WIDTH = 800;
/** Words below this confidence (0–100) are noise (texture read as letters), not text. */
const MIN_WORD_CONFIDENCE = 55;

export interface OcrLine {
  text: string;
  confidence: number;
  /** In the pixels of the image as given. */
  box: { x: number; y: number; w: number; h: number };
}

export interface OcrResult {
  /** The image's text, one line per OCR line, low-confidence words left out. */
  text: string;
  lines: OcrLine[];
  regions: TextRegionVerdict;
  /** False when the region test said "no text" and OCR was skipped. */
  ran: boolean;
  detectMs: number;
  ocrMs: number;
}

export class OcrEngine {
  private closed = false;
  private constructor(private readonly worker: Worker) {}

  /** One tesseract worker (one thread); create once per process role and reuse. */
  static async create(): Promise<OcrEngine> {
    const worker = await createWorker('vie', OEM.LSTM_ONLY, {
      langPath: path.resolve(VIE_LANG_PATH),
      gzip: true,
      cacheMethod: 'none',
      logger: () => {},
      errorHandler: () => {},
    });
    await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: '1' });
    return new OcrEngine(worker);
  }

  async read(image: Uint8Array, options: { force?: boolean } = {}): Promise<OcrResult> {
    let meta: Metadata;
    try {
      meta = await sharp(image, { limitInputPixels: 50_000_000 }).metadata();
    } catch (error) {
      throw new ExternalInputError(`image cannot be read for OCR (${(error as Error).message})`);
    }
    const width = meta.autoOrient?.width ?? meta.width ?? 0;
    const height = meta.autoOrient?.height ?? meta.height ?? 0;
    if (!width || !height) throw new ExternalInputError('image has no size');

    let start = performance.now();
    const small = await sharp(image, { limitInputPixels: 50_000_000 }).rotate().flatten({ background: '#ffffff' })
      .resize({ width: Math.min(DETECT_WIDTH, width), withoutEnlargement: true }).grayscale().raw().toBuffer({ resolveWithObject: true });
    const regions = detectTextRegions(new Uint8Array(small.data.buffer, small.data.byteOffset, small.data.length), small.info.width, small.info.height);
    const detectMs = performance.now() - start;
    if (!regions.likely && !options.force) return { text: '', lines: [], regions, ran: false, detectMs, ocrMs: 0 };

    start = performance.now();
    const scale = Math.min(OCR_MAX_SIDE / Math.max(width, height), Math.max(1, OCR_MIN_WIDTH / width));
    const png = await sharp(image, { limitInputPixels: 50_000_000 }).rotate().flatten({ background: '#ffffff' })
      .resize({ width: Math.round(width * scale), height: Math.round(height * scale) }).grayscale().png().toBuffer();
    // tesseract.js 7 posts to a terminated worker from an un-awaited async send: the job never settles and
    // the TypeError escapes as an unhandled rejection. A caller may close the engine while this read was
    // still in sharp (ListingOcr drops a worker on timeout), so check here; from this check to the post
    // only microtasks run (loadImage of a Buffer does no I/O), so no close can slip in between.
    if (this.closed) throw new DependencyError('OCR engine was closed during the read');
    const { data } = await this.worker.recognize(png, {}, { blocks: true, text: true });
    const lines: OcrLine[] = [];
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const words = line.words.filter((w) => w.confidence >= MIN_WORD_CONFIDENCE && /[\p{L}\p{N}]/u.test(w.text));
          if (!words.length) continue;
          const b = line.bbox;
          lines.push({
            text: words.map((w) => w.text).join(' ').normalize('NFC'),
            confidence: Math.round(words.reduce((sum, w) => sum + w.confidence, 0) / words.length),
            box: { x: Math.round(b.x0 / scale), y: Math.round(b.y0 / scale), w: Math.round((b.x1 - b.x0) / scale), h: Math.round((b.y1 - b.y0) / scale) },
          });
        }
      }
    }
    return { text: lines.map((l) => l.text).join('\n'), lines, regions, ran: true, detectMs, ocrMs: performance.now() - start };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }
}

/** The text fields matchers read from OCR: one per image, named so explanations say where the text was. */
export function ocrTextFields(results: readonly { position: number; result: OcrResult }[]): { field: string; text: string }[] {
  return results.filter((r) => r.result.text.trim()).map((r) => ({ field: `image ${r.position + 1} (OCR)`, text: r.result.text }));
}
