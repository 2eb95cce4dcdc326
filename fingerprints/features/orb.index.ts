import { featureCount, ORB_DESCRIPTOR_BYTES, type OrbFeatures } from './orb.features.ts';

/**
 * Which registered images might a listing image show, without verifying it against all of them?
 * Locality-sensitive hashing over the 256-bit ORB descriptors: each table keys every registered
 * descriptor by 16 of its bits (two whole bytes, a different pair per table), so two descriptors of
 * the same corner (typically 10–50 bits apart after a crop, turn or re-encode) share a key in at least
 * one table with good odds, and unrelated ones rarely. Next to each entry the table keeps 32 more of
 * the descriptor's bits (a sketch): a bucket hit is a vote only when the sketches agree too, checked
 * on data read in sequence (random reads of whole descriptors cost ~100 ns each at 10 000 images).
 * Every candidate descriptor votes at most once per registered image; the images with most votes are
 * nominated for the geometric check (verifyOrb). Pure and immutable: built with the registry snapshot.
 */

/** Tables (independent byte pairs): more find more true pairs, at 8 bytes per descriptor each. */
export const ORB_INDEX_TABLES = 6;
/**
 * A bucket hit is a vote when the 32-bit sketches differ in at most this many bits: a true pair ~40
 * bits apart over 256 differs in ~5 of 32, unrelated descriptors in ~12 of 32.
 */
export const ORB_INDEX_SKETCH_MAX = 7;
/**
 * Buckets holding more than this multiple of the mean are skipped (stop words: flat-area and
 * gradient descriptors that every picture has), which keeps a query's cost bounded.
 */
export const ORB_INDEX_STOP_FACTOR = 8;
/**
 * Registered images verified per listing image (verifyOrb ~3 ms each). Measured on 40 real pictures ×
 * 13 edits among 10 000 registered images: of 420 copies verifyOrb confirms, 415 rank in the top 4 (the
 * rest are product cards, which the trimmed PDQ regions find). A 60 % crop keeps a third of the
 * picture's keypoints and so of its votes, and ranks lower: match-quality, with keypoints spread over
 * the picture (orb.features.ts, an earlier variant spreading both sides), found 35 of 44 such crops at
 * 4 and 37 at 8; the descriptor index then left out 2 verifiable copies at 4, none at 8.
 */
export const ORB_NOMINATE_K = 8;
/** Fewer votes than this is chance agreement, never a copy that verification could confirm. */
export const ORB_NOMINATE_MIN_VOTES = 4;

const KEY_BITS = 16;
const BUCKETS = 1 << KEY_BITS;

export interface OrbVote {
  /** Position of the image in the list the index was built from. */
  image: number;
  votes: number;
}

export interface OrbIndexStats {
  images: number;
  descriptors: number;
  tables: number;
  /** Bytes the index adds to the snapshot (the descriptors themselves are shared, not copied). */
  bytes: number;
}

/** Per table: the two key bytes and the four sketch bytes, all distinct, fixed (reproducible). */
function tableBytes(tables: number): { key: [number, number]; sketch: [number, number, number, number] }[] {
  const order = Array.from({ length: ORB_DESCRIPTOR_BYTES }, (_, i) => i);
  // A fixed shuffle (LCG): neighbouring bytes come from neighbouring tests in ORB's learned pattern.
  let s = 12345;
  for (let i = order.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const at = (i: number) => order[i % order.length]!;
  // Keys use disjoint byte pairs; each table's sketch is the 4 bytes after its key in the shuffled order.
  return Array.from({ length: tables }, (_, t) => ({
    key: [at(2 * t), at(2 * t + 1)],
    sketch: [at(2 * t + 2), at(2 * t + 3), at(2 * t + 4), at(2 * t + 5)],
  }));
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export interface OrbIndexOptions {
  tables?: number;
  sketchMax?: number;
  stopFactor?: number;
}

interface Table {
  key: [number, number];
  sketch: [number, number, number, number];
  /** bucket → [offsets[b], offsets[b+1]) in images and sketches. */
  offsets: Uint32Array;
  images: Uint32Array;
  sketches: Uint32Array;
}

export class OrbIndex {
  private readonly tables: Table[] = [];
  private readonly imageCount: number;
  private readonly descriptorCount: number;
  private readonly stopAt: number;
  private readonly sketchMax: number;

  constructor(images: readonly OrbFeatures[], options: OrbIndexOptions = {}) {
    this.sketchMax = options.sketchMax ?? ORB_INDEX_SKETCH_MAX;
    this.imageCount = images.length;
    let total = 0;
    for (const f of images) total += featureCount(f);
    this.descriptorCount = total;
    const layout = tableBytes(options.tables ?? ORB_INDEX_TABLES);
    // One sweep over the descriptors (hundreds of MB at 10 000 images) extracts every table's keys and
    // sketches; the tables are then filled from these small sequential arrays (a counting sort).
    const keys = layout.map(() => new Uint16Array(total));
    const rawSketches = layout.map(() => new Uint32Array(total));
    const owner = new Uint32Array(total);
    let g = 0;
    images.forEach((f, image) => {
      const d = f.descriptors;
      for (let p = 0; p < d.length; p += ORB_DESCRIPTOR_BYTES, g++) {
        owner[g] = image;
        for (let t = 0; t < layout.length; t++) {
          const { key, sketch } = layout[t]!;
          keys[t]![g] = (d[p + key[0]]! << 8) | d[p + key[1]]!;
          rawSketches[t]![g] = ((d[p + sketch[0]]! << 24) | (d[p + sketch[1]]! << 16) | (d[p + sketch[2]]! << 8) | d[p + sketch[3]]!) >>> 0;
        }
      }
    });
    layout.forEach(({ key, sketch }, t) => {
      const tableKeys = keys[t]!;
      const raw = rawSketches[t]!;
      const offsets = new Uint32Array(BUCKETS + 1);
      for (let i = 0; i < total; i++) offsets[tableKeys[i]! + 1]!++;
      for (let b = 0; b < BUCKETS; b++) offsets[b + 1]! += offsets[b]!;
      const fill = offsets.slice(0, BUCKETS);
      const owners = new Uint32Array(total);
      const sketches = new Uint32Array(total);
      for (let i = 0; i < total; i++) {
        const at = fill[tableKeys[i]!]!++;
        owners[at] = owner[i]!;
        sketches[at] = raw[i]!;
      }
      this.tables.push({ key, sketch, offsets, images: owners, sketches });
    });
    this.stopAt = Math.max(32, Math.ceil(((options.stopFactor ?? ORB_INDEX_STOP_FACTOR) * total) / BUCKETS));
  }

  get stats(): OrbIndexStats {
    return {
      images: this.imageCount,
      descriptors: this.descriptorCount,
      tables: this.tables.length,
      bytes: this.tables.reduce((n, t) => n + t.offsets.byteLength + t.images.byteLength + t.sketches.byteLength, 0),
    };
  }

  /**
   * Votes per registered image (indexed like the build list): how many of the candidate's
   * descriptors share a key and a near sketch with one of that image's descriptors in some table.
   */
  votes(candidate: OrbFeatures): Uint32Array {
    const votes = new Uint32Array(this.imageCount);
    const last = new Int32Array(this.imageCount).fill(-1);
    const q = candidate.descriptors;
    const max = this.sketchMax;
    for (let c = 0, o = 0; o < q.length; c++, o += ORB_DESCRIPTOR_BYTES) {
      for (const table of this.tables) {
        const key = (q[o + table.key[0]]! << 8) | q[o + table.key[1]]!;
        const start = table.offsets[key]!;
        const end = table.offsets[key + 1]!;
        if (end - start > this.stopAt) continue;
        const [s0, s1, s2, s3] = table.sketch;
        const sketch = ((q[o + s0]! << 24) | (q[o + s1]! << 16) | (q[o + s2]! << 8) | q[o + s3]!) >>> 0;
        const images = table.images;
        const sketches = table.sketches;
        for (let p = start; p < end; p++) {
          if (popcount((sketches[p]! ^ sketch) >>> 0) > max) continue;
          const image = images[p]!;
          if (last[image] === c) continue;
          last[image] = c;
          votes[image]!++;
        }
      }
    }
    return votes;
  }

  /** The k images with most votes (at least minVotes each), most first; ties by position. */
  nominate(candidate: OrbFeatures, k: number, minVotes = 1): OrbVote[] {
    const out: OrbVote[] = [];
    const votes = this.votes(candidate);
    const floor = Math.max(1, minVotes);
    for (let image = 0; image < votes.length; image++) if (votes[image]! >= floor) out.push({ image, votes: votes[image]! });
    return out.sort((a, b) => b.votes - a.votes || a.image - b.image).slice(0, k);
  }
}
