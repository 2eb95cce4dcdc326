import type { RgbImage } from '../hash/hash-plugin.ts';
import { fullBox, type Box } from './image.pixels.ts';

/**
 * Finds the picture inside an image that was put on a background: a uniform border or frame, a white
 * product card, price text beside it. Whole-image hashes of "photo on a card" and "photo" differ a lot;
 * hashes of the trimmed boxes do not. Pure, so it runs the same on registered and candidate images.
 */

export interface TrimOptions {
  /** Largest per-channel difference from the background colour still counted as background. */
  tolerance?: number;
  /** Share of a row or column that may differ (JPEG noise, a thin line) and still be border. */
  noise?: number;
  /** Below this share of the image's width or height, what is left is not content: keep the full box. */
  minContent?: number;
}

export interface TrimResult {
  box: Box;
  trimmed: boolean;
  /** The border colour removed, when there was one. */
  background?: [number, number, number];
  reason: 'trimmed' | 'no uniform border' | 'blank' | 'content too small';
}

const DEFAULTS = { tolerance: 24, noise: 0.02, minContent: 0.1 };

type Rgb = [number, number, number];

function pixel(image: RgbImage, x: number, y: number): Rgb {
  const p = (y * image.width + x) * 3;
  return [image.data[p]!, image.data[p + 1]!, image.data[p + 2]!];
}

function near(image: RgbImage, p: number, bg: Rgb, tolerance: number): boolean {
  const d = image.data;
  return Math.abs(d[p]! - bg[0]) <= tolerance && Math.abs(d[p + 1]! - bg[1]) <= tolerance && Math.abs(d[p + 2]! - bg[2]) <= tolerance;
}

/**
 * The colour of most of the box's outer ring, or undefined when no colour covers most of it (a photo
 * running to the edge). Colours are bucketed by 32 levels so JPEG noise falls into one bucket.
 */
export function borderColour(image: RgbImage, box: Box = fullBox(image)): Rgb | undefined {
  const buckets = new Map<number, { n: number; r: number; g: number; b: number }>();
  let total = 0;
  const visit = (x: number, y: number) => {
    const [r, g, b] = pixel(image, x, y);
    const key = ((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5);
    const bucket = buckets.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    bucket.n++;
    bucket.r += r;
    bucket.g += g;
    bucket.b += b;
    buckets.set(key, bucket);
    total++;
  };
  for (let x = box.x; x < box.x + box.w; x++) {
    visit(x, box.y);
    visit(x, box.y + box.h - 1);
  }
  for (let y = box.y + 1; y < box.y + box.h - 1; y++) {
    visit(box.x, y);
    visit(box.x + box.w - 1, y);
  }
  let best: { n: number; r: number; g: number; b: number } | undefined;
  for (const bucket of buckets.values()) if (!best || bucket.n > best.n) best = bucket;
  if (!best || best.n < total * 0.6) return undefined;
  return [Math.round(best.r / best.n), Math.round(best.g / best.n), Math.round(best.b / best.n)];
}

/** Count of pixels in each row (alongRows) or column of the box that differ from the background. */
function profile(image: RgbImage, box: Box, bg: Rgb, tolerance: number, alongRows: boolean): Int32Array {
  const counts = new Int32Array(alongRows ? box.h : box.w);
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x, p = (y * image.width + x) * 3; x < box.x + box.w; x++, p += 3) {
      if (!near(image, p, bg, tolerance)) counts[alongRows ? y - box.y : x - box.x]!++;
    }
  }
  return counts;
}

/** Removes uniform borders, repeatedly, so a coloured frame around a white card around a photo all go. */
export function trimBorders(image: RgbImage, options: TrimOptions = {}): TrimResult {
  const { tolerance, noise, minContent } = { ...DEFAULTS, ...options };
  let box = fullBox(image);
  let background: Rgb | undefined;
  for (let round = 0; round < 3; round++) {
    if (box.w < 3 || box.h < 3) break;
    const bg = borderColour(image, box);
    if (!bg) break;
    const rows = profile(image, box, bg, tolerance, true);
    const cols = profile(image, box, bg, tolerance, false);
    const rowLimit = Math.floor(box.w * noise);
    const colLimit = Math.floor(box.h * noise);
    let top = 0;
    while (top < rows.length && rows[top]! <= rowLimit) top++;
    if (top === rows.length) {
      // Uniform inside a border already removed: that block is the content (a solid logo, a swatch).
      if (round > 0) break;
      return { box: fullBox(image), trimmed: false, background: bg, reason: 'blank' };
    }
    let bottom = rows.length - 1;
    while (bottom > top && rows[bottom]! <= rowLimit) bottom--;
    let left = 0;
    while (left < cols.length && cols[left]! <= colLimit) left++;
    let right = cols.length - 1;
    while (right > left && cols[right]! <= colLimit) right--;
    const next = { x: box.x + left, y: box.y + top, w: right - left + 1, h: bottom - top + 1 };
    if (next.w === box.w && next.h === box.h) break;
    box = next;
    background ??= bg;
  }
  if (!background) return { box, trimmed: false, reason: 'no uniform border' };
  if (box.w < image.width * minContent || box.h < image.height * minContent) {
    return { box: fullBox(image), trimmed: false, background, reason: 'content too small' };
  }
  return { box, trimmed: true, background, reason: 'trimmed' };
}

/** Runs of indices whose count exceeds the limit, split where at least minGap quiet indices separate them. */
function bands(counts: Int32Array, limit: number, minGap: number): { start: number; end: number; mass: number }[] {
  const out: { start: number; end: number; mass: number }[] = [];
  let current: { start: number; end: number; mass: number } | undefined;
  let quiet = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > limit) {
      if (current && quiet < minGap) {
        current.end = i;
        current.mass += c;
      } else {
        current = { start: i, end: i, mass: c };
        out.push(current);
      }
      quiet = 0;
    } else quiet++;
  }
  return out;
}

/**
 * The dominant block of content on a plain background: an XY-cut that splits the box along rows and
 * columns of pure background and keeps the block with the most non-background pixels. Price text and
 * a shop logo beside a product photo have far less "ink" than the photo, so the photo wins.
 */
export function mainContent(image: RgbImage, options: TrimOptions = {}): TrimResult {
  const { tolerance, noise, minContent } = { ...DEFAULTS, ...options };
  const trimmed = trimBorders(image, options);
  if (!trimmed.background || trimmed.reason === 'blank') return trimmed;
  const bg = trimmed.background;
  let box = trimmed.box;
  for (let round = 0; round < 4; round++) {
    const alongRows = round % 2 === 0;
    const counts = profile(image, box, bg, tolerance, alongRows);
    const span = alongRows ? box.h : box.w;
    const limit = Math.floor((alongRows ? box.w : box.h) * noise);
    const found = bands(counts, limit, Math.max(2, Math.round(span * 0.02)));
    if (found.length === 0) continue;
    const best = found.reduce((a, b) => (b.mass > a.mass ? b : a));
    box = alongRows
      ? { x: box.x, y: box.y + best.start, w: box.w, h: best.end - best.start + 1 }
      : { x: box.x + best.start, y: box.y, w: best.end - best.start + 1, h: box.h };
  }
  if (box.w < image.width * minContent || box.h < image.height * minContent) {
    return { box: trimmed.box, trimmed: trimmed.trimmed, background: bg, reason: trimmed.reason };
  }
  return { box, trimmed: true, background: bg, reason: 'trimmed' };
}
