import type { RgbImage } from '../hash/hash-plugin.ts';

/** Pure pixel helpers shared by the hashes, the trimmer and the region cropper. */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface GreyImage {
  width: number;
  height: number;
  data: Float32Array;
}

// Rec. 601 luma, as PDQ's reference uses; the exact coefficients matter for matching its vectors.
const LUMA_R = 0.299;
const LUMA_G = 0.587;
const LUMA_B = 0.114;

export function fullBox(image: { width: number; height: number }): Box {
  return { x: 0, y: 0, w: image.width, h: image.height };
}

export function luma(image: RgbImage): GreyImage {
  const n = image.width * image.height;
  const out = new Float32Array(n);
  const d = image.data;
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    out[i] = LUMA_R * d[p]! + LUMA_G * d[p + 1]! + LUMA_B * d[p + 2]!;
  }
  return { width: image.width, height: image.height, data: out };
}

/** Clamps the box to the image and to at least 1×1, so callers never index outside. */
export function clampBox(box: Box, image: { width: number; height: number }): Box {
  const x = Math.max(0, Math.min(image.width - 1, Math.round(box.x)));
  const y = Math.max(0, Math.min(image.height - 1, Math.round(box.y)));
  const w = Math.max(1, Math.min(image.width - x, Math.round(box.w)));
  const h = Math.max(1, Math.min(image.height - y, Math.round(box.h)));
  return { x, y, w, h };
}

export function crop(image: RgbImage, box: Box): RgbImage {
  const b = clampBox(box, image);
  if (b.x === 0 && b.y === 0 && b.w === image.width && b.h === image.height) return image;
  const out = new Uint8Array(b.w * b.h * 3);
  for (let row = 0; row < b.h; row++) {
    const start = ((b.y + row) * image.width + b.x) * 3;
    out.set(image.data.subarray(start, start + b.w * 3), row * b.w * 3);
  }
  return { width: b.w, height: b.h, data: out };
}

/**
 * Area-average downscale of a grey image (each output pixel is the mean of the input pixels it
 * covers, with fractional weights at the edges). Upscaling falls back to nearest sampling: it only
 * happens for tiny images, whose hashes the quality guard distrusts anyway.
 */
export function resizeGrey(src: GreyImage, width: number, height: number): GreyImage {
  const horizontal = resample1d(src.data, src.width, src.height, width, true);
  const both = resample1d(horizontal, width, src.height, height, false);
  return { width, height, data: both };
}

function resample1d(data: Float32Array, w: number, h: number, target: number, alongRows: boolean): Float32Array {
  const srcLen = alongRows ? w : h;
  const lines = alongRows ? h : w;
  const outW = alongRows ? target : w;
  const out = new Float32Array(alongRows ? target * h : w * target);
  const scale = srcLen / target;
  for (let t = 0; t < target; t++) {
    const start = t * scale;
    const end = start + scale;
    if (scale <= 1) {
      const s = Math.min(srcLen - 1, Math.floor(start + scale / 2));
      for (let l = 0; l < lines; l++) {
        out[alongRows ? l * outW + t : t * outW + l] = data[alongRows ? l * w + s : s * w + l]!;
      }
      continue;
    }
    const first = Math.floor(start);
    const last = Math.min(srcLen - 1, Math.ceil(end) - 1);
    for (let l = 0; l < lines; l++) {
      let sum = 0;
      for (let s = first; s <= last; s++) {
        const weight = Math.min(end, s + 1) - Math.max(start, s);
        sum += weight * data[alongRows ? l * w + s : s * w + l]!;
      }
      out[alongRows ? l * outW + t : t * outW + l] = sum / scale;
    }
  }
  return out;
}

/**
 * 0..100 share of significant gradients, PDQ's image-domain quality heuristic: differences between
 * neighbours quantised to 1/100 of the range, summed, scaled so a 64×64 image with ordinary detail
 * reaches 100. Other sizes are normalised to 64×64's number of neighbour pairs.
 */
export function gradientQuality(grey: GreyImage): number {
  const { width: w, height: h, data } = grey;
  let sum = 0;
  for (let i = 0; i < h - 1; i++) {
    for (let j = 0; j < w; j++) sum += Math.abs(Math.trunc(((data[i * w + j]! - data[(i + 1) * w + j]!) * 100) / 255));
  }
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w - 1; j++) sum += Math.abs(Math.trunc(((data[i * w + j]! - data[i * w + j + 1]!) * 100) / 255));
  }
  const pairs = (h - 1) * w + h * (w - 1);
  const normalised = pairs === 2 * 63 * 64 ? sum : Math.trunc((sum * (2 * 63 * 64)) / Math.max(1, pairs));
  return Math.min(100, Math.trunc(normalised / 90));
}

// sRGB ↔ linear tables: desaturating in linear light (Rec. 709 weights) is what libvips, browsers'
// grayscale() filter and most editors do, and it differs a lot from Rec. 601 luma on saturated colours.
const TO_LINEAR = Float64Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

function fromLinear(l: number): number {
  const c = l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055;
  return Math.max(0, Math.min(255, Math.round(c * 255)));
}

/** The image as a typical "convert to grayscale" produces it, still as RGB. */
export function desaturate(image: RgbImage): RgbImage {
  const n = image.width * image.height;
  const out = new Uint8Array(n * 3);
  const d = image.data;
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const y = fromLinear(0.2126 * TO_LINEAR[d[p]!]! + 0.7152 * TO_LINEAR[d[p + 1]!]! + 0.0722 * TO_LINEAR[d[p + 2]!]!);
    out[p] = y;
    out[p + 1] = y;
    out[p + 2] = y;
  }
  return { width: image.width, height: image.height, data: out };
}
