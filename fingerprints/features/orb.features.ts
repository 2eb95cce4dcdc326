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
}

/** Registered images: the full image plus a half-size pass, for listings that show the work small. */
export const REGISTERED_ORB_OPTIONS: OrbOptions = { maxFeatures: 500, extraScales: [{ scale: 0.5, maxFeatures: 250 }] };

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
    detect(cv, grey, 1, options.maxFeatures ?? ORB_MAX_FEATURES, points, descriptors);
    for (const extra of options.extraScales ?? []) {
      const small = new cv.Mat();
      try {
        const size = new cv.Size(Math.max(1, Math.round(image.width * extra.scale)), Math.max(1, Math.round(image.height * extra.scale)));
        cv.resize(grey, small, size, 0, 0, cv.INTER_AREA);
        detect(cv, small, image.width / size.width, extra.maxFeatures, points, descriptors);
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

function detect(cv: ReturnType<typeof openCv>, grey: unknown, scale: number, maxFeatures: number, points: number[], out: Uint8Array[]): void {
  const mask = new cv.Mat();
  const keypoints = new cv.KeyPointVector();
  const descriptors = new cv.Mat();
  const orb = new cv.ORB(maxFeatures);
  try {
    orb.detectAndCompute(grey, mask, keypoints, descriptors);
    const count = descriptors.rows as number;
    for (let i = 0; i < count; i++) {
      const kp = keypoints.get(i) as { pt: { x: number; y: number } };
      points.push(kp.pt.x * scale, kp.pt.y * scale);
    }
    if (count) out.push(new Uint8Array(descriptors.data as Uint8Array));
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
