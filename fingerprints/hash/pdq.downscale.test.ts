import { describe, expect, it } from 'vitest';
import { luma } from '../image/image.pixels.ts';
import { pdqDownsample64, pdqDownsampleRgb64, tentTaps } from './pdq.downscale.ts';

function noise(width: number, height: number, seed: number): { width: number; height: number; data: Uint8Array } {
  let s = seed >>> 0;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    // Smooth structure plus noise, so both flat and busy windows are exercised.
    const p = Math.floor(i / 3);
    data[i] = ((s >>> 24) >> 2) + Math.round(96 + 80 * Math.sin((p % width) / 9 + (i % 3)) * Math.cos(Math.floor(p / width) / 13));
  }
  return { width, height, data };
}

describe('pdqDownsampleRgb64 (fused luma + Jarosz tent + decimate)', () => {
  it.each([
    [512, 341],
    [341, 512],
    [500, 500],
    [64, 64],
    [100, 37],
    [5, 5],
    [513, 130],
    [1000, 64],
  ])('equals luma → pdqDownsample64 at %i×%i', (width, height) => {
    const image = noise(width, height, width * 31 + height);
    const reference = pdqDownsample64(luma(image).data, height, width);
    const fused = pdqDownsampleRgb64(image.data, width, height);
    let worst = 0;
    for (let i = 0; i < 64 * 64; i++) worst = Math.max(worst, Math.abs(reference[i]! - fused[i]!));
    expect(worst).toBeLessThan(1e-3);
  });

  it('tent weights of each output sum to 1 and stay inside the line', () => {
    for (const length of [5, 63, 64, 65, 255, 512, 777]) {
      const window = Math.trunc((length + 127) / 128);
      const { start, taps, weights } = tentTaps(length, window);
      for (let o = 0; o < 64; o++) {
        let sum = 0;
        for (let k = 0; k < taps; k++) {
          const w = weights[o * taps + k]!;
          if (w !== 0) expect(start[o]! + k).toBeLessThan(length);
          sum += w;
        }
        expect(sum).toBeCloseTo(1, 9);
        expect(start[o]).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
