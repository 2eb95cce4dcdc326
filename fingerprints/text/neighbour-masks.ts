/**
 * A quick necessary test before ShingleIndex looks for a common shingle next to a hit: per position, a
 * 32-bit mask of the common shingles NEAR..FAR words before it, and one of those NEAR..FAR words after
 * it (one bit per shingle number, hashed). A common neighbour at work position i ± d and candidate
 * position j ± d' (same side) sets the same bit in the work's and the candidate's mask of that side, so
 * when neither side's masks share a bit, no such neighbour exists and the work's neighbours need not be
 * read one by one. Most hits of a page fail this test: that look-up was most of the index's time.
 */

/** The bit of a common shingle number in a mask. */
export const maskBit = (number: number) => 1 << (Math.imul(number, 0x9e3779b1) >>> 27);

/**
 * Masks of positions [0, length) into out[at + 2p] (before) and out[at + 2p + 1] (after); bits[k] is
 * maskBit of the common shingle at position k, or 0.
 */
export function neighbourMasks(bits: Int32Array, length: number, near: number, far: number, out: Int32Array, at: number): void {
  for (let p = 0; p < length; p += 1) {
    let before = 0;
    let after = 0;
    for (let d = near; d <= far; d += 1) {
      if (p - d >= 0) before |= bits[p - d]!;
      if (p + d < length) after |= bits[p + d]!;
    }
    out[at + 2 * p] = before;
    out[at + 2 * p + 1] = after;
  }
}
