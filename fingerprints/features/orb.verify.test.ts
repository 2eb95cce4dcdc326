import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../image/image.decode.ts';
import { scenePng } from '../image/synthetic.fixture.ts';
import { loadOpenCv, openCv } from './opencv.ts';
import { computeOrbFeatures, featureCount, parseOrbFeatures, REGISTERED_ORB_OPTIONS, serialiseOrbFeatures, type OrbFeatures } from './orb.features.ts';
import { ORB_MIN_INLIERS, verifyOrb } from './orb.verify.ts';

const features = async (bytes: Buffer, registered = false) => {
  const image = await decodeImage(bytes, { maxSide: HASH_DECODE_MAX_SIDE });
  return computeOrbFeatures(image, registered ? REGISTERED_ORB_OPTIONS : {});
};

/** The re-seller's off-centre crop: from 13 % / 12 % of the picture, then resized, brightened, watermarked, re-encoded. */
async function offCentreCrop(png: Buffer, fraction: number, left: number, top: number): Promise<Buffer> {
  const w = Math.round(640 * fraction);
  const h = Math.round(480 * fraction);
  const mark = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="${Math.round((400 * h) / w)}">
    <text x="40" y="60" font-size="36" font-family="sans-serif" fill="white" fill-opacity="0.6">shop-tranh.vn</text></svg>`);
  return sharp(png).extract({ left: Math.round(640 * left), top: Math.round(480 * top), width: w, height: h })
    .resize(400).modulate({ brightness: 1.15 }).composite([{ input: mark }]).jpeg({ quality: 70 }).toBuffer();
}

describe('ORB local-feature verification', () => {
  let workPng: Buffer;
  let work: OrbFeatures;

  beforeAll(async () => {
    await loadOpenCv();
    workPng = await scenePng(11);
    work = parseOrbFeatures(serialiseOrbFeatures(await features(workPng, true)));
  });

  it('serialises keypoints and descriptors compactly and losslessly enough', async () => {
    const original = await features(workPng, true);
    const value = serialiseOrbFeatures(original);
    const parsed = parseOrbFeatures(value);
    expect(featureCount(parsed)).toBe(featureCount(original));
    expect(parsed.descriptors).toEqual(original.descriptors);
    expect(Math.max(...parsed.points.map((p, i) => Math.abs(p - original.points[i]!)))).toBeLessThanOrEqual(1 / 32);
    expect(value.length).toBeLessThan(64 * 1024);
    expect(() => parseOrbFeatures(value.slice(0, 100))).toThrow(/expected/);
  });

  it('finds an off-centre 80 % crop and says which region of the work it shows', async () => {
    const v = verifyOrb(await features(await offCentreCrop(workPng, 0.8, 0.13, 0.12)), work);
    expect(v).toMatchObject({ decided: true, matched: true });
    expect(v.inliers).toBeGreaterThanOrEqual(3 * ORB_MIN_INLIERS);
    // The crop starts at 13 % / 12 % of the 512×384 work and covers 80 % of it.
    expect(v.workBox!.x).toBeCloseTo(0.13 * 512, -1);
    expect(v.workBox!.y).toBeCloseTo(0.12 * 384, -1);
    expect(v.workBox!.w).toBeCloseTo(0.8 * 512, -1);
    expect(v.explanation).toMatch(/inliers .* after RANSAC; the listing shows the work's region \d+,\d+,\d+,\d+/);
  });

  it('finds a 60 % crop, resized and re-encoded', async () => {
    const crop = await sharp(workPng).extract({ left: 200, top: 150, width: 384, height: 288 }).resize(300).jpeg({ quality: 60 }).toBuffer();
    expect(verifyOrb(await features(crop), work).matched).toBe(true);
  });

  it('finds a copy turned by 5°', async () => {
    const turned = await sharp(workPng).rotate(5, { background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
    expect(verifyOrb(await features(turned), work).matched).toBe(true);
  });

  it('finds the work at 40 % of the width of a larger photo-like scene, and where it sits', async () => {
    const inner = await sharp(workPng).resize(400).toBuffer();
    const scene = await sharp(await scenePng(999, 1000, 750)).composite([{ input: inner, left: 300, top: 150 }]).jpeg({ quality: 80 }).toBuffer();
    const v = verifyOrb(await features(scene), work);
    expect(v.matched).toBe(true);
    // Candidate decoded at 512/1000: the work sits near x 154, y 77, 205 px wide.
    expect(v.candidateBox!.x).toBeCloseTo(154, -1);
    expect(v.candidateBox!.w).toBeCloseTo(205, -1);
  });

  it('matches none of 24 unrelated scenes, all far below the inlier threshold', async () => {
    const inliers: number[] = [];
    for (let seed = 100; seed < 124; seed++) {
      const v = verifyOrb(await features(await scenePng(seed)), work);
      expect(v.matched).toBe(false);
      inliers.push(v.inliers);
    }
    expect(Math.max(...inliers)).toBeLessThan(ORB_MIN_INLIERS / 2);
  });

  it('makes no decision on a flat picture (too few keypoints)', async () => {
    const flat = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#e8e0d0' } }).png().toBuffer();
    const v = verifyOrb(await features(flat), work);
    expect(v).toMatchObject({ decided: false, matched: false, inliers: 0 });
    expect(v.explanation).toMatch(/too few keypoints/);
  });

  it('leaks no WASM memory over 200 verifications and 20 feature computations', async () => {
    const cv = openCv();
    // A large block lands after everything still allocated: if anything leaked, its address moves up.
    const probe = (): number => {
      const pointer = cv._malloc(32 * 1024 * 1024) as number;
      cv._free(pointer);
      return pointer;
    };
    const candidate = await features(await offCentreCrop(workPng, 0.8, 0.13, 0.12));
    const image = await decodeImage(workPng, { maxSide: HASH_DECODE_MAX_SIDE });
    verifyOrb(candidate, work);
    computeOrbFeatures(image);
    const heap = cv.HEAPU8.length as number;
    const before = probe();
    for (let i = 0; i < 200; i++) verifyOrb(candidate, work);
    for (let i = 0; i < 20; i++) computeOrbFeatures(image);
    expect(probe()).toBe(before);
    expect(cv.HEAPU8.length).toBe(heap);
  }, 60_000);
});
