import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../image/image.decode.ts';
import { scenePng } from '../image/synthetic.fixture.ts';
import { loadOpenCv } from './opencv.ts';
import { computeOrbFeatures, ORB_DESCRIPTOR_BYTES, REGISTERED_ORB_OPTIONS, type OrbFeatures } from './orb.features.ts';
import { ORB_NOMINATE_K, ORB_NOMINATE_MIN_VOTES, OrbIndex } from './orb.index.ts';

const features = async (bytes: Buffer, registered = false) =>
  computeOrbFeatures(await decodeImage(bytes, { maxSide: HASH_DECODE_MAX_SIDE }), registered ? REGISTERED_ORB_OPTIONS : {});

/** A deterministic generator, so the synthetic descriptors are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Gaussian noise around mid-grey from a seeded generator: libvips' own noise is unseeded, and the
 * votes an unrelated picture gets vary with it by a few from run to run.
 */
function gaussianNoise(width: number, height: number, sigma: number, random: () => number): Buffer {
  const out = Buffer.alloc(width * height * 3);
  for (let i = 0; i < out.length; i += 2) {
    // Box–Muller: two normal samples from two uniform ones.
    const r = Math.sqrt(-2 * Math.log(1 - random())) * sigma;
    const t = 2 * Math.PI * random();
    out[i] = Math.max(0, Math.min(255, Math.round(128 + r * Math.cos(t))));
    if (i + 1 < out.length) out[i + 1] = Math.max(0, Math.min(255, Math.round(128 + r * Math.sin(t))));
  }
  return out;
}

function randomFeatures(count: number, random: () => number): OrbFeatures {
  const descriptors = new Uint8Array(count * ORB_DESCRIPTOR_BYTES).map(() => Math.floor(random() * 256));
  return { width: 512, height: 384, points: new Float32Array(count * 2), descriptors };
}

/** The same keypoints seen again: each descriptor with `flips` of its 256 bits changed. */
function noisy(f: OrbFeatures, flips: number, random: () => number): OrbFeatures {
  const descriptors = f.descriptors.slice();
  for (let d = 0; d < descriptors.length / ORB_DESCRIPTOR_BYTES; d++) {
    for (let k = 0; k < flips; k++) {
      const bit = Math.floor(random() * 256);
      descriptors[d * ORB_DESCRIPTOR_BYTES + (bit >> 3)]! ^= 1 << (bit & 7);
    }
  }
  return { ...f, descriptors };
}

describe('ORB descriptor index (synthetic descriptors)', () => {
  const random = lcg(5);
  const registered = Array.from({ length: 300 }, () => randomFeatures(200, random));
  const index = new OrbIndex(registered);

  it('votes for the image whose descriptors a candidate shares, within the noise of a re-encoded copy', () => {
    // Half of image 123's keypoints survive (a crop), each 20 bits off; the rest of the picture is new.
    const kept = noisy({ ...registered[123]!, descriptors: registered[123]!.descriptors.slice(0, 100 * ORB_DESCRIPTOR_BYTES) }, 20, random);
    const extra = randomFeatures(300, random);
    const candidate = { ...extra, descriptors: new Uint8Array([...kept.descriptors, ...extra.descriptors]) };
    const top = index.nominate(candidate, ORB_NOMINATE_K, ORB_NOMINATE_MIN_VOTES);
    expect(top[0]).toMatchObject({ image: 123 });
    expect(top[0]!.votes).toBeGreaterThan(30);
    expect(top.slice(1).every((v) => v.votes <= 2)).toBe(true);
  });

  it('gives an unrelated candidate no votes at all, and nominates nothing for it', () => {
    const votes = index.votes(randomFeatures(1000, random));
    expect(Math.max(...votes)).toBeLessThanOrEqual(1);
    expect(index.nominate(randomFeatures(1000, random), ORB_NOMINATE_K, ORB_NOMINATE_MIN_VOTES)).toEqual([]);
  });

  it('handles an empty registry, images without keypoints, and a candidate without any', () => {
    expect(new OrbIndex([]).nominate(randomFeatures(10, random), 5)).toEqual([]);
    const withEmpty = new OrbIndex([randomFeatures(0, random), registered[0]!]);
    expect(withEmpty.nominate(noisy(registered[0]!, 10, random), 5)[0]).toMatchObject({ image: 1 });
    expect(withEmpty.nominate(randomFeatures(0, random), 5)).toEqual([]);
    expect(withEmpty.stats).toMatchObject({ images: 2, descriptors: 200 });
  });
});

describe('ORB descriptor index (real ORB features of pictures)', () => {
  const DISTRACTORS = 30;
  let index: OrbIndex;
  let workPng: Buffer;
  const WORK = DISTRACTORS; // the registered work's position, after the distractors

  beforeAll(async () => {
    await loadOpenCv();
    workPng = await scenePng(11);
    const registered: OrbFeatures[] = [];
    for (let seed = 200; seed < 200 + DISTRACTORS; seed++) registered.push(await features(await scenePng(seed), true));
    registered.push(await features(workPng, true));
    index = new OrbIndex(registered);
  }, 300_000);

  const rankOf = async (candidate: Buffer) => {
    const top = index.nominate(await features(candidate), ORB_NOMINATE_K, ORB_NOMINATE_MIN_VOTES);
    return top.findIndex((v) => v.image === WORK);
  };

  it('nominates a 60 % crop of a registered work among its top K', async () => {
    const crop = await sharp(workPng).extract({ left: 200, top: 150, width: 384, height: 288 }).resize(300).jpeg({ quality: 60 }).toBuffer();
    expect(await rankOf(crop)).toBe(0);
  });

  it('nominates a copy turned by 5°', async () => {
    const turned = await sharp(workPng).rotate(5, { background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
    expect(await rankOf(turned)).toBe(0);
  });

  it('nominates the work shown at 40 % of the width of a larger photo-like scene', async () => {
    const inner = await sharp(workPng).resize(400).toBuffer();
    const scene = await sharp(await scenePng(999, 1000, 750)).composite([{ input: inner, left: 300, top: 150 }]).jpeg({ quality: 80 }).toBuffer();
    const rank = await rankOf(scene);
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(ORB_NOMINATE_K);
  });

  it('gives the work few votes from unrelated pictures: far fewer than from a copy', async () => {
    const crop = await sharp(workPng).extract({ left: 128, top: 96, width: 384, height: 288 }).jpeg({ quality: 70 }).toBuffer();
    const copyVotes = index.votes(await features(crop))[WORK]!;
    expect(copyVotes).toBeGreaterThan(4 * ORB_NOMINATE_MIN_VOTES);
    // Textured pictures of another kind (blurred noise at several grain sizes): plenty of keypoints, none
    // the work's. Not other scenes of this generator: they share its shapes and caption font and do vote
    // for each other (a same-series case the copies above are nominated among, and verifyOrb rejects).
    for (const [sigma, blur] of [[60, 1], [80, 2], [40, 3], [90, 1.5]] as const) {
      const noise = await sharp(gaussianNoise(640, 480, sigma, lcg(sigma)), { raw: { width: 640, height: 480, channels: 3 } }).blur(blur).jpeg({ quality: 80 }).toBuffer();
      const votes = index.votes(await features(noise));
      console.info(`unrelated noise (sigma ${sigma}, blur ${blur}): ${votes[WORK]} votes for the work; its crop: ${copyVotes}`);
      expect(votes[WORK]!).toBeLessThan(copyVotes / 4);
    }
  });
});
