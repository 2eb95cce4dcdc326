import sharp from 'sharp';
import { fingerprintRows } from '../../fingerprints/fingerprint.service.ts';
import { loadOpenCv } from '../../fingerprints/features/opencv.ts';
import { ORB_ALGORITHM, parseOrbFeatures, serialiseOrbFeatures } from '../../fingerprints/features/orb.features.ts';
import { hexToBits } from '../../fingerprints/hash/hash-plugin.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../../fingerprints/image/image.decode.ts';
import { hashListingImage, matchCandidate } from '../../matcher/match.candidates.ts';
import { ORB_BRUTE_FORCE_MAX_IMAGES } from '../../matcher/orb.signals.ts';
import { MatchSnapshot, toIndexedFeatures, toIndexedWork, type IndexedFeatures, type IndexedFingerprint } from '../../matcher/match.index.ts';
import { describeImageSet, loadBenchImages, type BenchImage } from './bench.images.ts';
import { EDITS } from './match-quality.edits.ts';
import { nowMs, percentile, seededRandom, type Bench, type BenchResult, type Cell } from './bench.util.ts';

/**
 * The whole matcher for one listing image, as the service runs it: JPEG bytes → decodeImage (≤ 512 px)
 * → every plugin's candidate hashes and ORB features → matchCandidate against the registry snapshot
 * (hash index queries, pair choice, ORB verification, text signals, scoring). One core, p50/p95.
 */

const SIZES = [1000, 10_000];

interface Registered {
  fingerprints: IndexedFingerprint[];
  features: IndexedFeatures[];
}

/** Real registration (fingerprintRows) of a few pictures: their rows are the templates the rest derive from. */
function register(image: Awaited<ReturnType<typeof decodeImage>>, workId: number, startId: number): Registered {
  const rows = fingerprintRows(image, { id: workId, workId }, new Date(0));
  const fingerprints: IndexedFingerprint[] = [];
  const features: IndexedFeatures[] = [];
  let id = startId;
  for (const [algorithm, list] of rows) {
    for (const row of list) {
      if (algorithm === ORB_ALGORITHM) {
        features.push(toIndexedFeatures({ workId, assetId: workId, algorithm, value: row.value, box: row.box ?? null })!);
        continue;
      }
      fingerprints.push({ id: id++, workId, assetId: workId, algorithm, region: row.region ?? 'full', box: row.box ?? null, quality: row.quality ?? 0, bits: hexToBits(row.value) });
    }
  }
  return { fingerprints, features };
}

/**
 * A different work made from a real one: every hash bit and every ORB descriptor bit re-drawn at
 * random (so it is as far from its template as unrelated works are: ~half the bits), keeping the
 * region layout, qualities and keypoint positions, so the index and ORB do the same work per image.
 */
function derive(template: Registered, workId: number, startId: number, random: () => number): Registered {
  let id = startId;
  const flip = (bits: Uint8Array) => bits.map((b) => b ^ Math.floor(random() * 256));
  const fingerprints = template.fingerprints.map((f) => ({ ...f, id: id++, workId, assetId: workId, bits: flip(f.bits) }));
  const features = template.features.map((f) => {
    const features = parseOrbFeatures(serialiseOrbFeatures(f.features));
    return { ...f, workId, assetId: workId, features: { ...features, descriptors: flip(features.descriptors) } };
  });
  return { fingerprints, features };
}

interface Candidate {
  name: string;
  jpeg: Buffer;
  /** The work it copies, or undefined for a picture that is in no registry. */
  copyOf: number | undefined;
}

async function candidates(registered: BenchImage[], unregistered: BenchImage[], count: number): Promise<Candidate[]> {
  const random = seededRandom(7);
  const out: Candidate[] = [];
  for (let i = 0; out.length < Math.ceil(count / 2) && i < registered.length * EDITS.length; i++) {
    const image = registered[i % registered.length]!;
    const edit = EDITS[i % EDITS.length]!;
    const jpeg = await edit.apply(image.jpeg, { width: image.width, height: image.height, random });
    out.push({ name: `${image.name} / ${edit.name}`, jpeg, copyOf: (i % registered.length) + 1 });
  }
  for (const image of unregistered.slice(0, count - out.length)) out.push({ name: image.name, jpeg: image.jpeg, copyOf: undefined });
  return out;
}

interface Row {
  works: number;
  times: number[];
  stages: { decode: number[]; features: number[]; match: number[] };
  copiesFound: number;
  copies: number;
  falseReports: number;
}

async function run(snapshot: MatchSnapshot, works: number, list: Candidate[]): Promise<Row> {
  const row: Row = { works, times: [], stages: { decode: [], features: [], match: [] }, copiesFound: 0, copies: 0, falseReports: 0 };
  for (const candidate of list) {
    const t0 = nowMs();
    const decoded = await decodeImage(candidate.jpeg, { maxSide: HASH_DECODE_MAX_SIDE });
    const t1 = nowMs();
    const images = hashListingImage(decoded, 1, 0);
    const t2 = nowMs();
    const result = matchCandidate(snapshot, { title: 'Tranh treo tường phong cảnh', description: null }, images);
    const t3 = nowMs();
    row.times.push(t3 - t0);
    row.stages.decode.push(t1 - t0);
    row.stages.features.push(t2 - t1);
    row.stages.match.push(t3 - t2);
    const reported = result.filter((r) => r.reported).map((r) => r.workId);
    if (candidate.copyOf !== undefined) {
      row.copies++;
      if (reported.includes(candidate.copyOf)) row.copiesFound++;
    }
    row.falseReports += reported.filter((id) => id !== candidate.copyOf).length;
  }
  return row;
}

export const matcherLatencyBench: Bench = {
  name: 'matcher-latency',
  description: 'whole matcher per listing image (decode → hashes/ORB → match), p50/p95 at 1 000 and 10 000 works',
  async run({ quick, log }): Promise<BenchResult> {
    await loadOpenCv();
    const templates = quick ? 20 : 60;
    const { images, notes } = await loadBenchImages(templates + (quick ? 6 : 25));
    const registeredImages = images.slice(0, templates);
    const unregistered = images.slice(templates);
    const concurrency = sharp.concurrency();
    sharp.concurrency(1);
    sharp.cache(false);
    try {
      log(`matcher-latency: registering ${registeredImages.length} real pictures with fingerprintRows`);
      const real: Registered[] = [];
      let nextId = 1;
      for (const [i, image] of registeredImages.entries()) {
        const r = register(await decodeImage(image.jpeg, { maxSide: HASH_DECODE_MAX_SIDE }), i + 1, nextId);
        nextId += r.fingerprints.length;
        real.push(r);
      }
      const list = await candidates(registeredImages, unregistered, quick ? 12 : 50);
      const rows: Row[] = [];
      const random = seededRandom(11);
      const all = [...real];
      for (const size of SIZES) {
        while (all.length < size) {
          const d = derive(real[all.length % real.length]!, all.length + 1, nextId, random);
          nextId += d.fingerprints.length;
          all.push(d);
        }
        const snapshot = new MatchSnapshot(
          all.flatMap((r) => r.fingerprints),
          all.map((_, i) => toIndexedWork({ id: i + 1, title: `Tác phẩm số ${i + 1}`, keywords: [], text: null })),
          Date.now(),
          all.flatMap((r) => r.features),
        );
        // Brute-force ORB (every registered image per listing image) takes seconds a candidate: a few
        // copies and a few non-copies show it without the run taking most of an hour.
        const brute = size <= ORB_BRUTE_FORCE_MAX_IMAGES;
        const half = Math.ceil(list.length / 2);
        const sample = brute ? [...list.slice(0, 3), ...list.slice(half, half + 3)] : list;
        if (!brute) await run(snapshot, size, list.slice(0, 2)); // JIT warm-up
        rows.push(await run(snapshot, size, sample));
        const last = rows.at(-1)!;
        log(`  ${size} works: p50 ${percentile(last.times, 50).toFixed(0)} ms, p95 ${percentile(last.times, 95).toFixed(0)} ms`);
      }
      const table: Cell[][] = rows.map((r) => [
        r.works,
        r.times.length,
        percentile(r.times, 50),
        percentile(r.times, 95),
        Math.max(...r.times),
        percentile(r.stages.decode, 50),
        percentile(r.stages.features, 50),
        percentile(r.stages.match, 50),
        percentile(r.stages.match, 95),
        `${r.copiesFound}/${r.copies}`,
        r.falseReports,
      ]);
      return {
        name: 'matcher-latency',
        tables: [
          {
            title: 'Whole matcher per listing image, one core (decode + candidate hashes + ORB features + index + ORB verification + text + scoring)',
            columns: ['works', 'images', 'p50 ms', 'p95 ms', 'max ms', 'decode p50', 'hash+ORB p50', 'match p50', 'match p95', 'copies found', 'false reports'],
            rows: table,
          },
        ],
        notes: [
          `${registeredImages.length} works registered from real pictures with fingerprintRows (${describeImageSet(registeredImages)}); the rest derived from them by re-drawing every hash bit and ORB descriptor bit at random (unrelated works with the same region layout, qualities and keypoint positions)`,
          `${list.length} listing images: ${list.filter((c) => c.copyOf).length} edited copies of registered works (match-quality edits in turn), ${list.filter((c) => !c.copyOf).length} pictures in no registry`,
          'copies found = the copied work reported; false reports = any other work reported',
          `at ≤ ${ORB_BRUTE_FORCE_MAX_IMAGES} registered images orb.signals.ts verifies ORB against every one of them, so those rows time 6 listing images only`,
          ...notes,
        ],
        data: rows.map((r) => ({ works: r.works, times: r.times })),
      };
    } finally {
      sharp.concurrency(concurrency);
      sharp.cache(true);
    }
  },
};
