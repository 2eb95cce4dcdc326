import sharp, { type Metadata } from 'sharp';
import { ExternalInputError } from '../../core/errors/errors.ts';
import type { RgbImage } from '../hash/hash-plugin.ts';

/**
 * The only place image bytes from outside (crawled listings, uploaded registry images) become pixels.
 * Every failure is an ExternalInputError with a short message, so the CLI can print it as the
 * candidate's `error` and the pipeline can record it and go on.
 */

/** Same default as IPWATCH_MAX_IMAGE_BYTES; the caller passes the configured value. */
export const DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/**
 * 50 MP covers any real camera photo; above that the RGB buffer alone passes 150 MB, and a tiny
 * PNG can claim 30000×30000 (a decompression bomb), so the header is checked before decoding.
 */
export const DEFAULT_MAX_IMAGE_PIXELS = 50_000_000;
/**
 * Decode size for hashing: PDQ's reference tools shrink to fit 512 before hashing anyway, and the
 * ~20 registered crops of a 512-px image hash in well under 100 ms (at 1024 px, several times that).
 * Region boxes are then in these pixels; scale by originalWidth / width for the asset's own.
 */
export const HASH_DECODE_MAX_SIDE = 512;

export interface DecodeOptions {
  maxBytes?: number;
  maxPixels?: number;
  /** Downscale (never upscale) so that the longer side is at most this; JPEG shrinks on load. */
  maxSide?: number;
  /** SVG is off by default: an HTML page with inline SVG would otherwise be "an image". */
  allowSvg?: boolean;
}

export interface DecodedImage extends RgbImage {
  /** Container format as sharp names it: jpeg, png, webp, gif, tiff, heif, … */
  format: string;
  /** Size of the stored image after EXIF orientation, before any maxSide downscale. */
  originalWidth: number;
  originalHeight: number;
}

const RASTER_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif', 'avif', 'jp2', 'bmp']);

export async function decodeImage(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<DecodedImage> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  if (bytes.byteLength === 0) throw new ExternalInputError('not an image: empty file');
  if (bytes.byteLength > maxBytes) {
    throw new ExternalInputError(`file too large: ${bytes.byteLength} bytes (limit ${maxBytes})`, { bytes: bytes.byteLength, maxBytes });
  }

  const sniffed = sniffFormat(bytes);
  if (!sniffed || (sniffed === 'svg' && !opts.allowSvg)) throw new ExternalInputError('not an image');

  // The header alone: no pixel is decoded before the size is known to be sane.
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw classify(error);
  }
  const format = meta.format ?? 'unknown';
  if (!RASTER_FORMATS.has(format) && !(format === 'svg' && opts.allowSvg)) {
    throw new ExternalInputError(`not an image: unsupported format ${format}`, { format });
  }
  const width = meta.width ?? 0;
  // For animated images sharp reports one frame's height only when pageHeight is set.
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width <= 0 || height <= 0) throw new ExternalInputError('not an image: no dimensions');
  if (width * height > maxPixels) {
    throw new ExternalInputError(`image too large: ${width}×${height} = ${width * height} pixels (limit ${maxPixels})`, {
      width,
      height,
      maxPixels,
    });
  }
  const swapped = (meta.orientation ?? 1) >= 5;
  const originalWidth = swapped ? height : width;
  const originalHeight = swapped ? width : height;

  try {
    let pipeline = sharp(bytes, {
      limitInputPixels: maxPixels,
      // 'error' rejects truncated and corrupt data; 'warning' would also reject the many JPEGs with
      // harmless quirks (extra bytes after EOI, odd EXIF) that browsers show without complaint.
      failOn: 'error',
      pages: 1,
      page: 0,
    });
    // Each step only when the header asks for it: on a plain 8-bit sRGB JPEG (most of the web) the
    // no-op steps still cost libvips a pass over the pixels, ~10 % of hashing an image.
    if ((meta.orientation ?? 1) > 1) pipeline = pipeline.rotate();
    // CMYK, Lab, 16-bit and greyscale all end as 8-bit sRGB; ICC profiles are honoured on the way.
    if (meta.space !== 'srgb' || meta.depth !== 'uchar' || meta.hasProfile) pipeline = pipeline.toColourspace('srgb');
    // 2 or 4 bands is grey or colour with alpha, whatever the header's hasAlpha says (palette + tRNS, GIF).
    if (meta.hasAlpha || (meta.channels ?? 3) % 2 === 0) pipeline = pipeline.flatten({ background: { r: 255, g: 255, b: 255 } }).removeAlpha();
    if (opts.maxSide && Math.max(originalWidth, originalHeight) > opts.maxSide) {
      pipeline = pipeline.resize({ width: opts.maxSide, height: opts.maxSide, fit: 'inside', withoutEnlargement: true, kernel: 'lanczos3' });
    }
    const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    const rgb = toRgb(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), info.width, info.height, info.channels);
    return { width: info.width, height: info.height, data: rgb, format, originalWidth, originalHeight };
  } catch (error) {
    throw classify(error);
  }
}

/**
 * libvips guesses SVG from any text starting with '<', so an HTML page would be reported as a corrupt
 * image; the magic numbers tell "not an image" apart from "a broken image" before sharp sees the bytes.
 */
export function sniffFormat(bytes: Uint8Array): string | undefined {
  const at = (offset: number, ...values: number[]) => values.every((v, i) => bytes[offset + i] === v);
  const ascii = (offset: number, text: string) => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (ascii(0, 'GIF8')) return 'gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (ascii(4, 'ftyp')) return 'heif';
  if (ascii(0, 'BM')) return 'bmp';
  if (at(0, 0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50) || at(0, 0xff, 0x4f, 0xff, 0x51)) return 'jp2';
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
  return undefined;
}

/** sharp usually hands back 3 channels here, but greyscale inputs can stay 1-channel: expand. */
function toRgb(data: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  if (channels === 3) return data;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const v = data[i * channels] ?? 0;
    const g = channels >= 3 ? (data[i * channels + 1] ?? v) : v;
    const b = channels >= 3 ? (data[i * channels + 2] ?? v) : v;
    out[i * 3] = v;
    out[i * 3 + 1] = g;
    out[i * 3 + 2] = b;
  }
  return out;
}

/** sharp's messages are libvips internals; the user gets one of a few stable phrases. */
function classify(error: unknown): ExternalInputError {
  if (error instanceof ExternalInputError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/unsupported image format|Input buffer contains unsupported/i.test(message)) {
    return new ExternalInputError('not an image', undefined, { cause: error });
  }
  if (/pixel limit/i.test(message)) return new ExternalInputError('image too large: exceeds the pixel limit', undefined, { cause: error });
  return new ExternalInputError('truncated or corrupt image', { reason: message.split('\n')[0]?.slice(0, 200) }, { cause: error });
}
