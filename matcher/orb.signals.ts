import { ORB_ALGORITHM, type OrbFeatures } from '../fingerprints/features/orb.features.ts';
import { ORB_MIN_INLIERS, verifyOrb } from '../fingerprints/features/orb.verify.ts';
import type { Box } from '../fingerprints/image/image.pixels.ts';
import type { IndexedFeatures, MatchSnapshot } from './match.index.ts';
import type { Signal } from './matcher.schema.ts';

/** One listing image's ORB features, computed once per image and verified against many works. */
export interface CandidateImageFeatures {
  listingImageId: number;
  position: number;
  plugin: typeof ORB_ALGORITHM;
  features: OrbFeatures;
  /** Multiplies decoded-pixel boxes back to the stored image's pixels. */
  scale: { x: number; y: number };
}

/**
 * Up to this many registered images every listing image is verified against all of them (about 10 ms
 * a pair); above it only the images nominated: by the hash index (near misses) and by the ORB
 * descriptor index (orb.index.ts), which finds the crops, turns and works-inside-a-photo the region
 * hashes miss without a verification per registered image.
 */
export const ORB_BRUTE_FORCE_MAX_IMAGES = 10;

function scaleBox(box: Box | undefined, sx: number, sy: number): Box | undefined {
  if (!box) return undefined;
  return { x: Math.round(box.x * sx), y: Math.round(box.y * sy), w: Math.round(box.w * sx), h: Math.round(box.h * sy) };
}

/**
 * ORB signals for one listing image: verified against the registered images the hashes nominated
 * without matching (`nominated`) and those the ORB descriptor index votes for, or against every
 * registered image when the registry is small;
 * images a hash already matched (`skip`) need no second witness. Only matched verifications become
 * signals: a failed geometry check is no evidence either way. Best (most inliers) per work.
 */
export function orbSignals(
  snapshot: MatchSnapshot,
  candidate: CandidateImageFeatures,
  nominated: ReadonlySet<number>,
  skip: ReadonlySet<number>,
): { workId: number; signal: Signal }[] {
  let targets: IndexedFeatures[];
  if (snapshot.features.length <= ORB_BRUTE_FORCE_MAX_IMAGES) targets = [...snapshot.features];
  else {
    const ids = new Set(nominated);
    for (const f of snapshot.orbNominate(candidate.features)) ids.add(f.assetId);
    targets = [...ids].map((id) => snapshot.assetFeatures(id)).filter((f): f is IndexedFeatures => f !== undefined);
  }
  const best = new Map<number, Signal>();
  for (const target of targets) {
    if (skip.has(target.assetId)) continue;
    const v = verifyOrb(candidate.features, target.features);
    if (!v.matched) continue;
    const sx = target.original.width / target.features.width;
    const sy = target.original.height / target.features.height;
    const workRegion = scaleBox(v.workBox, sx, sy);
    const listingRegion = scaleBox(v.candidateBox, candidate.scale.x, candidate.scale.y);
    const explanation = workRegion
      ? `${v.candidateKeypoints} keypoints, ${v.inliers} inliers after RANSAC; the listing shows the work's region ${workRegion.x},${workRegion.y},${workRegion.w},${workRegion.h}`
      : v.explanation;
    const signal: Signal = {
      kind: 'image',
      algorithm: ORB_ALGORITHM,
      score: v.score,
      distance: v.inliers,
      threshold: ORB_MIN_INLIERS,
      matched: true,
      listingImageId: candidate.listingImageId,
      assetId: target.assetId,
      explanation: `listing image ${candidate.position + 1}, ${explanation}`,
      ...(workRegion ? { workRegion } : {}),
      ...(listingRegion ? { listingRegion } : {}),
    };
    const previous = best.get(target.workId);
    if (!previous || signal.distance! > previous.distance!) best.set(target.workId, signal);
  }
  return [...best.entries()].map(([workId, signal]) => ({ workId, signal }));
}
