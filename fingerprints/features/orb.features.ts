import type { RgbImage } from '../hash/hash-plugin.ts';
import { openCv, release } from './opencv.ts';

/**
 * ORB keypoints and binary descriptors of one image, for the local-feature verification that finds
 * what whole-image and region hashes cannot: off-centre crops, small rotations, a work inside a larger
 * photo. Computed on the image as decoded for hashing (≤ 512 px), so keypoint coordinates are in
 * those pixels, like the hash region boxes.
 */

export const ORB_ALGORITHM = 'orb';
export const ORB_DESCRIPTOR_BYTES = 32;
/**
 * 1000 features cover a 512-px picture densely enough that a 60 % crop keeps a few hundred of them,
 * and a work occupying a fifth of a larger photo still gets its share; more costs matching time
 * (quadratic) without adding inliers on these sizes.
 */
export const ORB_MAX_FEATURES = 1000;

/**
 * ORB's FAST threshold (20 grey levels) finds only ~150 corners on smooth paintings and drawings at
 * 512 px, too few for a 60 % crop to keep enough inliers, and the WASM build cannot change it (its
 * full constructor has an unbound enum). Local contrast equalisation (CLAHE) first lifts soft edges
 * and texture over it, and also evens out a copy's brightness/contrast edit.
 */
export const ORB_CLAHE_CLIP = 3;

export interface OrbFeatures {
  /** Size of the image the keypoints were found on. */
  width: number;
  height: number;
  /** x0, y0, x1, y1, … in that image's pixels. */
  points: Float32Array;
  /** ORB_DESCRIPTOR_BYTES per keypoint, in keypoint order. */
  descriptors: Uint8Array;
}

export function featureCount(features: OrbFeatures): number {
  return features.points.length / 2;
}

function greyBytes(image: RgbImage): Uint8Array {
  const n = image.width * image.height;
  const out = new Uint8Array(n);
  const d = image.data;
  for (let i = 0, p = 0; i < n; i++, p += 3) out[i] = Math.round(0.299 * d[p]! + 0.587 * d[p + 1]! + 0.114 * d[p + 2]!);
  return out;
}

export interface OrbOptions {
  maxFeatures?: number;
  /**
   * Extra detection passes on the image shrunk by these factors, each with its share of features. The
   * registered side uses one at 0.5: a work shown small inside a larger photo is matched by its
   * coarse-scale keypoints, and ORB's own pyramid gives those few of its 500.
   */
  extraScales?: readonly { scale: number; maxFeatures: number }[];
  /** Spread keypoints over the picture (spreadKeypoints); default false, ORB's own strongest. */
  spread?: boolean;
}

/**
 * Registered images: the full image plus a half-size pass, for listings that show the work small,
 * keypoints spread over the picture so that any crop of it keeps its share.
 */
export const REGISTERED_ORB_OPTIONS: OrbOptions = { maxFeatures: 500, extraScales: [{ scale: 0.5, maxFeatures: 250 }], spread: true };

/** Keypoints and descriptors of an RGB image; needs loadOpenCv() to have completed. */
export function computeOrbFeatures(image: RgbImage, options: OrbOptions = {}): OrbFeatures {
  const cv = openCv();
  const grey = new cv.Mat(image.height, image.width, cv.CV_8UC1);
  const clahe = new cv.CLAHE(ORB_CLAHE_CLIP, new cv.Size(8, 8));
  const points: number[] = [];
  const descriptors: Uint8Array[] = [];
  try {
    grey.data.set(greyBytes(image));
    clahe.apply(grey, grey);
    detect(cv, grey, 1, options.maxFeatures ?? ORB_MAX_FEATURES, options.spread ?? false, points, descriptors);
    for (const extra of options.extraScales ?? []) {
      const small = new cv.Mat();
      try {
        const size = new cv.Size(Math.max(1, Math.round(image.width * extra.scale)), Math.max(1, Math.round(image.height * extra.scale)));
        cv.resize(grey, small, size, 0, 0, cv.INTER_AREA);
        detect(cv, small, image.width / size.width, extra.maxFeatures, options.spread ?? false, points, descriptors);
      } finally {
        release(small);
      }
    }
  } finally {
    release(grey, clahe);
  }
  const all = new Uint8Array(descriptors.reduce((n, d) => n + d.length, 0));
  let offset = 0;
  for (const d of descriptors) {
    all.set(d, offset);
    offset += d.length;
  }
  return { width: image.width, height: image.height, points: Float32Array.from(points), descriptors: all };
}

/**
 * ORB keeps the strongest corners, and on a drawing with a caption or one busy patch they all sit
 * there: a crop without that patch meets few of the work's keypoints, and a copy's inliers fail the
 * spread rule (orb.verify.ts) for lying on one strip. So on the registered side ORB_OVERSAMPLE times
 * the budget is detected; the strongest half of the budget is kept as ORB ranks them (the most
 * repeatable corners, which the descriptor index's votes rely on), the other half taken round-robin
 * over an ORB_GRID × ORB_GRID grid (each cell's strongest first). Match-quality, with ORB_NOMINATE_K 8:
 * crop 60 % 34 → 38 of 44, crop 80 % 41 → 42. Spreading the listing image's keypoints too finds fewer
 * (37) and places a work inside a larger photo less precisely (orb.verify.test.ts); spreading the whole
 * budget costs index votes (a 60 % crop of a synthetic scene: 69 votes as ORB ranks, 60 whole, 64 half).
 */
export const ORB_OVERSAMPLE = 3;
export const ORB_GRID = 8;
export const ORB_STRONGEST_SHARE = 0.5;

/** Indices of the keypoints to keep: the strongest `strongest` share of the budget, then the rest by rank within their grid cell (ties by response). Pure. */
export function spreadKeypoints(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  responses: ArrayLike<number>,
  width: number,
  height: number,
  budget: number,
  grid = ORB_GRID,
  strongest = ORB_STRONGEST_SHARE,
): number[] {
  const n = responses.length;
  if (n <= budget) return Array.from({ length: n }, (_, i) => i);
  const cellOf = (i: number) => Math.min(grid - 1, Math.floor((xs[i]! / width) * grid)) * grid + Math.min(grid - 1, Math.floor((ys[i]! / height) * grid));
  const byResponse = Array.from({ length: n }, (_, i) => i).sort((a, b) => responses[b]! - responses[a]! || a - b);
  const first = Math.floor(budget * strongest);
  const taken = new Map<number, number>();
  const rank = new Int32Array(n);
  for (const i of byResponse) {
    const cell = cellOf(i);
    const r = taken.get(cell) ?? 0;
    rank[i] = r;
    taken.set(cell, r + 1);
  }
  const rest = byResponse
    .slice(first)
    .map((i, order) => ({ i, key: rank[i]! * n + order }))
    .sort((a, b) => a.key - b.key)
    .slice(0, budget - first)
    .map((x) => x.i);
  return [...byResponse.slice(0, first), ...rest].sort((a, b) => a - b);
}

function detect(cv: ReturnType<typeof openCv>, grey: { cols: number; rows: number }, scale: number, maxFeatures: number, spread: boolean, points: number[], out: Uint8Array[]): void {
  const mask = new cv.Mat();
  const keypoints = new cv.KeyPointVector();
  const descriptors = new cv.Mat();
  const orb = new cv.ORB(spread ? maxFeatures * ORB_OVERSAMPLE : maxFeatures);
  try {
    orb.detectAndCompute(grey, mask, keypoints, descriptors);
    const count = descriptors.rows as number;
    const xs = new Float32Array(count);
    const ys = new Float32Array(count);
    const responses = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const kp = keypoints.get(i) as { pt: { x: number; y: number }; response: number };
      xs[i] = kp.pt.x;
      ys[i] = kp.pt.y;
      responses[i] = kp.response;
    }
    const keep = spreadKeypoints(xs, ys, responses, grey.cols, grey.rows, maxFeatures);
    const all = descriptors.data as Uint8Array;
    const kept = new Uint8Array(keep.length * ORB_DESCRIPTOR_BYTES);
    keep.forEach((i, k) => {
      points.push(xs[i]! * scale, ys[i]! * scale);
      kept.set(all.subarray(i * ORB_DESCRIPTOR_BYTES, (i + 1) * ORB_DESCRIPTOR_BYTES), k * ORB_DESCRIPTOR_BYTES);
    });
    if (keep.length) out.push(kept);
  } finally {
    release(mask, keypoints, descriptors, orb);
  }
}

/**
 * Stored form (fingerprints.value, base64): version byte, width, height, count as uint16, then per
 * keypoint x and y as uint16 in 1/16 px (enough for 4096-px images at a precision far below RANSAC's
 * tolerance), then the descriptors. 1000 keypoints ≈ 36 KB, 48 KB as base64.
 */
const VERSION = 1;
const HEADER_BYTES = 7;
const SUBPIXEL = 16;

export function serialiseOrbFeatures(features: OrbFeatures): string {
  const count = featureCount(features);
  const buffer = new Uint8Array(HEADER_BYTES + count * 4 + features.descriptors.length);
  const view = new DataView(buffer.buffer);
  view.setUint8(0, VERSION);
  view.setUint16(1, features.width, true);
  view.setUint16(3, features.height, true);
  view.setUint16(5, count, true);
  for (let i = 0; i < count * 2; i++) view.setUint16(HEADER_BYTES + i * 2, Math.min(65535, Math.round(features.points[i]! * SUBPIXEL)), true);
  buffer.set(features.descriptors, HEADER_BYTES + count * 4);
  return Buffer.from(buffer).toString('base64');
}

export class OrbFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrbFormatError';
  }
}

export function parseOrbFeatures(value: string): OrbFeatures {
  const buffer = new Uint8Array(Buffer.from(value, 'base64'));
  if (buffer.length < HEADER_BYTES) throw new OrbFormatError(`orb features: ${buffer.length} bytes, shorter than the header`);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (view.getUint8(0) !== VERSION) throw new OrbFormatError(`orb features: unknown version ${view.getUint8(0)}`);
  const width = view.getUint16(1, true);
  const height = view.getUint16(3, true);
  const count = view.getUint16(5, true);
  const expected = HEADER_BYTES + count * (4 + ORB_DESCRIPTOR_BYTES);
  if (buffer.length !== expected) throw new OrbFormatError(`orb features: ${buffer.length} bytes, expected ${expected} for ${count} keypoints`);
  const points = new Float32Array(count * 2);
  for (let i = 0; i < count * 2; i++) points[i] = view.getUint16(HEADER_BYTES + i * 2, true) / SUBPIXEL;
  const descriptors = buffer.slice(HEADER_BYTES + count * 4);
  return { width, height, points, descriptors };
}
