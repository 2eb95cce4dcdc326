/**
 * PDQ's downsampling, ported from ThreatExchange pdq/cpp/downscaling/downscaling.cpp: two passes of
 * box filters along rows and columns (a Jarosz tent approximation) whose window is 1/128 of the
 * image side, then point-sampling 64×64 pixel centres. Porting it as written (rather than using a
 * library resize) is what keeps our hashes within a few bits of Meta's reference vectors.
 */

export const PDQ_NUM_JAROSZ_XY_PASSES = 2;

export function jaroszWindowSize(oldDimension: number, newDimension: number): number {
  return Math.trunc((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

/** Running-sum box filter over one row or column; the window shrinks at the edges, as in the reference. */
function box1d(input: Float32Array, output: Float32Array, start: number, length: number, stride: number, fullWindow: number): void {
  const halfWindow = Math.trunc((fullWindow + 2) / 2);
  const phase1 = halfWindow - 1;
  const phase2 = fullWindow - halfWindow + 1;
  const phase3 = length - fullWindow;
  const phase4 = halfWindow - 1;
  let li = start;
  let ri = start;
  let oi = start;
  let sum = 0;
  let size = 0;
  for (let i = 0; i < phase1; i++) {
    sum += input[ri]!;
    size++;
    ri += stride;
  }
  for (let i = 0; i < phase2; i++) {
    sum += input[ri]!;
    size++;
    output[oi] = sum / size;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase3; i++) {
    sum += input[ri]!;
    sum -= input[li]!;
    output[oi] = sum / size;
    li += stride;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase4; i++) {
    sum -= input[li]!;
    size--;
    output[oi] = sum / size;
    li += stride;
    oi += stride;
  }
}

/** Filters buffer1 in place (buffer2 is scratch of the same size). */
export function jaroszFilter(
  buffer1: Float32Array,
  buffer2: Float32Array,
  numRows: number,
  numCols: number,
  windowAlongRows: number,
  windowAlongCols: number,
  passes = PDQ_NUM_JAROSZ_XY_PASSES,
): void {
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < numRows; i++) box1d(buffer1, buffer2, i * numCols, numCols, 1, windowAlongRows);
    for (let j = 0; j < numCols; j++) box1d(buffer2, buffer1, j, numRows, numCols, windowAlongCols);
  }
}

/** Samples the centres of an outRows×outCols grid ("target centers not corners"). */
export function decimate(input: Float32Array, inRows: number, inCols: number, outRows: number, outCols: number): Float32Array {
  const out = new Float32Array(outRows * outCols);
  for (let oi = 0; oi < outRows; oi++) {
    const ii = Math.trunc(((oi + 0.5) * inRows) / outRows);
    for (let oj = 0; oj < outCols; oj++) {
      const ij = Math.trunc(((oj + 0.5) * inCols) / outCols);
      out[oi * outCols + oj] = input[ii * inCols + ij]!;
    }
  }
  return out;
}

/** Luma (numRows×numCols, row-major) → 64×64. The input buffer is overwritten. */
export function pdqDownsample64(luma: Float32Array, numRows: number, numCols: number): Float32Array {
  if (numRows === 64 && numCols === 64) return Float32Array.from(luma);
  const scratch = new Float32Array(luma.length);
  jaroszFilter(luma, scratch, numRows, numCols, jaroszWindowSize(numCols, 64), jaroszWindowSize(numRows, 64));
  return decimate(luma, numRows, numCols, 64, 64);
}
