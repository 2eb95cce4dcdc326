import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { NotFoundError } from '../core/errors/errors.ts';
import { FingerprintService } from '../fingerprints/fingerprint.service.ts';
import { productCard, scenePng } from '../fingerprints/image/synthetic.fixture.ts';
import type { Work } from '../fingerprints/fingerprints.schema.ts';
import { databaseKinds } from '../test/helpers/databases.ts';
import { FindingRepository } from './finding.repository.ts';
import { MatchService } from './match.service.ts';
import { addListing, createStageTestContext, FIXTURE_POEM, watermarkedCopy } from './matcher.fixture.ts';

describe.each(databaseKinds())('MatchService on %s', (kind) => {
  let env: Awaited<ReturnType<typeof createStageTestContext>>;
  let service: MatchService;
  let findings: FindingRepository;
  let painting: Work;
  let poem: Work;
  let paintingPng: Buffer;
  let otherPng: Buffer;

  beforeAll(async () => {
    env = await createStageTestContext(kind);
    const registry = new FingerprintService(env.ctx);
    paintingPng = await scenePng(11);
    otherPng = await scenePng(23);
    painting = (await registry.registerWork({
      title: 'Tranh Đám cưới chuột', type: 'fine_art', authors: [], owners: ['Làng tranh Đông Hồ'], certificateNo: '201/2026/QTG',
      keywords: ['Đông Hồ'], images: [{ name: 'painting.png', bytes: paintingPng }],
    })).work;
    poem = (await registry.registerWork({
      title: 'Bến sông làng tranh', type: 'literary', authors: ['Trần Văn E'], owners: ['Trần Văn E'], text: FIXTURE_POEM, images: [],
    })).work;
    await registry.registerWork({
      title: 'Phong cảnh ao làng', type: 'photo', authors: [], owners: ['Lê F'], images: [{ name: 'other.png', bytes: otherPng }],
    });
    service = new MatchService(env.ctx);
    findings = new FindingRepository(env.ctx.db);
  });
  afterAll(() => env.close());

  it('finds a resized, re-encoded, watermarked copy and explains the image signal', async () => {
    const listing = await addListing(env.ctx, {
      url: 'https://shop.example/p/1', title: 'Tranh treo tường trang trí phòng khách', images: [{ bytes: await watermarkedCopy(paintingPng) }],
    });
    const result = await service.matchListing(listing.id, 'test-worker');
    expect(result.findings.map((f) => f.workId)).toEqual([painting.id]);
    const finding = result.findings[0]!;
    expect(finding.score).toBeGreaterThanOrEqual(0.6);
    const signal = finding.signals.find((s) => s.kind === 'image' && s.matched)!;
    expect(signal).toMatchObject({ algorithm: expect.any(String), listingImageId: expect.any(Number), assetId: expect.any(Number) });
    expect(signal.distance!).toBeLessThanOrEqual(signal.threshold!);
    expect(signal.explanation).toMatch(/listing image 1, candidate \S+ .* vs work \S+/);
    expect(signal.workRegion).toBeDefined();
    // The listing region is in the stored image's pixels (384×288 after the 60 % resize).
    expect(signal.listingRegion!.w).toBeLessThanOrEqual(384);
    expect(signal.evidence).toBeGreaterThan(0.5);
  });

  it('finds the picture placed on a white product card with a price', async () => {
    const card = await sharp(await productCard(paintingPng)).jpeg({ quality: 80 }).toBuffer();
    const listing = await addListing(env.ctx, { url: 'https://shop.example/p/card', title: 'Tranh dân gian khổ lớn', images: [{ bytes: card }] });
    const result = await service.matchListing(listing.id, 'test-worker');
    expect(result.findings.map((f) => f.workId)).toEqual([painting.id]);
  });

  it('finds an off-centre crop the hashes miss, by ORB local features, and says which region it shows', async () => {
    // 80 % of the painting from 13 % / 12 %, resized, brightened, re-encoded: PDQ's regions miss it.
    const crop = await sharp(paintingPng).extract({ left: 83, top: 58, width: 512, height: 384 })
      .resize(400).modulate({ brightness: 1.15 }).jpeg({ quality: 70 }).toBuffer();
    const listing = await addListing(env.ctx, { url: 'https://shop.example/p/crop', title: 'Tranh treo tường', images: [{ bytes: crop }] });
    const result = await service.matchListing(listing.id, 'test-worker');
    expect(result.findings.map((f) => f.workId)).toEqual([painting.id]);
    const orb = result.findings[0]!.signals.find((s) => s.algorithm === 'orb')!;
    expect(orb).toMatchObject({ kind: 'image', matched: true, listingImageId: expect.any(Number), assetId: expect.any(Number) });
    expect(orb.distance!).toBeGreaterThanOrEqual(orb.threshold!);
    expect(orb.evidence).toBeGreaterThanOrEqual(0.6);
    expect(orb.explanation).toMatch(/^listing image 1, \d+ keypoints, \d+ inliers after RANSAC; the listing shows the work's region \d+,\d+,\d+,\d+$/);
    // In the registered image's own pixels (640×480): starts near 83,58 and spans about 512×384.
    expect(orb.workRegion!.x).toBeCloseTo(83, -1);
    expect(orb.workRegion!.w).toBeCloseTo(512, -1.5);
  });

  it('finds copied text and quotes the spans from the listing', async () => {
    const lines = FIXTURE_POEM.split('\n');
    const listing = await addListing(env.ctx, {
      url: 'https://blog.example/bai-tho',
      title: 'Thơ hay về làng quê',
      description: `Sưu tầm trên mạng:\n${lines.slice(0, 6).join('\n')}\nMời các bạn đọc thêm.`,
    });
    const result = await service.matchListing(listing.id, 'test-worker');
    expect(result.findings.map((f) => f.workId)).toEqual([poem.id]);
    const signal = result.findings[0]!.signals.find((s) => s.algorithm === 'text-shingles')!;
    expect(signal.matched).toBe(true);
    const span = signal.spans![0]!;
    expect(span).toMatchObject({ field: 'description', text: lines.slice(0, 6).join('\n') });
    // Offsets point into the listing's own text, so the page can highlight exactly what was copied.
    expect(listing.description!.slice(span.start, span.end)).toBe(span.text);
  });

  it('writes no finding for an unrelated listing', async () => {
    const listing = await addListing(env.ctx, {
      url: 'https://shop.example/p/unrelated',
      title: 'Bình gốm men lam vẽ tay',
      description: 'Bình gốm cao 30 cm, bền màu, giao hàng toàn quốc. Tết này trưng bình gốm trong phòng khách.',
      images: [{ bytes: await sharp(await scenePng(99)).jpeg().toBuffer() }],
    });
    const result = await service.matchListing(listing.id, 'test-worker');
    expect(result.findings).toEqual([]);
    expect(await findings.list({ listingId: listing.id })).toEqual([]);
  });

  it('matches a listing once: the second call is already-matched and writes nothing', async () => {
    const listing = await addListing(env.ctx, { url: 'https://shop.example/p/twice', title: 'Tranh Đông Hồ', images: [{ bytes: await watermarkedCopy(paintingPng) }] });
    const first = await service.matchListing(listing.id, 'worker-a');
    const second = await service.matchListing(listing.id, 'worker-b');
    expect(first.findings).toHaveLength(1);
    expect(second).toEqual({ findings: [], skipped: 'already-matched' });
    expect(await findings.list({ listingId: listing.id })).toHaveLength(1);
  });

  it('matches on text when an image is corrupt or failed to download, without failing the listing', async () => {
    const good = await sharp(await scenePng(11)).jpeg().toBuffer();
    const listing = await addListing(env.ctx, {
      url: 'https://shop.example/p/corrupt',
      title: 'Tranh thơ treo tường',
      description: FIXTURE_POEM.split('\n').slice(2, 8).join(' / '),
      images: [{ bytes: good.subarray(0, 400) }, { error: 'HTTP 404' }, { bytes: Buffer.from('<html>not an image</html>') }],
    });
    const result = await service.matchListing(listing.id, 'test-worker');
    expect(result.findings.map((f) => f.workId)).toEqual([poem.id]);
    expect(result.notes).toHaveLength(3);
    expect(result.notes![0]).toMatch(/image 1 .* skipped: truncated or corrupt image/);
    expect(result.notes![1]).toMatch(/image 2 .* skipped: HTTP 404/);
    expect(result.notes![2]).toMatch(/image 3 .* skipped: not an image/);
  });

  it('gives the claim back when matching fails, so a retry can run', async () => {
    const listing = await addListing(env.ctx, { url: 'https://shop.example/p/missing-blob', title: 'x', images: [{ bytes: otherPng }] });
    const broken = new MatchService({ ...env.ctx, blobs: { read: async () => { throw new Error('disk gone'); } } as never });
    await expect(broken.matchListing(listing.id, 'w')).rejects.toThrow('disk gone');
    const retry = await service.matchListing(listing.id, 'w');
    expect(retry.skipped).toBeUndefined();
    await expect(service.matchListing(987_654, 'w')).rejects.toBeInstanceOf(NotFoundError);
  });
});
