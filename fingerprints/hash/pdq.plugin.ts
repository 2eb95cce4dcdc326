import { gradientQuality, luma, resizeGrey } from '../image/image.pixels.ts';
import type { HammingIndex, ImageComparison, ImageHash, ImageHashPlugin, RgbImage } from './hash-plugin.ts';
import { hammingDistance } from './hash.bits.ts';
import { describeComparison } from './hash.compare.ts';
import { createHammingIndex } from './hamming.index.ts';
import { dct64To16, dihedralDct, pdqBits, PDQ_VARIANTS, type PdqVariant } from './pdq.dct.ts';
import { pdqDownsample64, pdqDownsampleRgb64 } from './pdq.downscale.ts';

/**
 * Meta's PDQ (ThreatExchange, pdq/cpp/hashing/pdqhashing.cpp) in TypeScript: luma → Jarosz tent
 * filter → 64×64 → 16×16 DCT → bits above the median; 256 bits, plus a 0..100 quality.
 */

// Below this the reference returns an all-zero hash of quality 0.
const MIN_HASHABLE_DIM = 5;
/**
 * The reference tools shrink images to fit 512×512 before hashing (pdqio.cpp, pdq_hasher.py); doing
 * the same makes the hash independent of the resolution the caller decoded at, and brings the test
 * vectors from a mean distance of ~4 bits (hashing at full size) down to ~2.
 */
export const PDQ_MAX_SIDE = 512;

/** The reference's usual match threshold (≈ 12 % of the bits); tune against the benchmark. */
export const PDQ_THRESHOLD = 31;
/** The reference docs: below ~50 the image is too flat (blank, icon, solid colour) to trust. */
export const PDQ_MIN_QUALITY = 50;

interface PdqFrequencies {
  dct16: Float32Array | undefined;
  quality: number;
}

function frequencies(image: RgbImage): PdqFrequencies {
  if (image.width < MIN_HASHABLE_DIM || image.height < MIN_HASHABLE_DIM) return { dct16: undefined, quality: 0 };
  const longSide = Math.max(image.width, image.height);
  let small: Float32Array;
  if (longSide > PDQ_MAX_SIDE) {
    const scale = PDQ_MAX_SIDE / longSide;
    const grey = resizeGrey(luma(image), Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
    small = pdqDownsample64(grey.data, grey.height, grey.width);
  } else {
    small = pdqDownsampleRgb64(image.data, image.width, image.height);
  }
  const quality = gradientQuality({ width: 64, height: 64, data: small });
  return { dct16: dct64To16(small), quality };
}

export function pdqHash(image: RgbImage): ImageHash {
  const { dct16, quality } = frequencies(image);
  return { bits: dct16 ? pdqBits(dct16) : new Uint8Array(32), quality };
}

/**
 * The hashes of the image turned and mirrored, from one DCT. Variant `v` of a candidate equals the
 * hash of the original when the candidate is the original transformed by v's inverse, so comparing
 * every variant of a candidate with a registered hash finds mirrored and rotated copies.
 */
export function pdqVariants(image: RgbImage): { variant: PdqVariant; hash: ImageHash }[] {
  const { dct16, quality } = frequencies(image);
  return PDQ_VARIANTS.map((variant) => ({
    variant,
    hash: { bits: dct16 ? pdqBits(dihedralDct(dct16, variant)) : new Uint8Array(32), quality },
  }));
}

export const pdqPlugin: ImageHashPlugin = {
  name: 'pdq',
  bits: 256,
  threshold: PDQ_THRESHOLD,
  minQuality: PDQ_MIN_QUALITY,
  compute: pdqHash,
  computeVariants: pdqVariants,
  distance: hammingDistance,
  compare(a: Uint8Array, b: Uint8Array): ImageComparison {
    return describeComparison('pdq', 256, PDQ_THRESHOLD, hammingDistance(a, b));
  },
  createIndex(): HammingIndex {
    return createHammingIndex(256);
  },
};
