import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../image/image.decode.ts';
import { productCard, scenePng } from '../image/synthetic.fixture.ts';
import { bitsToHex } from './hash-plugin.ts';
import { candidateRegions, describeRegion, registeredRegions } from './regions.ts';
import {
  compareImageHashes,
  defaultImagePlugin,
  getImageHashPlugin,
  hashCandidateImage,
  hashRegisteredImage,
  imageHashPlugins,
  lowInformationCheck,
  type RegionHash,
} from './registry.ts';

const workSeeds = [51, 52, 53, 54];
const works = new Map<number, { png: Buffer; hashes: RegionHash[] }>();

beforeAll(async () => {
  for (const seed of workSeeds) {
    const png = await scenePng(seed);
    works.set(seed, { png, hashes: hashRegisteredImage(await decodeImage(png)) });
  }
});

async function candidate(bytes: Buffer): Promise<RegionHash[]> {
  return hashCandidateImage(await decodeImage(bytes));
}

describe('plugin registry', () => {
  it('names PDQ the default and knows pHash', () => {
    expect(defaultImagePlugin.name).toBe('pdq');
    expect(Object.keys(imageHashPlugins).sort()).toEqual(['pdq', 'phash64']);
    expect(getImageHashPlugin('phash64').bits).toBe(64);
    expect(() => getImageHashPlugin('md5')).toThrow(/unknown image hash plugin/);
  });
});

describe('regions', () => {
  it('registers full, crops and a grey copy; a candidate only full/trimmed/content', async () => {
    const img = await decodeImage(works.get(51)!.png);
    const names = registeredRegions(img).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['full', 'center-80', 'center-60', 'top-left-70', 'bottom-right-60']));
    expect(works.get(51)!.hashes.some((h) => h.region.endsWith('-grey'))).toBe(true);
    expect(candidateRegions(img).map((r) => r.name)).toEqual(['full']);
    const card = await decodeImage(await productCard(works.get(51)!.png));
    expect(candidateRegions(card).map((r) => r.name)).toEqual(['full', 'trimmed', 'content']);
    expect(describeRegion('content-top-left-60')).toBe('the main picture, top-left 60 % crop');
    expect(describeRegion('full-grey')).toBe('the whole image, in grayscale');
  });
});

describe('compareImageHashes finds copies and says how', () => {
  const cases: [string, (png: Buffer) => Promise<Buffer>, { candidateRegion?: string; workRegion?: string; variant?: string }][] = [
    ['on a white product card with price text', (png) => productCard(png), { candidateRegion: 'content', workRegion: 'full', variant: 'original' }],
    ['mirrored', (png) => sharp(png).flop().png().toBuffer(), { variant: 'flipY' }],
    ['mirrored on a product card', async (png) => productCard(await sharp(png).flop().png().toBuffer()), { candidateRegion: 'content', variant: 'flipY' }],
    ['rotated 90°', (png) => sharp(png).rotate(90).jpeg({ quality: 80 }).toBuffer(), { variant: 'rotate90' }],
    ['centre-cropped to 60 %', (png) => sharp(png).extract({ left: 128, top: 96, width: 384, height: 288 }).png().toBuffer(), { workRegion: 'center-60' }],
    ['centre-cropped to 80 % and re-compressed', (png) => sharp(png).extract({ left: 64, top: 48, width: 512, height: 384 }).jpeg({ quality: 50 }).toBuffer(), { workRegion: 'center-80' }],
    ['cut to its bottom-right 70 %', (png) => sharp(png).extract({ left: 192, top: 144, width: 448, height: 336 }).png().toBuffer(), { workRegion: 'bottom-right-70' }],
    ['framed by a coloured border', (png) => sharp(png).extend({ top: 30, bottom: 30, left: 30, right: 30, background: '#b01010' }).jpeg({ quality: 60 }).toBuffer(), { candidateRegion: 'trimmed' }],
  ];

  it.each(cases)('%s', async (_name, edit, expected) => {
    for (const seed of workSeeds) {
      const work = works.get(seed)!;
      const match = compareImageHashes('pdq', await candidate(await edit(work.png)), work.hashes)!;
      expect(match.matched, `seed ${seed}: ${match.explanation}`).toBe(true);
      expect(match.trusted).toBe(true);
      expect(match).toMatchObject(expected);
      expect(match.explanation).toContain(`candidate ${match.candidateRegion}`);
      expect(match.explanation).toContain(`work ${match.workRegion}`);
    }
  });

  it('does not match different pictures, whatever region or orientation', async () => {
    for (let seed = 60; seed < 70; seed++) {
      const other = await candidate(await productCard(await scenePng(seed)));
      for (const work of works.values()) {
        const match = compareImageHashes('pdq', other, work.hashes)!;
        expect(match.matched, match.explanation).toBe(false);
        expect(match.distance).toBeGreaterThan(60);
      }
    }
  });

  it('never trusts near-blank images, even when their hashes agree', async () => {
    const blank = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#fafafa' } }).png().toBuffer();
    const gradient = await sharp(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#eee"/></linearGradient></defs><rect width="300" height="300" fill="url(#g)"/></svg>'),
    )
      .png()
      .toBuffer();
    for (const bytes of [blank, gradient]) {
      const hashes = hashRegisteredImage(await decodeImage(bytes));
      const match = compareImageHashes('pdq', await candidate(bytes), hashes)!;
      expect(match.trusted).toBe(false);
      expect(match.matched).toBe(false);
      expect(match.explanation).toMatch(/not trusted: quality \d+ < 50/);
    }
  });

  it('prefers the plain orientation and the whole image when distances tie', () => {
    const hash = { bits: new Uint8Array(32).fill(0x5a), quality: 100 };
    const match = compareImageHashes(
      'pdq',
      [
        { region: 'full', variant: 'rotate90', hash },
        { region: 'full', variant: 'original', hash },
      ],
      [
        { region: 'center-80', hash },
        { region: 'full', hash },
      ],
    )!;
    expect(match).toMatchObject({ distance: 0, variant: 'original', candidateRegion: 'full', workRegion: 'full', score: 1 });
    expect(bitsToHex(hash.bits)).toHaveLength(64);
  });

  it('works with pHash too (no variants: one hash per region)', async () => {
    const work = await decodeImage(works.get(52)!.png);
    const copy = await decodeImage(await productCard(works.get(52)!.png));
    const plugin = getImageHashPlugin('phash64');
    const candidateHashes = hashCandidateImage(copy, plugin);
    expect(candidateHashes.every((h) => h.variant === 'original')).toBe(true);
    const match = compareImageHashes(plugin, candidateHashes, hashRegisteredImage(work, plugin))!;
    expect(match.matched, match.explanation).toBe(true);
    expect(match.plugin).toBe('phash64');
  });
});

describe('lowInformationCheck', () => {
  const hash = (fill: number, quality: number): RegionHash => ({ region: 'full', hash: { bits: new Uint8Array(32).fill(fill), quality } });

  it('leaves pairs with a trusted PDQ hash on both sides alone', () => {
    expect(lowInformationCheck([hash(0, 80)], [hash(0xff, 90)])).toBeUndefined();
  });

  it('asks PDQ bits to agree within the threshold, quality ignored, when either side is under the floor', () => {
    // 0x01 per byte: 32 bits apart, one over PDQ's 31.
    expect(lowInformationCheck([hash(0, 10)], [hash(0x01, 90)])).toMatchObject({ distance: 32, threshold: 31, corroborated: false });
    expect(lowInformationCheck([hash(0, 90), hash(0x01, 10)], [hash(0x03, 20)])).toMatchObject({ distance: 32, corroborated: false });
    expect(lowInformationCheck([hash(0x01, 90), hash(0x03, 10)], [hash(0x03, 20)])).toMatchObject({ distance: 0, corroborated: true });
  });
});
