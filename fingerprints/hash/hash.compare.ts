import type { ImageComparison } from './hash-plugin.ts';

/**
 * Maps a Hamming distance to a score: 1 for identical, 0 at half the bits (what two unrelated images
 * give on average), linear in between, so scores of different hash lengths read alike.
 */
export function distanceScore(distance: number, bits: number): number {
  return Math.max(0, Math.min(1, 1 - distance / (bits / 2)));
}

export function describeComparison(plugin: string, bits: number, threshold: number, distance: number): ImageComparison {
  const matched = distance <= threshold;
  const margin = matched ? `${threshold - distance} under` : `${distance - threshold} over`;
  return {
    distance,
    score: distanceScore(distance, bits),
    threshold,
    matched,
    explanation: `${plugin}: ${distance}/${bits} bits differ, ${margin} the threshold ${threshold}`,
  };
}
