import sharp from 'sharp';
import { fingerprintRows } from '../../fingerprints/fingerprint.service.ts';
import { loadOpenCv } from '../../fingerprints/features/opencv.ts';
import { computeOrbFeatures, ORB_ALGORITHM, REGISTERED_ORB_OPTIONS, type OrbFeatures } from '../../fingerprints/features/orb.features.ts';
import { OrbIndex } from '../../fingerprints/features/orb.index.ts';
import { hexToBits } from '../../fingerprints/hash/hash-plugin.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../../fingerprints/image/image.decode.ts';
import { hashListingImage, matchCandidate } from '../../matcher/match.candidates.ts';
import { MatchSnapshot, toIndexedFeatures, toIndexedWork, type IndexedFeatures, type IndexedFingerprint } from '../../matcher/match.index.ts';
import { describeImageSet, loadBenchImages, type BenchImage } from './bench.images.ts';
import { EDITS } from './match-quality.edits.ts';
import { collectGarbage, heldBytes, MiB, nowMs, percentile, seededRandom, type Bench, type BenchResult, type Cell } from './bench.util.ts';

/**
 * The whole matcher for one listing image, as the service runs it: JPEG bytes → decodeImage (≤ 512 px)
 * → every plugin's candidate hashes and ORB features → matchCandidate against the registry snapshot
 * (hash index queries, ORB descriptor-index nomination, pair choice, ORB verification, text signals,
 * scoring). One core, p50/p95, as wall time and as the process's CPU time: on a shared machine the
 * wall time also counts other processes' turns.
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
 * A different work made from a real one: every hash bit re-drawn at random (as far from its template
 * as unrelated works are: ~half the bits), keeping the region layout and qualities, so the hash index
 * does the same work per image. Its ORB features are a real picture's that is neither registered nor
 * a listing image (a pool), each descriptor with ~8 % of its bits flipped: random bits would make the
 * descriptor index's job unrealistically easy, real descriptors share corners, edges and text.
 */
function derive(template: Registered, pool: OrbFeatures, workId: number, startId: number, random: () => number): Registered {
  let id = startId;
  const flip = (bits: Uint8Array) => bits.map((b) => b ^ Math.floor(random() * 256));
  const fingerprints = template.fingerprints.map((f) => ({ ...f, id: id++, workId, assetId: workId, bits: flip(f.bits) }));
  const noisy = pool.descriptors.map((b) => {
    let x = b;
    for (let k = 0; k < 8; k++) if (random() < 0.08) x ^= 1 << k;
    return x;
  });
  const features = [{ workId, assetId: workId, features: { ...pool, descriptors: noisy }, original: { width: pool.width, height: pool.height } }];
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
  cpu: number[];
  /** ORB descriptor index: build CPU ms and bytes held, for this registry size. */
  orbIndexMs: number;
  orbIndexMiB: number;
  snapshotMs: number;
  /** CPU ms per stage (wall time per stage would mostly count other processes' turns). */
  stages: { decode: number[]; features: number[]; match: number[] };
  copiesFound: number;
  copies: number;
  falseReports: number;
}

const cpuMs = (since?: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

async function run(snapshot: MatchSnapshot, works: number, list: Candidate[], build: Pick<Row, 'orbIndexMs' | 'orbIndexMiB' | 'snapshotMs'>): Promise<Row> {
  const row: Row = { works, times: [], cpu: [], ...build, stages: { decode: [], features: [], match: [] }, copiesFound: 0, copies: 0, falseReports: 0 };
  for (const candidate of list) {
    const c0 = process.cpuUsage();
    const t0 = nowMs();
    const decoded = await decodeImage(candidate.jpeg, { maxSide: HASH_DECODE_MAX_SIDE });
    const c1 = cpuMs(c0);
    const images = hashListingImage(decoded, 1, 0);
    const c2 = cpuMs(c0);
    const result = matchCandidate(snapshot, { title: 'Tranh treo tường phong cảnh', description: null }, images);
    const c3 = cpuMs(c0);
    row.times.push(nowMs() - t0);
    row.cpu.push(c3);
    row.stages.decode.push(c1);
    row.stages.features.push(c2 - c1);
    row.stages.match.push(c3 - c2);
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
    const free = quick ? 6 : 25;
    const poolSize = quick ? 10 : 30;
    const { images, notes } = await loadBenchImages(templates + free + poolSize);
    const registeredImages = images.slice(0, templates);
    const unregistered = images.slice(templates, templates + free);
    const poolImages = images.slice(templates + free);
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
      const pool: OrbFeatures[] = [];
      for (const image of poolImages) pool.push(computeOrbFeatures(await decodeImage(image.jpeg, { maxSide: HASH_DECODE_MAX_SIDE }), REGISTERED_ORB_OPTIONS));
      const list = await candidates(registeredImages, unregistered, quick ? 12 : 50);
      const rows: Row[] = [];
      const random = seededRandom(11);
      const all = [...real];
      for (const size of SIZES) {
        while (all.length < size) {
          const d = derive(real[all.length % real.length]!, pool[all.length % pool.length]!, all.length + 1, nextId, random);
          nextId += d.fingerprints.length;
          all.push(d);
        }
        const features = all.flatMap((r) => r.features);
        collectGarbage();
        const held = heldBytes();
        const c0 = process.cpuUsage();
        const orbIndex = new OrbIndex(features.map((f) => f.features));
        const orbIndexMs = cpuMs(c0);
        collectGarbage();
        const orbIndexMiB = (heldBytes() - held) / MiB;
        const c1 = process.cpuUsage();
        const snapshot = new MatchSnapshot(
          all.flatMap((r) => r.fingerprints),
          all.map((_, i) => toIndexedWork({ id: i + 1, title: `Tác phẩm số ${i + 1}`, keywords: [], text: null })),
          Date.now(),
          features,
        );
        const snapshotMs = cpuMs(c1);
        void orbIndex;
        await run(snapshot, size, list.slice(0, 2), { orbIndexMs, orbIndexMiB, snapshotMs }); // JIT warm-up
        rows.push(await run(snapshot, size, list, { orbIndexMs, orbIndexMiB, snapshotMs }));
        const last = rows.at(-1)!;
        log(`  ${size} works: p50 ${percentile(last.times, 50).toFixed(0)} ms, p95 ${percentile(last.times, 95).toFixed(0)} ms (CPU p50 ${percentile(last.cpu, 50).toFixed(0)}, p95 ${percentile(last.cpu, 95).toFixed(0)})`);
      }
      const table: Cell[][] = rows.map((r) => [
        r.works,
        r.times.length,
        percentile(r.times, 50),
        percentile(r.times, 95),
        percentile(r.cpu, 50),
        percentile(r.cpu, 95),
        percentile(r.stages.decode, 50),
        percentile(r.stages.features, 50),
        percentile(r.stages.match, 50),
        percentile(r.stages.match, 95),
        `${r.copiesFound}/${r.copies}`,
        r.falseReports,
      ]);
      const buildRows: Cell[][] = rows.map((r) => [r.works, r.snapshotMs, r.orbIndexMs, r.orbIndexMiB]);
      return {
        name: 'matcher-latency',
        tables: [
          {
            title: 'Whole matcher per listing image, one core (decode + candidate hashes + ORB features + hash index + ORB index + ORB verification + text + scoring)',
            columns: ['works', 'images', 'wall p50 ms', 'wall p95 ms', 'CPU p50', 'CPU p95', 'decode CPU p50', 'hash+ORB CPU p50', 'match CPU p50', 'match CPU p95', 'copies found', 'false reports'],
            rows: table,
          },
          {
            title: 'Registry snapshot build (CPU ms; the ORB descriptor index is part of the snapshot and also built alone)',
            columns: ['works', 'snapshot ms', 'ORB index ms', 'ORB index MiB'],
            rows: buildRows,
          },
        ],
        notes: [
          `${registeredImages.length} works registered from real pictures with fingerprintRows (${describeImageSet(registeredImages)}); the rest derived from them by re-drawing every hash bit at random, with the ORB features of ${poolImages.length} other real pictures (never listing images), ~8 % of each descriptor's bits flipped per derived work`,
          `${list.length} listing images: ${list.filter((c) => c.copyOf).length} edited copies of registered works (match-quality edits in turn), ${list.filter((c) => !c.copyOf).length} pictures in no registry`,
          'copies found = the copied work reported; false reports = any other work reported',
          'CPU = this process\'s user+system time for the image (sharp at concurrency 1): what one core spends, whatever else runs on the machine',
          ...notes,
        ],
        data: rows.map((r) => ({ works: r.works, times: r.times, cpu: r.cpu })),
      };
    } finally {
      sharp.concurrency(concurrency);
      sharp.cache(true);
    }
  },
};
