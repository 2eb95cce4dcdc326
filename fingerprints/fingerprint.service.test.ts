import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ExternalInputError, NotFoundError, ValidationError } from '../core/errors/errors.ts';
import { databaseKinds } from '../test/helpers/databases.ts';
import { FingerprintService, scaleBox } from './fingerprint.service.ts';
import { createStageTestContext } from './fingerprint.service.fixture.ts';
import { imageHashPlugins } from './hash/registry.ts';
import { scenePng } from './image/synthetic.fixture.ts';
import { WorkRepository } from './work.repository.ts';

describe('scaleBox', () => {
  it('maps a box from decoded to original pixels', () => {
    expect(scaleBox({ x: 10, y: 20, w: 100, h: 50 }, { width: 1024, height: 512 }, { width: 2048, height: 1024 })).toEqual({ x: 20, y: 40, w: 200, h: 100 });
  });
});

describe.each(databaseKinds())('FingerprintService on %s', (kind) => {
  let env: Awaited<ReturnType<typeof createStageTestContext>>;
  let service: FingerprintService;
  let works: WorkRepository;
  let image: Buffer;

  beforeAll(async () => {
    env = await createStageTestContext(kind);
    service = new FingerprintService(env.ctx);
    works = new WorkRepository(env.ctx.db);
    // Larger than the hashing decode size, so stored boxes must be scaled back to the original.
    image = await sharp(await scenePng(7, 1600, 1200)).jpeg({ quality: 90 }).toBuffer();
  });
  afterAll(() => env.close());

  it('registers a work with its image, its text asset and a fingerprint per plugin and region', async () => {
    const { work, created } = await service.registerWork({
      title: 'Tranh Đám cưới chuột',
      type: 'fine_art',
      authors: ['Nghệ nhân A'],
      owners: ['Làng tranh Đông Hồ', 'Hợp tác xã B'],
      certificateNo: '101/2026/QTG',
      text: 'Chuột rước dâu kèn trống rộn ràng',
      keywords: ['Đông Hồ'],
      images: [{ name: 'dam-cuoi-chuot.jpg', bytes: image }],
    });
    expect(created).toBe(true);
    const assets = await works.assetsOf(work.id);
    expect(assets.map((a) => a.kind).sort()).toEqual(['image', 'text']);
    const imageAsset = assets.find((a) => a.kind === 'image')!;
    expect(imageAsset).toMatchObject({ width: 1600, height: 1200, mime: 'image/jpeg', originalName: 'dam-cuoi-chuot.jpg' });
    expect((await env.ctx.blobs.read(imageAsset.blobKey!)).equals(image)).toBe(true);

    const fingerprints = await works.activeFingerprints();
    // Every hash plugin, plus one row of ORB local features per registered image.
    expect(new Set(fingerprints.map((f) => f.algorithm))).toEqual(new Set([...Object.keys(imageHashPlugins), 'orb']));
    const orb = fingerprints.filter((f) => f.algorithm === 'orb');
    expect(orb.map((f) => [f.region, f.box])).toEqual([['full', { x: 0, y: 0, w: 1600, h: 1200 }]]);
    const pdq = fingerprints.filter((f) => f.algorithm === 'pdq');
    expect(pdq.map((f) => f.region)).toContain('full');
    expect(pdq.map((f) => f.region)).toContain('center-60');
    expect(pdq.every((f) => /^[0-9a-f]{64}$/.test(f.value) && f.quality !== null)).toBe(true);
    expect(pdq.find((f) => f.region === 'full')!.box).toEqual({ x: 0, y: 0, w: 1600, h: 1200 });
  });

  it('is idempotent by certificate number, and by title + first owner without one', async () => {
    const before = (await works.activeFingerprints()).length;
    const again = await service.registerWork({
      title: 'Another title', type: 'fine_art', authors: [], owners: ['Someone'], certificateNo: '101/2026/QTG', images: [{ name: 'x.jpg', bytes: image }],
    });
    expect(again.created).toBe(false);
    expect(again.work.title).toBe('Tranh Đám cưới chuột');

    const input = { title: 'Bài thơ làng tranh', type: 'literary' as const, authors: ['C'], owners: ['Nguyễn Thị C'], text: 'Làng tranh bên bến sông Đuống', images: [] };
    const first = await service.registerWork(input);
    const second = await service.registerWork({ ...input, text: 'changed' });
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.work.id).toBe(first.work.id);
    expect(second.work.text).toBe('Làng tranh bên bến sông Đuống');
    expect(await works.list({ limit: 10 })).toHaveLength(2);
    expect((await works.activeFingerprints()).length).toBe(before);
  });

  it('refuses an unreadable image before writing anything, and bad input', async () => {
    const count = (await works.list()).length;
    await expect(
      service.registerWork({ title: 'Broken', type: 'photo', authors: [], owners: ['D'], images: [{ name: 'broken.jpg', bytes: image.subarray(0, 300) }] }),
    ).rejects.toBeInstanceOf(ExternalInputError);
    await expect(service.registerWork({ title: ' ', type: 'photo', authors: [], owners: ['D'], images: [] })).rejects.toBeInstanceOf(ValidationError);
    await expect(service.registerWork({ title: 'T', type: 'photo', authors: [], owners: [], images: [] })).rejects.toBeInstanceOf(ValidationError);
    await expect(service.registerWork({ title: 'T', type: 'poster' as never, authors: [], owners: ['D'], images: [] })).rejects.toBeInstanceOf(ValidationError);
    expect((await works.list()).length).toBe(count);
  });

  it('recomputes the same fingerprints for a work', async () => {
    const work = (await works.findByCertificate('101/2026/QTG'))!;
    const before = (await works.activeFingerprints()).filter((f) => f.workId === work.id).map((f) => `${f.algorithm}:${f.region}:${f.value}`).sort();
    const result = await service.fingerprintWork(work.id);
    const after = (await works.activeFingerprints()).filter((f) => f.workId === work.id).map((f) => `${f.algorithm}:${f.region}:${f.value}`).sort();
    expect(result).toEqual({ assets: 1, fingerprints: before.length });
    expect(after).toEqual(before);
    await expect(service.fingerprintWork(999_999)).rejects.toBeInstanceOf(NotFoundError);
  });
});
