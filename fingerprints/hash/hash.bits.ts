/** Bit helpers shared by the hash plugins and the index. */

export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

const BYTE_POPCOUNT = new Uint8Array(256).map((_, i) => popcount32(i));

export function hammingDistance(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`hash lengths differ: ${a.length * 8} vs ${b.length * 8} bits`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d += BYTE_POPCOUNT[a[i]! ^ b[i]!]!;
  return d;
}

/** Number of 1 bits; a hash with nearly all bits equal comes from a flat image. */
export function bitCount(a: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) c += BYTE_POPCOUNT[a[i]!]!;
  return c;
}

/**
 * Median of a small array without sorting it in place. Values above the median become 1 bits, so
 * half the bits are set whatever the image's overall brightness and contrast.
 */
export function median(values: Float32Array | Float64Array | number[]): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 ? sorted[(n - 1) >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Packs booleans MSB-first into bytes, so the hex string reads left to right as bit 0, 1, 2, … */
export function packBitsMsbFirst(values: ArrayLike<number>, threshold: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 8));
  for (let k = 0; k < values.length; k++) {
    if (values[k]! > threshold) out[k >> 3]! |= 0x80 >> (k & 7);
  }
  return out;
}
