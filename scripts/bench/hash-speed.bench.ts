import sharp from 'sharp';
import { phash64Plugin } from '../../fingerprints/hash/phash64.plugin.ts';
import { pdqHash } from '../../fingerprints/hash/pdq.plugin.ts';
import { hashCandidateImage, hashRegisteredImage } from '../../fingerprints/hash/registry.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../../fingerprints/image/image.decode.ts';
import { describeImageSet, loadBenchImages, type BenchImage } from './bench.images.ts';
import { imghashBits, sharpPhashBits } from './bench.peers.ts';
import { collectGarbage, heldBytes, MiB, nowMs, percentile, ratio, RssPeak, type Bench, type BenchResult, type Cell } from './bench.util.ts';

/**
 * Images per second on one core, from JPEG bytes to hash (decode included, since decoding is most of
 * the cost for whole-image hashes), for ipwatch's hashes and the two npm peers on the same pictures.
 */

interface Contender {
  name: string;
  /** Returns how many hashes the image produced (regions × orientations for ipwatch's paths). */
  hash(jpeg: Buffer): Promise<number>;
}

// The product decodes at most 512 px for hashing (image.decode.ts); the peers decode at full size.
const decodeForHash = (jpeg: Buffer) => decodeImage(jpeg, { maxSide: HASH_DECODE_MAX_SIDE });

const contenders: Contender[] = [
  {
    name: 'decode only (sharp → RGB ≤512 px)',
    hash: async (jpeg) => {
      await decodeForHash(jpeg);
      return 0;
    },
  },
  { name: 'ipwatch PDQ registered (all regions)', hash: async (jpeg) => hashRegisteredImage(await decodeForHash(jpeg)).length },
  { name: 'ipwatch PDQ candidate (regions × 8 turns)', hash: async (jpeg) => hashCandidateImage(await decodeForHash(jpeg)).length },
  {
    name: 'ipwatch PDQ one region',
    hash: async (jpeg) => {
      pdqHash(await decodeForHash(jpeg));
      return 1;
    },
  },
  {
    name: 'ipwatch pHash64 one region',
    hash: async (jpeg) => {
      phash64Plugin.compute(await decodeForHash(jpeg));
      return 1;
    },
  },
  {
    name: 'peer sharp-phash (64 bit)',
    hash: async (jpeg) => {
      await sharpPhashBits(jpeg);
      return 1;
    },
  },
  {
    // imghash's default: blockhash with 8 bits per side = 64 bits.
    name: 'peer imghash (blockhash 64 bit)',
    hash: async (jpeg) => {
      await imghashBits(jpeg);
      return 1;
    },
  },
];

interface Measure {
  name: string;
  imagesPerSecond: number;
  meanMs: number;
  p95Ms: number;
  hashesPerImage: number;
  peakRssMiB: number;
  peakHeapDeltaMiB: number;
}

async function measure(contender: Contender, images: BenchImage[], passes: number): Promise<Measure> {
  for (const image of images.slice(0, 3)) await contender.hash(image.jpeg); // JIT warm-up
  collectGarbage();
  const heldBefore = heldBytes();
  let heldPeak = heldBefore;
  const rss = new RssPeak();
  const times: number[] = [];
  let hashes = 0;
  const start = nowMs();
  for (let pass = 0; pass < passes; pass++) {
    for (const image of images) {
      const t = nowMs();
      hashes += await contender.hash(image.jpeg);
      times.push(nowMs() - t);
      rss.sample();
      heldPeak = Math.max(heldPeak, heldBytes());
    }
  }
  const elapsed = nowMs() - start;
  return {
    name: contender.name,
    imagesPerSecond: (times.length * 1000) / elapsed,
    meanMs: elapsed / times.length,
    p95Ms: percentile(times, 95),
    hashesPerImage: hashes / times.length,
    peakRssMiB: rss.peakMiB,
    peakHeapDeltaMiB: (heldPeak - heldBefore) / MiB,
  };
}

export const hashSpeedBench: Bench = {
  name: 'hash-speed',
  description: 'images/s on one core, decode included: ipwatch PDQ/pHash64 vs imghash and sharp-phash',
  async run({ quick, log }): Promise<BenchResult> {
    const { images, notes } = await loadBenchImages(quick ? 12 : 40);
    const passes = quick ? 1 : 2;
    log(`hash-speed: ${describeImageSet(images)}, ${passes} pass(es)`);
    // One core: libvips would otherwise decode with a thread per core; its cache would let repeated
    // passes skip decoding, which no crawler gets.
    const concurrency = sharp.concurrency();
    sharp.concurrency(1);
    sharp.cache(false);
    const results: Measure[] = [];
    try {
      for (const contender of contenders) {
        results.push(await measure(contender, images, passes));
        log(`  ${contender.name}: ${results.at(-1)!.imagesPerSecond.toFixed(1)} images/s`);
      }
    } finally {
      sharp.concurrency(concurrency);
      sharp.cache(true);
    }
    const imghashRate = results.find((r) => r.name.startsWith('peer imghash'))!.imagesPerSecond;
    const sharpPhashRate = results.find((r) => r.name.startsWith('peer sharp-phash'))!.imagesPerSecond;
    const rows: Cell[][] = results.map((r) => [
      r.name,
      r.imagesPerSecond,
      r.meanMs,
      r.p95Ms,
      r.hashesPerImage,
      ratio(r.imagesPerSecond, imghashRate),
      ratio(r.imagesPerSecond, sharpPhashRate),
      r.peakRssMiB,
      r.peakHeapDeltaMiB,
    ]);
    return {
      name: 'hash-speed',
      tables: [
        {
          title: `Hashing speed, one core, decode included (${images.length} pictures × ${passes} passes)`,
          columns: ['hasher', 'images/s', 'mean ms', 'p95 ms', 'hashes/img', '× imghash', '× sharp-phash', 'peak RSS MiB', 'peak heap Δ MiB'],
          rows,
        },
      ],
      notes: [
        describeImageSet(images),
        'ratios are images/s of the row over images/s of the peer (above 1 = faster than the peer)',
        'ipwatch rows decode through decodeImage (hostile-input checks, EXIF, sRGB, ≤512 px); the peers decode full size themselves',
        'heap Δ = peak of V8 heap + typed-array buffers during the run minus the level after a forced GC before it',
        'peak RSS is the whole process while that row ran (rows run in table order, so it never goes down)',
        ...notes,
      ],
    };
  },
};
