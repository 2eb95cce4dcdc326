import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, ConfigError } from '../core/config/config.ts';
import { RegistryFingerprinter } from '../fingerprints/registry/registry.fingerprint.ts';
import { RegistryService } from '../fingerprints/registry/registry.service.ts';
import type { RegistryActor } from '../fingerprints/registry/registry.types.ts';
import { ListingOcr } from './listing.ocr.ts';
import { MatchService } from './match.service.ts';
import { addListing, createStageTestContext } from './matcher.fixture.ts';
import { labelledPhoto, plainPhoto } from './ocr.fixture.ts';

const officer: RegistryActor = { userId: null, role: 'officer', ownerId: null, label: 'test' };

describe('OCR of listing images in the matcher (PGlite; OCR is the same on both databases)', () => {
  let env: Awaited<ReturnType<typeof createStageTestContext>>;
  let ocr: ListingOcr;
  let markId: number;
  let labelled: Buffer;

  beforeAll(async () => {
    env = await createStageTestContext('pglite');
    const mark = await new RegistryService(env.ctx).createMark(officer, { name: 'Gốm Phù Lãng', kind: 'collective', owner: 'HTX Phù Lãng' });
    markId = mark.id;
    await new RegistryFingerprinter(env.ctx).run({ type: 'mark', id: mark.id });
    labelled = await labelledPhoto('Gốm Phù Lãng');
    ocr = new ListingOcr();
  }, 60_000);
  afterAll(async () => {
    await ocr?.close();
    await env?.close();
  });

  it('finds a word mark printed on a product photo, naming the OCR field, and caches by image content', async () => {
    const service = new MatchService(env.ctx, undefined, ocr);
    const listing = await addListing(env.ctx, {
      url: 'https://shop.example/binh', title: 'Bình hoa men nâu cao cấp', description: 'Hàng thủ công, giao toàn quốc', images: [{ bytes: labelled }],
    });
    const started = performance.now();
    const result = await service.matchListing(listing.id, 'test-worker');
    console.info(`listing with one labelled photo matched with OCR in ${(performance.now() - started).toFixed(0)} ms`);
    const finding = result.findings.find((f) => f.markId === markId);
    expect(finding).toBeDefined();
    const signal = finding!.signals.find((s) => s.spans?.some((span) => span.field === 'image 1 (OCR)'));
    expect(signal?.explanation).toContain('image 1 (OCR)');
    expect(signal?.spans?.[0]?.field).toBe('image 1 (OCR)');
    expect(ocr.stats.recognized).toBe(1);

    // The same photo in another listing is read from the cache, not OCR'd again.
    const repost = await addListing(env.ctx, { url: 'https://shop2.example/binh', title: 'Bình cắm hoa', images: [{ bytes: labelled }] });
    const again = await service.matchListing(repost.id, 'test-worker');
    expect(again.findings.some((f) => f.markId === markId)).toBe(true);
    expect(ocr.stats).toMatchObject({ recognized: 1, cached: 1 });
  }, 120_000);

  it('does not OCR an image the text detector finds no text in', async () => {
    const service = new MatchService(env.ctx, undefined, ocr);
    const before = { ...ocr.stats };
    const listing = await addListing(env.ctx, { url: 'https://shop.example/tron', title: 'Bình hoa men nâu', images: [{ bytes: await plainPhoto() }] });
    const result = await service.matchListing(listing.id, 'test-worker');
    expect(result.findings).toEqual([]);
    expect(ocr.stats.detected).toBe(before.detected + 1);
    expect(ocr.stats.recognized).toBe(before.recognized);
  }, 60_000);

  it('with OCR off (IPWATCH_OCR=off: no ListingOcr) the printed mark is not found', async () => {
    const service = new MatchService(env.ctx);
    const listing = await addListing(env.ctx, { url: 'https://shop.example/binh-off', title: 'Bình hoa men nâu cao cấp', images: [{ bytes: labelled }] });
    const result = await service.matchListing(listing.id, 'test-worker');
    expect(result.findings).toEqual([]);
  }, 60_000);

  it('turns unreadable, oversized and timed-out images into notes, never a failure', async () => {
    const strict = new ListingOcr({ maxPixels: 100_000, timeoutMs: 1 });
    try {
      const out = await strict.read([
        { position: 0, bytes: Buffer.from('not an image') },
        { position: 1, bytes: labelled },
        { position: 2, bytes: await sharp(labelled).resize(200).toBuffer() },
      ]);
      expect(out.fields).toEqual([]);
      expect(out.notes[0]).toMatch(/^image 1 not OCR'd/);
      expect(out.notes[1]).toMatch(/^image 2 not OCR'd: 800×600 is over 100000 pixels/);
      expect(out.notes[2]).toMatch(/^image 3 not OCR'd: timed out after 1 ms/);
    } finally {
      await strict.close();
    }
  }, 60_000);

  it('reads IPWATCH_OCR as on (default) or off, and refuses anything else', () => {
    expect(parseConfig({}).ocr).toBe(true);
    expect(parseConfig({ IPWATCH_OCR: 'off' }).ocr).toBe(false);
    expect(() => parseConfig({ IPWATCH_OCR: 'maybe' })).toThrow(ConfigError);
  });
});
