/**
 * The shape every image hash takes (after Meta's hasher-matcher-actioner): a named plugin that computes,
 * compares with an explanation, and indexes. Matching code only ever talks to this interface.
 */

/** Decoded pixels: 3 channels (RGB), row-major, 8 bits each, EXIF orientation already applied. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface ImageHash {
  bits: Uint8Array;
  /** 0..100: how much structure the image had; below the plugin's minQuality a hash is not trusted. */
  quality: number;
}

export interface ImageComparison {
  distance: number;
  /** 0..1, 1 = identical. */
  score: number;
  /** Distance at or below which the pair is suspected. */
  threshold: number;
  matched: boolean;
  /** For the reviewer: which hash, which variant, how far from the threshold. */
  explanation: string;
}

export interface HammingHit {
  id: number;
  distance: number;
}

/** All stored hashes within a distance of a query; ids are the caller's (e.g. fingerprint row ids). */
export interface HammingIndex {
  readonly size: number;
  add(id: number, bits: Uint8Array): void;
  remove(id: number): void;
  query(bits: Uint8Array, maxDistance: number): HammingHit[];
}

export interface ImageHashPlugin {
  readonly name: string;
  readonly bits: number;
  readonly threshold: number;
  readonly minQuality: number;
  compute(image: RgbImage): ImageHash;
  /** The hashes of the 8 dihedral transforms (rotations, mirrors), where the plugin supports them cheaply. */
  computeVariants?(image: RgbImage): { variant: string; hash: ImageHash }[];
  distance(a: Uint8Array, b: Uint8Array): number;
  compare(a: Uint8Array, b: Uint8Array): ImageComparison;
  createIndex(): HammingIndex;
}

export function bitsToHex(bits: Uint8Array): string {
  return Buffer.from(bits).toString('hex');
}

export function hexToBits(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) throw new Error(`not a hex hash: ${hex.slice(0, 20)}`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
