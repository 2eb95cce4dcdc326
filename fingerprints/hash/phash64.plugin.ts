import { gradientQuality, luma, resizeGrey, type GreyImage } from '../image/image.pixels.ts';
import type { HammingIndex, ImageComparison, ImageHash, ImageHashPlugin, RgbImage } from './hash-plugin.ts';
import { hammingDistance, median, packBitsMsbFirst } from './hash.bits.ts';
import { describeComparison } from './hash.compare.ts';
import { createHammingIndex } from './hamming.index.ts';

/**
 * Classic DCT perceptual hash (Zauner 2010, phash.org): 32×32 luminance, 2-D DCT, the 8×8 lowest
 * frequencies except the DC row and column, each bit = coefficient above their median. Kept beside
 * PDQ as the familiar 64-bit baseline and for comparison with imghash / sharp-phash.
 */

const SIZE = 32;
const LOW = 8;

// Rows 1..8 of the orthonormal 32-point DCT-II; row 0 (the mean) carries only brightness.
const DCT = (() => {
  const m = new Float64Array(LOW * SIZE);
  const scale = Math.sqrt(2 / SIZE);
  for (let i = 0; i < LOW; i++) {
    for (let j = 0; j < SIZE; j++) m[i * SIZE + j] = scale * Math.cos((Math.PI / (2 * SIZE)) * (i + 1) * (2 * j + 1));
  }
  return m;
})();

/** The 8×8 block D·A·Dᵀ of a 32×32 grey image. */
function lowFrequencies(a: Float32Array): Float64Array {
  const t = new Float64Array(LOW * SIZE);
  for (let i = 0; i < LOW; i++) {
    for (let j = 0; j < SIZE; j++) {
      let s = 0;
      for (let k = 0; k < SIZE; k++) s += DCT[i * SIZE + k]! * a[k * SIZE + j]!;
      t[i * SIZE + j] = s;
    }
  }
  const b = new Float64Array(LOW * LOW);
  for (let i = 0; i < LOW; i++) {
    for (let j = 0; j < LOW; j++) {
      let s = 0;
      for (let k = 0; k < SIZE; k++) s += t[i * SIZE + k]! * DCT[j * SIZE + k]!;
      b[i * LOW + j] = s;
    }
  }
  return b;
}

export function phash64FromGrey(grey: GreyImage): ImageHash {
  const small = grey.width === SIZE && grey.height === SIZE ? grey : resizeGrey(grey, SIZE, SIZE);
  const coefficients = lowFrequencies(small.data);
  return { bits: packBitsMsbFirst(coefficients, median(coefficients)), quality: gradientQuality(small) };
}

export const PHASH64_THRESHOLD = 10;
export const PHASH64_MIN_QUALITY = 20;

export const phash64Plugin: ImageHashPlugin = {
  name: 'phash64',
  bits: 64,
  threshold: PHASH64_THRESHOLD,
  minQuality: PHASH64_MIN_QUALITY,
  compute(image: RgbImage): ImageHash {
    return phash64FromGrey(luma(image));
  },
  distance: hammingDistance,
  compare(a: Uint8Array, b: Uint8Array): ImageComparison {
    return describeComparison('phash64', 64, PHASH64_THRESHOLD, hammingDistance(a, b));
  },
  createIndex(): HammingIndex {
    return createHammingIndex(64);
  },
};
