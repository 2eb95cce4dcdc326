/**
 * Precision and recall of a scorer over a labelled set where each candidate copies at most one work:
 * at threshold t every (candidate, work) pair scoring ≥ t is "reported"; a copy is found when its own
 * work is reported; every other reported pair is a false one. Recall per edit type, precision overall.
 */

export interface ScoredCandidate {
  edit: string;
  truth?: string;
  /** Scores of the works the scorer gave any score to (others count as 0). */
  scores: Map<string, number>;
}

export interface TextOperating {
  threshold: number;
  recall: number;
  precision: number;
  truePairs: number;
  falsePairs: number;
  recallByEdit: Record<string, number>;
  falseByEdit: Record<string, number>;
}

export function textOperatingPoint(set: readonly ScoredCandidate[], threshold: number): TextOperating {
  let positives = 0;
  let truePairs = 0;
  let falsePairs = 0;
  const hits: Record<string, [number, number]> = {};
  const falseByEdit: Record<string, number> = {};
  for (const c of set) {
    if (c.truth !== undefined) {
      positives += 1;
      const hit = (c.scores.get(c.truth) ?? 0) >= threshold ? 1 : 0;
      truePairs += hit;
      const h = (hits[c.edit] ??= [0, 0]);
      h[0] += hit;
      h[1] += 1;
    }
    for (const [work, score] of c.scores) {
      if (work !== c.truth && score >= threshold) {
        falsePairs += 1;
        falseByEdit[c.edit] = (falseByEdit[c.edit] ?? 0) + 1;
      }
    }
  }
  const recallByEdit = Object.fromEntries(Object.entries(hits).map(([e, [h, n]]) => [e, h / n]));
  return {
    threshold,
    recall: truePairs / Math.max(1, positives),
    precision: truePairs + falsePairs === 0 ? 1 : truePairs / (truePairs + falsePairs),
    truePairs,
    falsePairs,
    recallByEdit,
    falseByEdit,
  };
}

/** Every distinct positive score, to 0.001, as a threshold: the curve (≤ 1000 points whatever the set size). */
export function textSweep(set: readonly ScoredCandidate[]): TextOperating[] {
  const thresholds = new Set<number>();
  for (const c of set) for (const s of c.scores.values()) if (s > 0) thresholds.add(Math.floor(s * 1000) / 1000);
  return [...thresholds].sort((a, b) => a - b).map((t) => textOperatingPoint(set, t));
}

/** Highest recall with precision ≥ floor (lowest threshold on ties); undefined when none reaches it. */
export function bestRecallAtPrecision(curve: readonly TextOperating[], floor: number): TextOperating | undefined {
  let best: TextOperating | undefined;
  for (const point of curve) if (point.precision >= floor && (!best || point.recall > best.recall)) best = point;
  return best;
}

/** The threshold with the best F1: where a peer with no default threshold is at its best. */
export function bestF1(curve: readonly TextOperating[]): TextOperating | undefined {
  const f1 = (p: TextOperating) => (p.recall + p.precision ? (2 * p.recall * p.precision) / (p.recall + p.precision) : 0);
  let best: TextOperating | undefined;
  for (const point of curve) if (!best || f1(point) > f1(best)) best = point;
  return best;
}
