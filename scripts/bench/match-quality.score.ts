/**
 * Precision and recall from pair distances. Every candidate is compared with every registered work;
 * a pair "matches" at threshold t when its distance is ≤ t. Each edited copy has exactly one true
 * work, so recall counts copies whose true pair matched, and precision counts matching pairs that
 * are true. Infinity stands for "never matches" (e.g. no hash pair of trusted quality).
 */

export interface PairSet {
  /** Distance of each edited copy to its own work, by edit name. */
  positives: Map<string, number[]>;
  /** Distances of every pair that must not match: copies vs other works, distractors vs all works. */
  negatives: number[];
}

export interface Operating {
  threshold: number;
  recall: number;
  precision: number;
  truePairs: number;
  falsePairs: number;
  recallByEdit: Map<string, number>;
}

const atOrBelow = (values: number[], t: number) => values.reduce((n, d) => n + (d <= t ? 1 : 0), 0);

export function operatingPoint(pairs: PairSet, threshold: number): Operating {
  let positives = 0;
  let truePairs = 0;
  const recallByEdit = new Map<string, number>();
  for (const [edit, distances] of pairs.positives) {
    const hit = atOrBelow(distances, threshold);
    recallByEdit.set(edit, hit / Math.max(1, distances.length));
    positives += distances.length;
    truePairs += hit;
  }
  const falsePairs = atOrBelow(pairs.negatives, threshold);
  return {
    threshold,
    recall: truePairs / Math.max(1, positives),
    // No match at all is vacuously precise.
    precision: truePairs + falsePairs === 0 ? 1 : truePairs / (truePairs + falsePairs),
    truePairs,
    falsePairs,
    recallByEdit,
  };
}

/** Every threshold from 0 to maxThreshold: the curve, kept in the JSON. */
export function sweep(pairs: PairSet, maxThreshold: number): Operating[] {
  return Array.from({ length: maxThreshold + 1 }, (_, t) => operatingPoint(pairs, t));
}

/**
 * The best threshold at a precision floor (DESIGN.md §6: recall at precision ≥ 0.99 for images):
 * the highest recall whose precision stays at or above the floor; the lowest such threshold on ties.
 */
export function bestAtPrecision(curve: Operating[], minPrecision: number): Operating | undefined {
  let best: Operating | undefined;
  for (const point of curve) {
    if (point.precision < minPrecision) continue;
    if (!best || point.recall > best.recall) best = point;
  }
  return best;
}

export function median(values: number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

export function serialiseOperating(point: Operating): Record<string, unknown> {
  return { ...point, recallByEdit: Object.fromEntries(point.recallByEdit) };
}
