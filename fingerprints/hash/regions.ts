import type { RgbImage } from './hash-plugin.ts';
import type { Box } from '../image/image.pixels.ts';
import { mainContent, trimBorders, type TrimOptions } from '../image/trim.ts';

/**
 * Which parts of an image get their own hash. A registered work is hashed whole and in several crops,
 * so that a candidate showing only part of it (cropped to 60 %, or one corner) still meets a hash of
 * the same part; a candidate is hashed whole and without its background (card, frame, price text).
 * Every region has a stable name, stored with the fingerprint, so a finding can say
 * "candidate region X matched work region Y".
 */

export interface ImageRegion {
  name: string;
  box: Box;
}

/** Smaller than this, a crop has too little detail for a 64×64 summary to mean anything. */
const MIN_REGION_SIDE = 32;

/** A crop of `fraction` of each side, placed at (fx, fy) of the slack: 0 = left/top, 1 = right/bottom. */
function cropAt(base: Box, fraction: number, fx: number, fy: number): Box {
  const w = Math.round(base.w * fraction);
  const h = Math.round(base.h * fraction);
  return { x: base.x + Math.round((base.w - w) * fx), y: base.y + Math.round((base.h - h) * fy), w, h };
}

const CENTRED = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6];
const CORNERS: [string, number, number][] = [
  ['top-left', 0, 0],
  ['top-right', 1, 0],
  ['bottom-left', 0, 1],
  ['bottom-right', 1, 1],
];

/**
 * Centred crops every 5 % from 95 % down to 60 % of each side, and corner crops at 80, 70 and 60 %.
 * Measured on PDQ: a crop 5 % larger or smaller than a registered one is already 30–60 bits away,
 * 2.5 % about 15–25, so the steps are dense; pHash64 is more tolerant (5 % ≈ 4–10 of 64 bits).
 * Off-centre crops between these boxes are left to the local-feature verification stage.
 */
function cropRegions(base: Box, prefix: string): ImageRegion[] {
  const out: ImageRegion[] = [];
  for (const fraction of CENTRED) out.push({ name: `${prefix}center-${Math.round(fraction * 100)}`, box: cropAt(base, fraction, 0.5, 0.5) });
  for (const fraction of [0.8, 0.7, 0.6]) {
    for (const [corner, fx, fy] of CORNERS) out.push({ name: `${prefix}${corner}-${Math.round(fraction * 100)}`, box: cropAt(base, fraction, fx, fy) });
  }
  return out;
}

/** Boxes within 2 % of each other's size and position hash alike: keep the first name. */
function sameBox(a: Box, b: Box, image: { width: number; height: number }): boolean {
  const tx = image.width * 0.02;
  const ty = image.height * 0.02;
  return Math.abs(a.x - b.x) <= tx && Math.abs(a.w - b.w) <= tx && Math.abs(a.y - b.y) <= ty && Math.abs(a.h - b.h) <= ty;
}

function dedupe(regions: ImageRegion[], image: { width: number; height: number }): ImageRegion[] {
  const out: ImageRegion[] = [];
  for (const region of regions) {
    if (region.box.w < MIN_REGION_SIDE || region.box.h < MIN_REGION_SIDE) continue;
    if (out.some((kept) => sameBox(kept.box, region.box, image))) continue;
    out.push(region);
  }
  // The full image is always hashed, however small, so that every image has at least one region.
  if (out.length === 0) out.push(regions[0]!);
  return out;
}

/** Full, trimmed and main-content boxes: the regions both sides share. */
function baseRegions(image: RgbImage, options?: TrimOptions): { regions: ImageRegion[]; content: Box } {
  const full: Box = { x: 0, y: 0, w: image.width, h: image.height };
  const trimmed = trimBorders(image, options);
  const content = mainContent(image, options);
  const regions: ImageRegion[] = [{ name: 'full', box: full }];
  if (trimmed.trimmed) regions.push({ name: 'trimmed', box: trimmed.box });
  if (content.trimmed) regions.push({ name: 'content', box: content.box });
  return { regions, content: content.trimmed ? content.box : trimmed.box };
}

/**
 * Regions of a registered image: full, trimmed, main content, crops of the full image and, when the
 * picture sits on a background (a registered product photo on white), the same crops of the content.
 */
export function registeredRegions(image: RgbImage, options?: TrimOptions): ImageRegion[] {
  const { regions, content } = baseRegions(image, options);
  const full: Box = { x: 0, y: 0, w: image.width, h: image.height };
  regions.push(...cropRegions(full, ''));
  if (!sameBox(content, full, image)) regions.push(...cropRegions(content, 'content-'));
  return dedupe(regions, image);
}

/** Regions of a candidate image: full, trimmed and main content. */
export function candidateRegions(image: RgbImage, options?: TrimOptions): ImageRegion[] {
  return dedupe(baseRegions(image, options).regions, image);
}

const REGION_WORDS: Record<string, string> = {
  full: 'the whole image',
  trimmed: 'the image without its uniform border',
  content: 'the main picture without background, border or text beside it',
};

/** 'content-top-left-60' → 'the main picture, top-left 60 % crop'; 'full-grey' → '…, in grayscale'. */
export function describeRegion(name: string): string {
  const known = REGION_WORDS[name];
  if (known) return known;
  const grey = name.endsWith('-grey');
  const bare = grey ? name.slice(0, -'-grey'.length) : name;
  const crop = /^(content-)?(.+)-(\d+)$/.exec(bare);
  const text = crop
    ? `${crop[1] ? 'the main picture' : 'the image'}, ${crop[2]} ${crop[3]} % crop`
    : (REGION_WORDS[bare] ?? bare);
  return grey ? `${text}, in grayscale` : text;
}
