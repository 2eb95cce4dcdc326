import { describe, expect, it } from 'vitest';
import { PDQ_MIN_QUALITY, PDQ_THRESHOLD } from '../fingerprints/hash/pdq.plugin.ts';
import { imageSignals, type CandidateImageHashes } from './image.signals.ts';
import { MatchSnapshot, type IndexedFingerprint } from './match.index.ts';
import { signalEvidence } from './scoring.ts';

/** Bits with the first `flipped` bits set: distance to zeros = flipped. */
function bits(bytes: number, flipped = 0): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < flipped; i++) out[i >> 3]! |= 0x80 >> (i & 7);
  return out;
}

const phashBits = Uint8Array.from([0x3c, 0xa5, 0x0f, 0x96, 0x71, 0x2e, 0xd8, 0x4b]);

/** One registered picture whose PDQ hash is under its quality floor (a smooth wallpaper), pHash64 fine. */
function snapshot(pdqQuality: number): MatchSnapshot {
  const row = (id: number, algorithm: string, b: Uint8Array, quality: number): IndexedFingerprint => ({ id, workId: 1, assetId: 10, algorithm, region: 'full', box: null, quality, bits: b });
  return new MatchSnapshot([row(1, 'pdq', bits(32), pdqQuality), row(2, 'phash64', phashBits, 60)], [{ id: 1, title: 'Wallpaper', keywords: [], text: undefined }], 0);
}

function listing(pdqDistance: number, pdqQuality: number): CandidateImageHashes[] {
  const base = { listingImageId: 5, position: 0, scale: { x: 1, y: 1 } };
  return [
    { ...base, plugin: 'pdq', hashes: [{ region: 'full', variant: 'original', hash: { bits: bits(32, pdqDistance), quality: pdqQuality } }] },
    { ...base, plugin: 'phash64', hashes: [{ region: 'full', variant: 'original', hash: { bits: phashBits, quality: 55 } }] },
  ];
}

const flat = PDQ_MIN_QUALITY - 20;

describe('image signals of low-information pictures', () => {
  it('reports a pHash64 match when PDQ bits agree, though PDQ is under its quality floor', () => {
    const signal = imageSignals(snapshot(flat), listing(PDQ_THRESHOLD - 5, flat)).get(1)!.find((s) => s.algorithm === 'phash64')!;
    expect(signal.matched).toBe(true);
    expect(signal.explanation).toMatch(/low-information picture.*agree/);
    expect(signalEvidence(signal)).toBeGreaterThanOrEqual(0.6);
  });

  it('keeps a pHash64 match PDQ bits contradict as support only, never a report on its own', () => {
    const signal = imageSignals(snapshot(flat), listing(PDQ_THRESHOLD + 40, flat)).get(1)!.find((s) => s.algorithm === 'phash64')!;
    expect(signal.matched).toBe(false);
    expect(signal.explanation).toMatch(/low-information picture.*disagree, 71 apart/);
    expect(signalEvidence(signal)).toBeLessThanOrEqual(0.25);
  });

  it('applies when either side is low-information, not when both have a trusted PDQ hash', () => {
    // The listing flat, the work not: still low-information.
    expect(imageSignals(snapshot(100), listing(PDQ_THRESHOLD + 40, flat)).get(1)!.find((s) => s.algorithm === 'phash64')!.matched).toBe(false);
    // Both trusted and far apart in PDQ: pHash64's own verdict stands (PDQ could have spoken; it did not match).
    const both = imageSignals(snapshot(100), listing(PDQ_THRESHOLD + 40, 100)).get(1)!.find((s) => s.algorithm === 'phash64')!;
    expect(both.matched).toBe(true);
    expect(both.explanation).not.toMatch(/low-information/);
  });
});
