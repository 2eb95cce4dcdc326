import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../image/image.decode.ts';
import { scenePng } from '../image/synthetic.fixture.ts';
import { bitsToHex, hexToBits } from './hash-plugin.ts';
import { hammingDistance } from './hash.bits.ts';
import type { PdqVariant } from './pdq.dct.ts';
import { pdqHash, pdqPlugin, pdqVariants } from './pdq.plugin.ts';

/** Meta's reference images stay in ../shared (BSD licence); they are read in place, never copied. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pdqData = path.resolve(repoRoot, '../shared/testdata/pdq');

function vectors(): { file: string; hex: string }[] {
  const tsv = fs
    .readFileSync(path.join(pdqData, 'expected-pdq.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'))
    .map(([file, hex]) => ({ file: file!, hex: hex! }));
  // The wasm set names its images relative to ThreatExchange's pdq/data; MD5 rows (videos) are not PDQ.
  const csv = fs
    .readFileSync(path.join(pdqData, 'wasm/test/TestData/PDQMD5TestData.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter(([, hex]) => hex?.length === 64)
    .map(([file, hex]) => ({ file: file!.replace(/^(\.\.\/)+data\//, ''), hex: hex! }))
    .filter(({ file }) => fs.existsSync(path.join(pdqData, file)));
  return [...tsv, ...csv];
}

describe('PDQ against the ThreatExchange reference vectors', () => {
  it('every image within 10 bits of the expected hash', async () => {
    const all = vectors();
    expect(all.length).toBeGreaterThanOrEqual(30);
    const distances: number[] = [];
    for (const { file, hex } of all) {
      const hash = pdqHash(await decodeImage(fs.readFileSync(path.join(pdqData, file))));
      const d = hammingDistance(hash.bits, hexToBits(hex));
      distances.push(d);
      expect(d, `${file}: got ${bitsToHex(hash.bits)}`).toBeLessThanOrEqual(10);
    }
    const mean = distances.reduce((a, b) => a + b, 0) / distances.length;
    // Decoder differences only (libjpeg-turbo vs CImg/PIL): most images hash bit-exactly.
    expect(mean).toBeLessThan(4);
    expect(distances.filter((d) => d === 0).length).toBeGreaterThan(all.length / 2);
  });

  it('gives a 0-quality zero hash for images too small to hash, like the reference', () => {
    const tiny = pdqHash({ width: 4, height: 4, data: new Uint8Array(48).fill(128) });
    expect(tiny.quality).toBe(0);
    expect(bitsToHex(tiny.bits)).toBe('0'.repeat(64));
  });

  it('rates a blank image as quality 0', () => {
    const blank = pdqHash({ width: 200, height: 100, data: new Uint8Array(200 * 100 * 3).fill(255) });
    expect(blank.quality).toBe(0);
    expect(blank.quality).toBeLessThan(pdqPlugin.minQuality);
  });
});

describe('PDQ dihedral variants', () => {
  it('match the reference hashes of the rotated and mirrored bridge', async () => {
    const expected = new Map(vectors().map(({ file, hex }) => [file, hex]));
    const original = await decodeImage(fs.readFileSync(path.join(pdqData, 'reg-test-input/dih/bridge-1-original.jpg')));
    const byVariant = new Map(pdqVariants(original).map(({ variant, hash }) => [variant, hash.bits]));
    const files: Record<PdqVariant, string> = {
      original: 'bridge-1-original.jpg',
      rotate90: 'bridge-2-rotate-90.jpg',
      rotate180: 'bridge-3-rotate-180.jpg',
      rotate270: 'bridge-4-rotate-270.jpg',
      flipX: 'bridge-5-flipx.jpg',
      flipY: 'bridge-6-flipy.jpg',
      flipPlus1: 'bridge-7-flip-plus-1.jpg',
      flipMinus1: 'bridge-8-flip-minus-1.jpg',
    };
    for (const [variant, file] of Object.entries(files) as [PdqVariant, string][]) {
      const d = hammingDistance(byVariant.get(variant)!, hexToBits(expected.get(`reg-test-input/dih/${file}`)!));
      expect(d, variant).toBeLessThanOrEqual(20);
    }
  });

  // sharp op applied to the work → the candidate variant that must equal the work's plain hash.
  const transforms: [string, (s: Sharp) => Sharp, string][] = [
    ['mirror left-right', (s) => s.flop(), 'flipY'],
    ['mirror top-bottom', (s) => s.flip(), 'flipX'],
    ['rotate 90° clockwise', (s) => s.rotate(90), 'rotate90'],
    ['rotate 180°', (s) => s.rotate(180), 'rotate180'],
    ['rotate 90° counter-clockwise', (s) => s.rotate(270), 'rotate270'],
    ['rotate 90° clockwise + mirror', (s) => s.rotate(90).flop(), 'flipMinus1'],
    ['rotate 90° counter-clockwise + mirror', (s) => s.rotate(270).flop(), 'flipPlus1'],
  ];

  it.each(transforms)('%s: the candidate variant equals the work hash', async (_name, transform, variant) => {
    const png = await scenePng(11);
    const work = pdqHash(await decodeImage(png));
    const candidate = await decodeImage(await transform(sharp(png)).png().toBuffer());
    const variants = pdqVariants(candidate);
    const distances = Object.fromEntries(variants.map((v) => [v.variant, hammingDistance(v.hash.bits, work.bits)]));
    // The reference's sampling is not exactly mirror-symmetric, hence a few bits even for exact transforms.
    expect(distances[variant]).toBeLessThanOrEqual(20);
    for (const [other, d] of Object.entries(distances)) if (other !== variant) expect(d, other).toBeGreaterThan(60);
  });
});
