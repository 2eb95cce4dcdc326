import type { ImageHashPlugin } from '../../fingerprints/hash/hash-plugin.ts';
import { hammingDistance } from '../../fingerprints/hash/hash.bits.ts';
import { phash64Plugin } from '../../fingerprints/hash/phash64.plugin.ts';
import { pdqPlugin } from '../../fingerprints/hash/pdq.plugin.ts';
import { compareImageHashes, hashCandidateImage, hashRegisteredImage, type RegionHash } from '../../fingerprints/hash/registry.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../../fingerprints/image/image.decode.ts';
import { describeImageSet, type BenchImage } from './bench.images.ts';
import { loadQualitySet } from './bench.quality-set.ts';
import { imghashBits, sharpPhashBits } from './bench.peers.ts';
import { nowMs, seededRandom, type Bench, type BenchResult, type Cell } from './bench.util.ts';
import { EDITS } from './match-quality.edits.ts';
import type { Method } from './match-quality.method.ts';
import { withOrb, type OrbStats } from './match-quality.orb.ts';
import { productHashes } from './match-quality.pipeline.ts';
import { ORB_BRUTE_FORCE_MAX_IMAGES } from '../../matcher/orb.signals.ts';
import { bestAtPrecision, median, operatingPoint, serialiseOperating, sweep, type Operating, type PairSet } from './match-quality.score.ts';

/**
 * Does a hash find edited copies of registered pictures without flagging unrelated ones? Originals
 * are registered; candidates are every edit of every original and of every distractor (plus the
 * distractors as they are). ipwatch goes through the registry path the matcher uses
 * (hashRegisteredImage / hashCandidateImage / compareImageHashes); the peers compare one
 * whole-image hash per picture, at the threshold that suits them best on this very data.
 * "pdq + phash64 + orb" is what the product reports (every plugin's verdict, the low-information
 * guard, then ORB); "pdq + orb" is PDQ's share of it.
 */

const MIN_PRECISION = 0.99;

interface Candidate {
  /** Index of the original it was made from; -1 for a distractor or an edit of one. */
  work: number;
  edit: string;
  jpeg: Buffer;
  /** Originals this distractor is a near-similar sibling of (same series, same photographer). */
  siblings: number[];
}

const decode = (jpeg: Buffer) => decodeImage(jpeg, { maxSide: HASH_DECODE_MAX_SIDE });

/** Pairs whose compareImageHashes verdict disagrees with "distance ≤ threshold": a bug if ever > 0. */
let verdictMismatches = 0;
let verdictChecks = 0;
const VERIFY_MARGIN = 8;

function ipwatchMethod(plugin: ImageHashPlugin): Method<RegionHash[]> {
  return {
    name: `ipwatch ${plugin.name}`,
    bits: plugin.bits,
    defaultThreshold: plugin.threshold,
    register: async (jpeg) => hashRegisteredImage(await decode(jpeg), plugin),
    candidate: async (jpeg) => hashCandidateImage(await decode(jpeg), plugin),
    distance(candidate, work) {
      // compareImageHashes writes an explanation for every one of the ~900 region pairs (~5 ms per
      // image pair), too slow for 30 k pairs; the plain minimum over trusted hashes is the same
      // distance, and the product's verdict is checked wherever it could differ (near the threshold).
      let distance = Infinity;
      for (const c of candidate) {
        if (c.hash.quality < plugin.minQuality) continue;
        for (const w of work) {
          if (w.hash.quality >= plugin.minQuality) distance = Math.min(distance, plugin.distance(c.hash.bits, w.hash.bits));
        }
      }
      if (distance <= plugin.threshold + VERIFY_MARGIN) {
        verdictChecks++;
        const match = compareImageHashes(plugin, candidate, work);
        if (!match || match.matched !== distance <= plugin.threshold || (match.trusted && match.distance !== distance)) verdictMismatches++;
      }
      return distance;
    },
  };
}

function peerMethod(name: string, hash: (jpeg: Buffer) => Promise<Uint8Array>): Method<Uint8Array> {
  return { name, bits: 64, register: hash, candidate: hash, distance: hammingDistance };
}

/** Which work a candidate's features belong to, for ORB's false-match count only (set in evaluate). */
const workOf = new WeakMap<object, number>();
const samePicture = (c: object, w: object) => workOf.get(c) !== undefined && workOf.get(c) === workOf.get(w);
/** What the product reports: every hash plugin's verdict, then ORB (matcher/image.signals.ts). */
const pipeline = productHashes(ipwatchMethod(pdqPlugin), [ipwatchMethod(phash64Plugin)], samePicture);

/** Records whose picture a hash (and, for ORB's wrapper, the hash inside it) was made from. */
function remember(value: unknown, work: number): void {
  if (typeof value !== 'object' || value === null) return;
  workOf.set(value, work);
  if ('hash' in value) remember(value.hash, work);
}

const methods: Method<unknown>[] = [
  ipwatchMethod(pdqPlugin) as Method<unknown>,
  withOrb(ipwatchMethod(pdqPlugin), samePicture) as Method<unknown>,
  withOrb(pipeline, samePicture) as Method<unknown>,
  ipwatchMethod(phash64Plugin) as Method<unknown>,
  peerMethod('sharp-phash', sharpPhashBits) as Method<unknown>,
  peerMethod('imghash', imghashBits) as Method<unknown>,
];

function orbNote(name: string, orbStats: OrbStats): string {
  return `ORB stage (${name.replace(/^ipwatch /, '')}): ${orbStats.computed} images, ${(orbStats.computeMs / Math.max(1, orbStats.computed)).toFixed(1)} ms each; ${orbStats.verified} pairs verified (those the hashes did not match), ${(orbStats.verifyMs / Math.max(1, orbStats.verified)).toFixed(1)} ms each; pairs of different works: at most ${orbStats.maxNegativeInliers} inliers, ${orbStats.falseMatches} matched; copies ORB would verify but the descriptor index did not nominate (above ${ORB_BRUTE_FORCE_MAX_IMAGES} works): ${orbStats.missedByNomination}`;
}

async function makeCandidates(originals: BenchImage[], distractors: BenchImage[], siblings: number[][]): Promise<Candidate[]> {
  const random = seededRandom(4242);
  const out: Candidate[] = [];
  const edit = async (image: BenchImage, work: number, near: number[]) => {
    for (const e of EDITS) out.push({ work, edit: e.name, jpeg: await e.apply(image.jpeg, { width: image.width, height: image.height, random }), siblings: near });
  };
  for (const [i, image] of originals.entries()) await edit(image, i, []);
  for (const [i, image] of distractors.entries()) {
    out.push({ work: -1, edit: 'distractor as is', jpeg: image.jpeg, siblings: siblings[i] ?? [] });
    await edit(image, -1, siblings[i] ?? []);
  }
  return out;
}

interface MethodOutcome {
  name: string;
  defaultPoint?: Operating;
  best?: Operating;
  curve: Operating[];
  pairs: PairSet;
  /** Distances of near-similar pairs: a sibling distractor (as is or edited) against its registered sibling. */
  near: number[];
  hashMs: number;
  compareMs: number;
}

async function evaluate(method: Method<unknown>, originals: BenchImage[], candidates: Candidate[]): Promise<MethodOutcome> {
  let t = nowMs();
  const works: unknown[] = [];
  for (const [i, image] of originals.entries()) {
    works.push(await method.register(image.jpeg));
    remember(works.at(-1), i);
  }
  const hashes: unknown[] = [];
  for (const c of candidates) {
    hashes.push(await method.candidate(c.jpeg));
    if (c.work >= 0) remember(hashes.at(-1), c.work);
  }
  const hashMs = nowMs() - t;
  t = nowMs();
  const pairs: PairSet = { positives: new Map(EDITS.map((e) => [e.name, []])), negatives: [] };
  const near: number[] = [];
  for (const [ci, c] of candidates.entries()) {
    for (const [wi, work] of works.entries()) {
      const d = method.distance(hashes[ci], work);
      if (wi === c.work) pairs.positives.get(c.edit)!.push(d);
      else pairs.negatives.push(d);
      if (c.siblings.includes(wi)) near.push(d);
    }
  }
  const compareMs = nowMs() - t;
  const curve = sweep(pairs, method.bits / 2);
  const best = bestAtPrecision(curve, MIN_PRECISION);
  return {
    name: method.name,
    ...(method.defaultThreshold !== undefined ? { defaultPoint: operatingPoint(pairs, method.defaultThreshold) } : {}),
    ...(best ? { best } : {}),
    curve,
    pairs,
    near,
    hashMs,
    compareMs,
  };
}

export const matchQualityBench: Bench = {
  name: 'match-quality',
  description: 'recall per edit and precision: ipwatch registry path vs sharp-phash and imghash (swept thresholds)',
  async run({ quick, log }): Promise<BenchResult> {
    const set = await loadQualitySet({ originals: quick ? 8 : 44, distractors: quick ? 4 : 26, quick, log });
    const { originals, distractors, siblings } = set;
    const images = [...originals, ...distractors];
    const notes = [...set.notes];
    log(`match-quality: ${describeImageSet(images)}; making ${EDITS.length} edits of each`);
    const candidates = await makeCandidates(originals, distractors, siblings.map((s) => s.map((x) => x.original)));
    verdictMismatches = 0;
    verdictChecks = 0;
    const outcomes: MethodOutcome[] = [];
    for (const method of methods) {
      outcomes.push(await evaluate(method, originals, candidates));
      const o = outcomes.at(-1)!;
      log(`  ${method.name}: hashing ${(o.hashMs / 1000).toFixed(1)} s, comparing ${(o.compareMs / 1000).toFixed(1)} s`);
    }

    // Columns: each ipwatch hash at its default and at its best threshold, each peer at its best.
    const columns: { title: string; point: Operating | undefined }[] = [];
    for (const o of outcomes) {
      if (o.defaultPoint) columns.push({ title: `${o.name} @${o.defaultPoint.threshold}`, point: o.defaultPoint });
      columns.push({ title: `${o.name} @${o.best?.threshold ?? '–'} best`, point: o.best });
    }
    const pdq = outcomes[0]!;
    const editRows: Cell[][] = EDITS.map((e) => [
      e.name,
      pdq.pairs.positives.get(e.name)!.length,
      ...columns.map((c) => c.point?.recallByEdit.get(e.name) ?? null),
      median(pdq.pairs.positives.get(e.name)!),
    ]);
    editRows.push(['all edits', candidates.filter((c) => c.work >= 0).length, ...columns.map((c) => c.point?.recall ?? null), null]);

    const summaryRows: Cell[][] = [];
    for (const o of outcomes) {
      const row = (how: string, p: Operating | undefined): Cell[] =>
        p ? [o.name, how, p.threshold, p.recall, p.precision, p.truePairs, p.falsePairs] : [o.name, how, null, null, null, null, null];
      if (o.defaultPoint) summaryRows.push(row('default', o.defaultPoint));
      summaryRows.push(row(`best at precision ≥ ${MIN_PRECISION}`, o.best));
      const pdqRecall = pdq.defaultPoint?.recall;
      if (!o.defaultPoint && o.best && pdqRecall !== undefined) {
        notes.push(`ipwatch PDQ at its default threshold finds ${(pdqRecall / Math.max(1e-9, o.best.recall)).toFixed(2)}× the copies ${o.name} finds at its best threshold`);
      }
    }

    // Near-similar pairs at the same operating points: how many sibling pairs would be reported, and the
    // precision if these were the only negatives (every true pair over true + sibling false pairs).
    const nearRows: Cell[][] = [];
    for (const o of outcomes) {
      const row = (how: string, p: Operating | undefined): Cell[] => {
        if (!p) return [o.name, how, null, o.near.length, null, null, null];
        const falseNear = o.near.filter((d) => d <= p.threshold).length;
        const finite = o.near.filter(Number.isFinite);
        return [o.name, how, p.threshold, o.near.length, falseNear, p.truePairs / Math.max(1, p.truePairs + falseNear), finite.length ? Math.min(...finite) : null];
      };
      if (o.defaultPoint) nearRows.push(row('default', o.defaultPoint));
      nearRows.push(row(`best at precision ≥ ${MIN_PRECISION}`, o.best));
    }

    const lowQuality = outcomes.map((o) => `${o.name}: ${[...o.pairs.positives.values()].flat().filter((d) => !Number.isFinite(d)).length}`);
    return {
      name: 'match-quality',
      tables: [
        {
          title: `Recall per edit type (${originals.length} registered originals; "@t" = threshold in bits; best = highest recall at precision ≥ ${MIN_PRECISION})`,
          columns: ['edit', 'copies', ...columns.map((c) => c.title), 'PDQ median d'],
          rows: editRows,
        },
        {
          title: `Precision over ${candidates.length} candidates × ${originals.length} works = ${candidates.length * originals.length} pairs`,
          columns: ['method', 'threshold chosen', 'threshold', 'recall', 'precision', 'true pairs', 'false pairs'],
          rows: summaryRows,
        },
        {
          title: `Near-similar pairs: ${siblings.filter((x) => x.length).length} distractors (as is + ${EDITS.length} edits each) against their registered sibling (same series / photographer, not a copy)`,
          columns: ['method', 'threshold chosen', 'threshold', 'near pairs', 'falsely matched', 'precision vs near pairs', 'closest near d'],
          rows: nearRows,
        },
      ],
      notes: [
        `${describeImageSet(images)}: ${originals.length} originals registered, ${distractors.length} distractors never registered`,
        `candidates: ${originals.length} × ${EDITS.length} edited copies, ${distractors.length} distractors as they are and ${distractors.length} × ${EDITS.length} edited distractors`,
        `copies that can never match (a hash under the quality floor): ${lowQuality.join(', ')}`,
        `peers hash the whole picture once (64 bits: sharp-phash DCT, imghash blockhash); ipwatch hashes regions (crops, trimmed, content) and, on the candidate side, 8 orientations (PDQ)`,
        `compareImageHashes (the product's verdict) run on the ${verdictChecks} pairs within ${VERIFY_MARGIN} bits of the default threshold; disagreements with the minimum trusted distance: ${verdictMismatches}`,
        'best thresholds are fitted on this same data, so their figures are optimistic; the defaults are not fitted here',
        ...methods.flatMap((m) => ('orbStats' in m ? [orbNote(m.name, m.orbStats as OrbStats)] : [])),
        `low-information guard (${pipeline.name}): another plugin's match on a pair PDQ calls low-information, turned down for PDQ's own bits disagreeing: ${pipeline.guarded.positives} copies, ${pipeline.guarded.negatives} other pairs`,
        ...outcomes.map((o) => `${o.name}: hashing ${(o.hashMs / 1000).toFixed(1)} s, comparing ${(o.compareMs / 1000).toFixed(1)} s`),
        ...notes,
      ],
      data: {
        originals: originals.map((i) => `${i.source}: ${i.name}`),
        distractors: distractors.map((i, k) => `${i.source}: ${i.name}${siblings[k]!.length ? ` (near-similar to ${siblings[k]!.map((x) => originals[x.original]!.name).join(', ')})` : ''}`),
        near: Object.fromEntries(outcomes.map((o) => [o.name, o.near])),
        curves: Object.fromEntries(outcomes.map((o) => [o.name, o.curve.map(serialiseOperating)])),
      },
    };
  },
};
