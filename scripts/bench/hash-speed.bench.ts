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
 *
 * "One core" is measured as CPU time of the whole process (every thread: libvips workers, V8's GC),
 * so images per CPU-second is what one core delivers whatever else the machine runs; wall-clock
 * figures on a shared 2-core machine swing with the neighbours' load. The contenders take turns on
 * each picture (the order rotating), so any load that remains falls on all of them alike.
 */

interface Contender {
  name: string;
  /** Returns how many hashes the image produced (regions × orientations for ipwatch's paths). */
  hash(jpeg: Buffer): Promise<number>;
}

// Exactly what the product does (fingerprint.service.ts, match.service.ts, ipwatch match): decodeImage
// at HASH_DECODE_MAX_SIDE; the peers decode full size themselves, as their users call them.
const decodeForHash = (jpeg: Buffer) => decodeImage(jpeg, { maxSide: HASH_DECODE_MAX_SIDE });

const contenders: Contender[] = [
  {
    // Not a product path: the floor any sharp-based hasher pays on these JPEGs (entropy decoding of
    // every coefficient), to show how much of the budget the checks, resize and hash take.
    name: 'floor: sharp full-size RGB decode alone',
    hash: async (jpeg) => {
      await sharp(jpeg).raw().toBuffer();
      return 0;
    },
  },
  {
    name: 'decode only (decodeImage ≤512 px)',
    hash: async (jpeg) => {
      await decodeForHash(jpeg);
      return 0;
    },
  },
  {
    name: 'ipwatch PDQ whole image',
    hash: async (jpeg) => {
      pdqHash(await decodeForHash(jpeg));
      return 1;
    },
  },
  { name: 'ipwatch PDQ candidate (regions × 8 turns)', hash: async (jpeg) => hashCandidateImage(await decodeForHash(jpeg)).length },
  { name: 'ipwatch PDQ registered (all regions)', hash: async (jpeg) => hashRegisteredImage(await decodeForHash(jpeg)).length },
  {
    name: 'ipwatch pHash64 whole image',
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

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Timing {
  cpu: number[];
  wall: number[];
  /** Least CPU time each picture took over the passes: the figure least disturbed by neighbours. */
  bestCpu: number[];
  hashes: number;
}

/** Every contender on every picture, `passes` times, taking turns; per-image CPU and wall times. */
async function timeInterleaved(images: BenchImage[], passes: number): Promise<Timing[]> {
  const timings: Timing[] = contenders.map(() => ({ cpu: [], wall: [], bestCpu: images.map(() => Infinity), hashes: 0 }));
  for (const c of contenders) for (const image of images.slice(0, 3)) await c.hash(image.jpeg); // JIT warm-up
  let turn = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (const [n, image] of images.entries()) {
      turn++;
      for (let k = 0; k < contenders.length; k++) {
        const i = (k + turn) % contenders.length;
        const c0 = cpuMs();
        const w0 = nowMs();
        timings[i]!.hashes += await contenders[i]!.hash(image.jpeg);
        timings[i]!.wall.push(nowMs() - w0);
        const cpu = cpuMs() - c0;
        timings[i]!.cpu.push(cpu);
        timings[i]!.bestCpu[n] = Math.min(timings[i]!.bestCpu[n]!, cpu);
      }
    }
  }
  return timings;
}

interface Memory {
  peakRssMiB: number;
  peakHeapDeltaMiB: number;
}

/** One contender alone over the pictures: what it holds at its peak (heap + typed arrays) and RSS. */
async function memory(contender: Contender, images: BenchImage[]): Promise<Memory> {
  collectGarbage();
  const heldBefore = heldBytes();
  let heldPeak = heldBefore;
  const rss = new RssPeak();
  for (const image of images) {
    await contender.hash(image.jpeg);
    rss.sample();
    heldPeak = Math.max(heldPeak, heldBytes());
  }
  return { peakRssMiB: rss.peakMiB, peakHeapDeltaMiB: (heldPeak - heldBefore) / MiB };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export const hashSpeedBench: Bench = {
  name: 'hash-speed',
  description: 'images/s on one core (CPU time), decode included: ipwatch PDQ/pHash64 vs imghash and sharp-phash',
  async run({ quick, log }): Promise<BenchResult> {
    const { images, notes } = await loadBenchImages(quick ? 12 : 40);
    const passes = quick ? 1 : 3;
    log(`hash-speed: ${describeImageSet(images)}, ${passes} pass(es), contenders interleaved`);
    // One core: libvips would otherwise decode with a thread per core; its cache would let repeated
    // passes skip decoding, which no crawler gets.
    const concurrency = sharp.concurrency();
    sharp.concurrency(1);
    sharp.cache(false);
    let timings: Timing[];
    const memories: Memory[] = [];
    try {
      timings = await timeInterleaved(images, passes);
      for (const c of contenders) memories.push(await memory(c, images));
    } finally {
      sharp.concurrency(concurrency);
      sharp.cache(true);
    }
    const rate = (t: Timing) => (t.bestCpu.length * 1000) / sum(t.bestCpu);
    const meanRate = (t: Timing) => (t.cpu.length * 1000) / sum(t.cpu);
    const wallRate = (t: Timing) => (t.wall.length * 1000) / sum(t.wall);
    const find = (prefix: string) => timings[contenders.findIndex((c) => c.name.startsWith(prefix))]!;
    const imghashRate = rate(find('peer imghash'));
    const sharpPhashRate = rate(find('peer sharp-phash'));
    const imghashWall = wallRate(find('peer imghash'));
    const imghashMean = meanRate(find('peer imghash'));
    const rows: Cell[][] = contenders.map((c, i) => {
      const t = timings[i]!;
      return [
        c.name,
        rate(t),
        sum(t.bestCpu) / t.bestCpu.length,
        percentile(t.cpu, 95),
        t.hashes / t.cpu.length,
        ratio(rate(t), imghashRate),
        ratio(rate(t), sharpPhashRate),
        ratio(meanRate(t), imghashMean),
        wallRate(t),
        ratio(wallRate(t), imghashWall),
        memories[i]!.peakRssMiB,
        memories[i]!.peakHeapDeltaMiB,
      ];
    });
    for (const row of rows) log(`  ${String(row[0]).padEnd(44)} ${Number(row[1]).toFixed(1)} images/CPU-s, ${Number(row[5]).toFixed(2)}× imghash`);
    return {
      name: 'hash-speed',
      tables: [
        {
          title: `Hashing speed, one core, decode included (${images.length} pictures × ${passes} passes, contenders interleaved)`,
          columns: [
            'hasher',
            'images/CPU-s',
            'CPU ms',
            'p95 CPU ms',
            'hashes/img',
            '× imghash',
            '× sharp-phash',
            'mean-CPU × imghash',
            'wall images/s',
            'wall × imghash',
            'peak RSS MiB',
            'peak heap Δ MiB',
          ],
          rows,
        },
      ],
      notes: [
        describeImageSet(images),
        'images/CPU-s = pictures ÷ CPU seconds of the whole process (all threads) = throughput of one core, from each picture\'s least CPU time over the passes (CPU ms column); sharp.concurrency(1), libvips cache off',
        'mean-CPU × imghash: the same ratio from the mean over all passes instead of the per-picture best (less robust to the neighbours\' load, shown so the two can be compared)',
        'ratios are the row over the peer (above 1 = faster than the peer); wall columns are elapsed time on a shared machine, for reference',
        'ipwatch rows decode through decodeImage exactly as the product (hostile-input checks, EXIF, sRGB, ≤512 px); the peers decode full size themselves',
        'the target (≥ 3× imghash) compares like with like: one whole-image hash per picture; candidate and registered rows are the product\'s fuller work per image',
        'heap Δ = peak of V8 heap + typed-array buffers while that hasher ran alone minus the level after a forced GC before it; peak RSS is the whole process and never goes down',
        ...notes,
      ],
    };
  },
};
