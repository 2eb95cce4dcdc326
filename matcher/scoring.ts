import { ORB_ALGORITHM } from '../fingerprints/features/orb.features.ts';
import type { Signal } from './matcher.schema.ts';

/**
 * From signals to one finding score. Every signal is first calibrated to "evidence" on one scale, so
 * that a signal that passed its OWN measured threshold is enough to report on its own, and a near miss
 * is only support:
 *   image hash  matched: 0.60 … 1.00 (distance = threshold … 0)   near miss (≤ 1.25 × threshold): ≤ 0.25
 *   ORB verify  matched: 0.60 … 1.00 (inliers = threshold … 4 × threshold)   otherwise: 0
 *   text reuse  matched: 0.55 … 1.00 (score = threshold … 1)       below threshold: ≤ 0.25
 *   title words matched: 0.50 … 0.60                               below threshold: ≤ 0.25
 *   keywords    0.20 (a village or brand name alone is not a copy)
 * Channels (image, text reuse, title, keywords) are combined by noisy-OR over each channel's best
 * signal — max within a channel because the regions of one image or the images of one listing are not
 * independent witnesses. A finding is reported at REPORT_THRESHOLD: one matched signal, or two near
 * misses of different kinds plus a keyword (0.25, 0.25, 0.2 → 0.55), never a single near miss.
 */

export const REPORT_THRESHOLD = 0.5;
/** Image hits are fetched up to this multiple of a plugin's threshold: the near-miss band. */
export const NEAR_MISS_FACTOR = 1.25;
export const SUPPORT_MAX = 0.25;
export const KEYWORD_EVIDENCE = 0.2;

export const TEXT_ALGORITHM = 'text-shingles';
export const TITLE_ALGORITHM = 'title-words';
export const KEYWORD_ALGORITHM = 'keywords';

function clamp01(value: number): number {
  return Math.max(0, Math.min(1, value));
}

/** Linear from `low` at the threshold to `high` at a perfect score. */
function matchedEvidence(closeness: number, low: number, high: number): number {
  return low + (high - low) * clamp01(closeness);
}

export function signalEvidence(signal: Signal): number {
  // ORB's distance is an inlier count (more is closer); its verdict already includes the geometry check.
  if (signal.kind === 'image' && signal.algorithm === ORB_ALGORITHM) return signal.matched ? matchedEvidence(signal.score, 0.6, 1) : 0;
  if (signal.kind === 'image') {
    const t = signal.threshold;
    const d = signal.distance;
    if (t === undefined || d === undefined || t <= 0) return 0;
    if (signal.matched && d <= t) return matchedEvidence(1 - d / t, 0.6, 1);
    const limit = t * NEAR_MISS_FACTOR;
    return d <= limit ? SUPPORT_MAX * clamp01((limit - d) / (limit - t)) : 0;
  }
  if (signal.algorithm === KEYWORD_ALGORITHM) return KEYWORD_EVIDENCE;
  const t = signal.threshold ?? 1;
  const s = clamp01(signal.score);
  const [low, high] = signal.algorithm === TITLE_ALGORITHM ? [0.5, 0.6] : [0.55, 1];
  if (signal.matched && s >= t) return matchedEvidence(t < 1 ? (s - t) / (1 - t) : 1, low, high);
  return SUPPORT_MAX * clamp01(s / t);
}

function channel(signal: Signal): string {
  return signal.kind === 'image' ? 'image' : signal.algorithm;
}

export interface ScoredSignals {
  score: number;
  reported: boolean;
  /** The input signals with `evidence` set, strongest first. */
  signals: Signal[];
  explanation: string;
}

export function scoreSignals(signals: readonly Signal[], threshold = REPORT_THRESHOLD): ScoredSignals {
  const scored = signals
    .map((signal) => ({ ...signal, evidence: Math.round(signalEvidence(signal) * 1000) / 1000 }))
    .sort((a, b) => b.evidence - a.evidence);
  const best = new Map<string, Signal & { evidence: number }>();
  for (const signal of scored) if (!best.has(channel(signal))) best.set(channel(signal), signal);
  let remaining = 1;
  for (const signal of best.values()) remaining *= 1 - signal.evidence;
  const score = Math.round((1 - remaining) * 1000) / 1000;
  const parts = [...best.entries()].filter(([, s]) => s.evidence > 0).map(([name, s]) => `${name} ${s.evidence.toFixed(2)}`);
  return {
    score,
    reported: score >= threshold,
    signals: scored,
    explanation: `${parts.length ? parts.join(' + ') : 'no evidence'} → ${score.toFixed(2)} (report at ${threshold})`,
  };
}
