import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../image/image.decode.ts';
import { scenePng } from '../image/synthetic.fixture.ts';
import type { ImageHashPlugin } from './hash-plugin.ts';
import { phash64Plugin } from './phash64.plugin.ts';
import { pdqPlugin } from './pdq.plugin.ts';
import { compareImageHashes, hashCandidateImage, hashRegisteredImage } from './registry.ts';

/** Edits that keep a copy recognisable must keep the whole-image hash under the plugin's threshold. */
const watermark = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><text x="420" y="455" font-size="26" font-family="sans-serif" fill="white" fill-opacity="0.7">shop-copy.vn</text></svg>`,
);
const edits: [string, (png: Buffer) => Promise<Buffer>][] = [
  ['resize 50 %', (png) => sharp(png).resize(320, 240).png().toBuffer()],
  ['JPEG quality 30', (png) => sharp(png).jpeg({ quality: 30 }).toBuffer()],
  ['grayscale', (png) => sharp(png).greyscale().png().toBuffer()],
  ['small watermark', (png) => sharp(png).composite([{ input: watermark }]).png().toBuffer()],
  ['brightness +15 %', (png) => sharp(png).modulate({ brightness: 1.15 }).png().toBuffer()],
  ['blur σ=1.5', (png) => sharp(png).blur(1.5).png().toBuffer()],
];

const plugins: ImageHashPlugin[] = [pdqPlugin, phash64Plugin];
const seeds = [21, 22, 23, 24, 25];
const originals = new Map<number, Buffer>();
const distinct: Awaited<ReturnType<typeof decodeImage>>[] = [];

beforeAll(async () => {
  for (const seed of seeds) originals.set(seed, await scenePng(seed));
  for (let seed = 100; seed < 130; seed++) distinct.push(await decodeImage(await scenePng(seed)));
});

describe.each(plugins)('$name', (plugin) => {
  it.each(edits)('finds the copy after %s', async (name, edit) => {
    for (const seed of seeds) {
      const png = originals.get(seed)!;
      const work = await decodeImage(png);
      const copy = await decodeImage(await edit(png));
      const a = plugin.compute(work);
      const b = plugin.compute(copy);
      expect(b.quality).toBeGreaterThanOrEqual(plugin.minQuality);
      const match = compareImageHashes(plugin, hashCandidateImage(copy, plugin), hashRegisteredImage(work, plugin))!;
      expect(match.matched, `seed ${seed}: ${match.explanation}`).toBe(true);
      // Whole image against whole image too, except grayscale: the fixtures' saturated colours move
      // luma a lot, which the registered grey hash is there to catch (real photos move 0–10 bits).
      if (name !== 'grayscale') {
        const comparison = plugin.compare(a.bits, b.bits);
        expect(comparison.matched, `seed ${seed}: ${comparison.explanation}`).toBe(true);
      }
    }
  });

  it('keeps distinct pictures far over the threshold', () => {
    const hashes = [];
    for (const image of distinct) hashes.push(plugin.compute(image).bits);
    let min = Infinity;
    for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) min = Math.min(min, plugin.distance(hashes[i]!, hashes[j]!));
    expect(min).toBeGreaterThan(plugin.threshold * 1.5);
  });

  it('explains every comparison with a distance, never a bare boolean', () => {
    const zero = new Uint8Array(plugin.bits / 8);
    const one = zero.slice();
    one[0] = 0b111;
    const c = plugin.compare(zero, one);
    expect(c).toMatchObject({ distance: 3, threshold: plugin.threshold, matched: true });
    expect(c.score).toBeCloseTo(1 - 3 / (plugin.bits / 2));
    expect(c.explanation).toContain(`3/${plugin.bits} bits differ`);
  });
});
