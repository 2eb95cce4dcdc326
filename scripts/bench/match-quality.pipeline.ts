import { lowInformationCheck, type RegionHash } from '../../fingerprints/hash/registry.ts';
import { NEAR_MISS_FACTOR } from '../../matcher/scoring.ts';
import type { Method } from './match-quality.method.ts';

/**
 * Every image hash plugin the product runs, as matcher/image.signals.ts combines them: each plugin's
 * index nominates and each plugin's own verdict (at its own default threshold) is a signal, so a pair
 * is reported when ANY plugin matches. The product registers and queries PDQ and pHash64 for every
 * image (fingerprintRows, hashListingImage); a column of PDQ alone leaves pHash64's matches (and its
 * false ones) out of the product's figures. As in the product, another plugin's match on a pair PDQ
 * calls low-information counts only when PDQ's own bits agree (lowInformationCheck).
 *
 * The distance is on PDQ's scale, for the sweep and the ORB stage: PDQ's own distance, or 0 when
 * another plugin matched at its default (a reported pair, whatever the sweep's threshold). `nearMiss`
 * says whether any plugin's index would have nominated the pair for ORB verification (within
 * NEAR_MISS_FACTOR of its threshold), as image.signals.ts does.
 */

export interface PluginHashes {
  byPlugin: RegionHash[][];
}

export interface ProductHashes extends Method<PluginHashes> {
  nearMiss(candidate: PluginHashes, work: PluginHashes): boolean;
  /** Other-plugin matches the low-information check turned down: [copies, other pairs]. */
  readonly guarded: { positives: number; negatives: number };
}

/** `primary` is the default plugin (PDQ); `isPositive` feeds the guard's statistics only. */
export function productHashes(
  primary: Method<RegionHash[]>,
  secondary: Method<RegionHash[]>[],
  isPositive: (candidate: PluginHashes, work: PluginHashes) => boolean,
): ProductHashes {
  const methods = [primary, ...secondary];
  if (methods.some((m) => m.defaultThreshold === undefined)) throw new Error('productHashes: every plugin needs its product threshold');
  const threshold = (m: Method<RegionHash[]>) => m.defaultThreshold!;
  const guarded = { positives: 0, negatives: 0 };
  return {
    name: `ipwatch ${methods.map((m) => m.name.replace(/^ipwatch /, '')).join(' + ')}`,
    bits: primary.bits,
    defaultThreshold: threshold(primary),
    guarded,
    register: async (jpeg) => ({ byPlugin: await Promise.all(methods.map((m) => m.register(jpeg))) }),
    candidate: async (jpeg) => ({ byPlugin: await Promise.all(methods.map((m) => m.candidate(jpeg))) }),
    distance(candidate, work) {
      const own = primary.distance(candidate.byPlugin[0]!, work.byPlugin[0]!);
      if (own <= threshold(primary)) return own;
      const other = secondary.some((m, i) => m.distance(candidate.byPlugin[i + 1]!, work.byPlugin[i + 1]!) <= threshold(m));
      if (!other) return own;
      const low = lowInformationCheck(candidate.byPlugin[0]!, work.byPlugin[0]!);
      if (!low || low.corroborated) return 0;
      if (isPositive(candidate, work)) guarded.positives++;
      else guarded.negatives++;
      return own;
    },
    nearMiss(candidate, work) {
      return methods.some((m, i) => m.distance(candidate.byPlugin[i]!, work.byPlugin[i]!) <= Math.floor(threshold(m) * NEAR_MISS_FACTOR));
    },
  };
}
