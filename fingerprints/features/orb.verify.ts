import type { Box } from '../image/image.pixels.ts';
import { featureCount, type OrbFeatures } from './orb.features.ts';
import { twoNearest } from './orb.knn.ts';
import { openCv, release } from './opencv.ts';

/**
 * Is the candidate (a listing image) showing the work, possibly cropped, turned a little, or as part of
 * a larger picture? Descriptor matches that pass Lowe's ratio test must agree on one affine map from
 * the candidate to the work (RANSAC), and that map must look like a re-seller's edit (similar scale on
 * both axes, no mirror, little shear). Thresholds measured in orb.verify.test.ts and the match-quality
 * bench: unrelated scenes and flat pictures stay far below them.
 */

/** Fewer keypoints than this (flat, blank, tiny pictures): too little information to decide either way. */
export const ORB_MIN_KEYPOINTS = 40;
/** Lowe's ratio: the best match must be clearly better than the second best. */
export const ORB_RATIO = 0.8;
/** RANSAC reprojection tolerance, in pixels of the ≤ 512-px work. */
export const ORB_RANSAC_PX = 4;
/**
 * Inliers needed to call it a match. A work shown at 40 % of a larger photo gets 14–20, so a higher bar
 * would lose that case first. Pairs of different works mostly stay far below it, but not all: on the
 * match-quality bench (~37 700 pairs of different works) up to ~150 inliers where one picture really
 * contains the other's drawing (a menu with the same hash-browns clip art) or a same-series sibling;
 * 8 pass verification, 2 of them nominated and reported. Synthetic scenes sharing a caption line
 * reach 13 and fail the spread rule.
 */
export const ORB_MIN_INLIERS = 12;
/** Share of ratio-test matches that must be inliers: a copy's matches agree, chance matches scatter. */
export const ORB_MIN_INLIER_RATIO = 0.25;
/** Inliers must spread over this share of the work's shorter side, not sit on one small motif. */
export const ORB_MIN_SPREAD = 0.15;

export interface OrbVerification {
  /** False when either image has too few keypoints: no evidence, not a "no". */
  decided: boolean;
  candidateKeypoints: number;
  workKeypoints: number;
  goodMatches: number;
  inliers: number;
  /** inliers / goodMatches. */
  ratio: number;
  /** How far the inliers spread over the work: the smaller of their x and y extents over its shorter side. */
  spread: number;
  matched: boolean;
  /** 0..1: 0 below the inlier threshold, 1 at four times it. */
  score: number;
  /** The candidate's picture mapped into the work (work pixels, clamped): which part of the work it shows. */
  workBox?: Box;
  /** The work mapped into the candidate (candidate pixels, clamped): where the work sits in the listing image. */
  candidateBox?: Box;
  explanation: string;
}

type Affine = [number, number, number, number, number, number];

function mapBox(m: Affine, width: number, height: number, clampW: number, clampH: number): Box | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [[0, 0], [width, 0], [0, height], [width, height]] as const) {
    xs.push(m[0] * x + m[1] * y + m[2]);
    ys.push(m[3] * x + m[4] * y + m[5]);
  }
  const x0 = Math.max(0, Math.min(...xs));
  const y0 = Math.max(0, Math.min(...ys));
  const x1 = Math.min(clampW, Math.max(...xs));
  const y1 = Math.min(clampH, Math.max(...ys));
  if (x1 - x0 < 1 || y1 - y0 < 1) return undefined;
  return { x: Math.round(x0), y: Math.round(y0), w: Math.round(x1 - x0), h: Math.round(y1 - y0) };
}

function invert(m: Affine): Affine | undefined {
  const det = m[0] * m[4] - m[1] * m[3];
  if (Math.abs(det) < 1e-9) return undefined;
  const a = m[4] / det, b = -m[1] / det, c = -m[3] / det, d = m[0] / det;
  return [a, b, -(a * m[2] + b * m[5]), c, d, -(c * m[2] + d * m[5])];
}

/** A crop, resize or small turn: positive determinant, near-equal axis scales, little shear, sane zoom. */
function plausible(m: Affine): boolean {
  const sx = Math.hypot(m[0], m[3]);
  const sy = Math.hypot(m[1], m[4]);
  const det = m[0] * m[4] - m[1] * m[3];
  if (det <= 0 || sx < 0.1 || sy < 0.1 || sx > 10 || sy > 10) return false;
  if (Math.max(sx, sy) / Math.min(sx, sy) > 1.4) return false;
  const shear = Math.abs(m[0] * m[1] + m[3] * m[4]) / (sx * sy);
  return shear < 0.25;
}

function undecided(c: number, w: number, why: string): OrbVerification {
  return { decided: false, candidateKeypoints: c, workKeypoints: w, goodMatches: 0, inliers: 0, ratio: 0, spread: 0, matched: false, score: 0, explanation: why };
}

/**
 * Ratio-test matches, candidate index → work index, each work keypoint used at most once (its best).
 * The two-nearest search is WebAssembly (orb.knn.ts), ~10× the plain-JS scan; OpenCV's WASM
 * BFMatcher is slower still (no early exit, and each of its matches is a wrapper object to delete).
 */
function goodMatches(candidate: OrbFeatures, work: OrbFeatures): [number, number][] {
  const nearest = twoNearest(candidate.descriptors, work.descriptors);
  const byTrain = new Map<number, { query: number; distance: number }>();
  for (let q = 0; q < nearest.length / 3; q++) {
    const bestIdx = nearest[q * 3]!;
    const best = nearest[q * 3 + 1]!;
    // 257 = no second descriptor at all (a one-keypoint work): any best passes, as against infinity.
    const second = nearest[q * 3 + 2]! > 256 ? Infinity : nearest[q * 3 + 2]!;
    if (bestIdx < 0 || best >= ORB_RATIO * second) continue;
    const previous = byTrain.get(bestIdx);
    if (!previous || best < previous.distance) byTrain.set(bestIdx, { query: q, distance: best });
  }
  return [...byTrain.entries()].map(([train, m]) => [m.query, train]);
}

export function verifyOrb(candidate: OrbFeatures, work: OrbFeatures): OrbVerification {
  const cn = featureCount(candidate);
  const wn = featureCount(work);
  if (cn < ORB_MIN_KEYPOINTS || wn < ORB_MIN_KEYPOINTS) {
    return undecided(cn, wn, `too few keypoints to decide (${cn} in the listing image, ${wn} in the work; need ${ORB_MIN_KEYPOINTS})`);
  }
  const pairs = goodMatches(candidate, work);
  const base = { decided: true, candidateKeypoints: cn, workKeypoints: wn, goodMatches: pairs.length };
  const none = (why: string): OrbVerification => ({ ...base, inliers: 0, ratio: 0, spread: 0, matched: false, score: 0, explanation: why });
  if (pairs.length < ORB_MIN_INLIERS) return none(`${cn} keypoints, only ${pairs.length} distinctive matches`);

  const cv = openCv();
  const from = cv.matFromArray(pairs.length, 1, cv.CV_32FC2, pairs.flatMap(([q]) => [candidate.points[q * 2]!, candidate.points[q * 2 + 1]!]));
  const to = cv.matFromArray(pairs.length, 1, cv.CV_32FC2, pairs.flatMap(([, t]) => [work.points[t * 2]!, work.points[t * 2 + 1]!]));
  const mask = new cv.Mat();
  let model: { rows: number; data64F: Float64Array; delete(): void } | undefined;
  let m: Affine;
  const inlierIdx: number[] = [];
  try {
    model = cv.estimateAffine2D(from, to, mask, cv.RANSAC, ORB_RANSAC_PX, 2000, 0.995, 10);
    if (!model || model.rows !== 2) return none(`${cn} keypoints, ${pairs.length} matches with no consistent geometry`);
    m = Array.from(model.data64F) as Affine;
    const flags = mask.data as Uint8Array;
    for (let i = 0; i < pairs.length; i++) if (flags[i]) inlierIdx.push(i);
  } finally {
    release(from, to, mask, model);
  }

  const inliers = inlierIdx.length;
  const ratio = inliers / pairs.length;
  const xs = inlierIdx.map((i) => work.points[pairs[i]![1] * 2]!);
  const ys = inlierIdx.map((i) => work.points[pairs[i]![1] * 2 + 1]!);
  const spread = inliers ? Math.min(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / Math.min(work.width, work.height) : 0;
  const shape = plausible(m);
  const matched = shape && inliers >= ORB_MIN_INLIERS && ratio >= ORB_MIN_INLIER_RATIO && spread >= ORB_MIN_SPREAD;
  const score = matched ? Math.min(1, (inliers - ORB_MIN_INLIERS) / (3 * ORB_MIN_INLIERS)) : 0;
  const workBox = mapBox(m, candidate.width, candidate.height, work.width, work.height);
  const inverse = invert(m);
  const candidateBox = inverse && mapBox(inverse, work.width, work.height, candidate.width, candidate.height);
  const why = [
    `${cn} keypoints, ${inliers} inliers of ${pairs.length} matches after RANSAC`,
    matched && workBox ? `the listing shows the work's region ${workBox.x},${workBox.y},${workBox.w},${workBox.h}` : '',
    !shape ? 'the mapping is not a crop, resize or small turn' : '',
    shape && !matched ? `below the match rule (≥ ${ORB_MIN_INLIERS} inliers, ≥ ${ORB_MIN_INLIER_RATIO * 100} % of matches, spread over ≥ ${ORB_MIN_SPREAD * 100} % of the work)` : '',
  ].filter(Boolean);
  return {
    ...base,
    inliers,
    ratio: Math.round(ratio * 1000) / 1000,
    spread: Math.round(spread * 1000) / 1000,
    matched,
    score: Math.round(score * 1000) / 1000,
    ...(workBox ? { workBox } : {}),
    ...(candidateBox ? { candidateBox } : {}),
    explanation: why.join('; '),
  };
}
