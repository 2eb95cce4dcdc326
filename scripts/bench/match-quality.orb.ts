import { loadOpenCv } from '../../fingerprints/features/opencv.ts';
import { computeOrbFeatures, REGISTERED_ORB_OPTIONS, type OrbFeatures } from '../../fingerprints/features/orb.features.ts';
import { ORB_NOMINATE_K, ORB_NOMINATE_MIN_VOTES, OrbIndex } from '../../fingerprints/features/orb.index.ts';
import { verifyOrb } from '../../fingerprints/features/orb.verify.ts';
import { ORB_BRUTE_FORCE_MAX_IMAGES } from '../../matcher/orb.signals.ts';
import { NEAR_MISS_FACTOR } from '../../matcher/scoring.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../../fingerprints/image/image.decode.ts';
import { nowMs } from './bench.util.ts';
import type { Method } from './match-quality.method.ts';

/**
 * The matcher's two image stages together, as matcher/image.signals.ts runs them: a pair matched by
 * the hash keeps its distance; otherwise ORB verification (the same computeOrbFeatures / verifyOrb)
 * decides, and a verified pair counts as distance 0. As in matcher/orb.signals.ts, above
 * ORB_BRUTE_FORCE_MAX_IMAGES registered works only nominated pairs are verified: a hash near miss, or
 * one of the candidate's top ORB_NOMINATE_K works in the ORB descriptor index (orb.index.ts). So the column at the hash's default threshold is
 * the pipeline's verdict, and ORB's share of false pairs shows up in its precision.
 */

export interface OrbStats {
  verified: number;
  verifyMs: number;
  computeMs: number;
  computed: number;
  /** Most inliers any pair of a different work reached, and how many such pairs ORB matched. */
  maxNegativeInliers: number;
  falseMatches: number;
  /** Positive pairs ORB would have matched but the descriptor index did not nominate (checked aside). */
  missedByNomination: number;
}

const newStats = (): OrbStats => ({ verified: 0, verifyMs: 0, computeMs: 0, computed: 0, maxNegativeInliers: 0, falseMatches: 0, missedByNomination: 0 });

interface WithOrb<H> {
  hash: H;
  orb: OrbFeatures;
}

async function orbOf(jpeg: Buffer, registered: boolean, orbStats: OrbStats): Promise<OrbFeatures> {
  await loadOpenCv();
  const image = await decodeImage(jpeg, { maxSide: HASH_DECODE_MAX_SIDE });
  const t = nowMs();
  const features = computeOrbFeatures(image, registered ? REGISTERED_ORB_OPTIONS : {});
  orbStats.computeMs += nowMs() - t;
  orbStats.computed++;
  return features;
}

/** `isPositive(candidate, work)` only feeds the false-match statistics; the verdict never sees it. */
export function withOrb<H>(
  method: Method<H> & { nearMiss?(candidate: H, work: H): boolean },
  isPositive: (candidate: WithOrb<H>, work: WithOrb<H>) => boolean,
): Method<WithOrb<H>> & { orbStats: OrbStats } {
  const orbStats = newStats();
  const threshold = method.defaultThreshold ?? 0;
  const registered: WithOrb<H>[] = [];
  let index: OrbIndex | undefined;
  const nominatedFor = new WeakMap<WithOrb<H>, Set<WithOrb<H>>>();
  const nominated = (candidate: WithOrb<H>): Set<WithOrb<H>> => {
    let set = nominatedFor.get(candidate);
    if (!set) {
      index ??= new OrbIndex(registered.map((r) => r.orb));
      set = new Set(index.nominate(candidate.orb, ORB_NOMINATE_K, ORB_NOMINATE_MIN_VOTES).map((v) => registered[v.image]!));
      nominatedFor.set(candidate, set);
    }
    return set;
  };
  return {
    orbStats,
    name: `${method.name} + orb`,
    bits: method.bits,
    ...(method.defaultThreshold !== undefined ? { defaultThreshold: method.defaultThreshold } : {}),
    register: async (jpeg) => {
      const work = { hash: await method.register(jpeg), orb: await orbOf(jpeg, true, orbStats) };
      registered.push(work);
      index = undefined;
      return work;
    },
    candidate: async (jpeg) => ({ hash: await method.candidate(jpeg), orb: await orbOf(jpeg, false, orbStats) }),
    distance(candidate, work) {
      const d = method.distance(candidate.hash, work.hash);
      if (d <= threshold) return d;
      const nearMiss = method.nearMiss ? method.nearMiss(candidate.hash, work.hash) : d <= Math.floor(threshold * NEAR_MISS_FACTOR);
      const chosen = registered.length <= ORB_BRUTE_FORCE_MAX_IMAGES || nearMiss || nominated(candidate).has(work);
      const t = nowMs();
      const v = verifyOrb(candidate.orb, work.orb);
      orbStats.verifyMs += nowMs() - t;
      orbStats.verified++;
      if (!isPositive(candidate, work)) {
        orbStats.maxNegativeInliers = Math.max(orbStats.maxNegativeInliers, v.inliers);
        if (v.matched) orbStats.falseMatches++;
      } else if (v.matched && !chosen) orbStats.missedByNomination++;
      // Every pair is verified, so the statistics above cover them all; the verdict is the product's.
      return v.matched && chosen ? 0 : d;
    },
  };
}
