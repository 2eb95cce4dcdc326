import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bitsToHex } from '../fingerprints/hash/hash-plugin.ts';
import { hashRegisteredImage, imageHashPlugins } from '../fingerprints/hash/registry.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../fingerprints/image/image.decode.ts';
import { scenePng } from '../fingerprints/image/synthetic.fixture.ts';
import type { Fingerprint } from '../fingerprints/fingerprints.schema.ts';
import { prepareMatchText } from '../fingerprints/text/text-similarity.ts';
import type { WorkRepository } from '../fingerprints/work.repository.ts';
import { loadOpenCv } from '../fingerprints/features/opencv.ts';
import { imageSignals } from './image.signals.ts';
import { hashListingImage, matchCandidate } from './match.candidates.ts';
import { MatchIndex, MatchSnapshot, toIndexedFingerprint, type IndexedFingerprint } from './match.index.ts';
import { FIXTURE_POEM, watermarkedCopy } from './matcher.fixture.ts';

let nextId = 1;
async function registered(png: Buffer, workId: number, assetId: number): Promise<IndexedFingerprint[]> {
  const image = await decodeImage(png, { maxSide: HASH_DECODE_MAX_SIDE });
  return Object.values(imageHashPlugins).flatMap((plugin) =>
    hashRegisteredImage(image, plugin).map((h) => ({
      id: nextId++, workId, assetId, algorithm: plugin.name, region: h.region, box: h.box ?? null, quality: h.hash.quality, bits: h.hash.bits,
    })),
  );
}

async function listingImage(bytes: Buffer, id: number) {
  return hashListingImage(await decodeImage(bytes, { maxSide: HASH_DECODE_MAX_SIDE }), id, id - 1);
}

describe('matching a listing against a snapshot (no database)', () => {
  let snapshot: MatchSnapshot;
  let paintingPng: Buffer;

  beforeAll(async () => {
    await loadOpenCv();
    paintingPng = await scenePng(41);
    const fingerprints = [
      ...(await registered(paintingPng, 1, 10)),
      ...(await registered(await scenePng(42), 2, 20)),
      // A second image of work 1 that the listing does not show.
      ...(await registered(await scenePng(43), 1, 11)),
    ];
    snapshot = new MatchSnapshot(fingerprints, [
      { id: 1, title: 'Tranh Đám cưới chuột', keywords: ['Đông Hồ'], text: undefined },
      { id: 2, title: 'Phong cảnh', keywords: [], text: undefined },
      { id: 3, title: 'Bến sông làng tranh', keywords: [], text: prepareMatchText(FIXTURE_POEM) },
    ], 0);
  });

  it('indexes image hashes only, by plugin and by asset', () => {
    const row = { id: 1, assetId: 1, workId: 1, markId: null, algorithm: 'text-shingles', region: 'full', value: 'ab', quality: null, box: null, computedAt: new Date() } satisfies Fingerprint;
    expect(toIndexedFingerprint(row)).toBeUndefined();
    expect(toIndexedFingerprint({ ...row, algorithm: 'phash64', value: bitsToHex(new Uint8Array(8)) })?.bits).toHaveLength(8);
    const pdq = snapshot.assetFingerprints(10, 'pdq');
    expect(pdq.map((f) => f.region)).toContain('full');
    expect(snapshot.query('pdq', pdq[0]!.bits, 0).map((h) => h.fingerprint.assetId)).toEqual([10]);
    expect(snapshot.query('no-such-plugin', pdq[0]!.bits, 256)).toEqual([]);
  });

  it('gives one image signal per work, listing image and plugin, from the registered image shown', async () => {
    const hashes = await listingImage(await watermarkedCopy(paintingPng), 7);
    const byWork = imageSignals(snapshot, hashes);
    expect([...byWork.keys()]).toEqual([1]);
    const signals = byWork.get(1)!;
    expect(signals.map((s) => s.algorithm).sort()).toEqual(Object.keys(imageHashPlugins).sort());
    expect(signals.every((s) => s.assetId === 10 && s.listingImageId === 7 && s.matched)).toBe(true);
  });

  it('drops flat images: their hashes are not evidence', async () => {
    const blank = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#f4f4f4' } }).jpeg().toBuffer();
    expect(imageSignals(snapshot, await listingImage(blank, 8)).size).toBe(0);
  });

  it('combines text and image signals into candidates, best first, with unreported ones marked', async () => {
    const images = await listingImage(await watermarkedCopy(paintingPng), 9);
    const candidates = matchCandidate(snapshot, { title: 'Tranh dong ho dam cuoi chuot', description: FIXTURE_POEM }, images);
    expect(candidates.filter((c) => c.reported).map((c) => c.workId).sort()).toEqual([1, 3]);
    const painting = candidates.find((c) => c.workId === 1)!;
    expect(painting.signals.map((s) => s.algorithm)).toEqual(expect.arrayContaining(['pdq', 'title-words', 'keywords']));
    expect(painting.explanation).toMatch(/^image [01]\.\d+ \+ title-words 0\.\d+ \+ keywords 0\.20 → /);
    expect(candidates.map((c) => c.score)).toEqual([...candidates.map((c) => c.score)].sort((a, b) => b - a));

    const unrelated = matchCandidate(snapshot, { title: 'Bình gốm men lam', description: null }, []);
    expect(unrelated.filter((c) => c.reported)).toEqual([]);
  });
});

describe('MatchIndex', () => {
  function fakeWorks() {
    const calls = { loads: 0 };
    const works = {
      activeFingerprints: async () => {
        calls.loads += 1;
        return [];
      },
      activeWorkTexts: async () => [{ id: 1, title: 'T', text: 'một hai ba bốn', keywords: [] }],
    } as unknown as WorkRepository;
    return { works, calls };
  }

  it('loads once for concurrent callers, and reloads when invalidated or too old', async () => {
    const { works, calls } = fakeWorks();
    let now = 0;
    const index = new MatchIndex(works, { maxAgeMs: 1000, clock: () => now });
    const [a, b] = await Promise.all([index.current(), index.current()]);
    expect(a).toBe(b);
    expect(calls.loads).toBe(1);
    expect(a.works[0]!.text?.words.length).toBe(4);
    now = 500;
    expect(await index.current()).toBe(a);
    index.invalidate();
    const c = await index.current();
    expect(c).not.toBe(a);
    now = 2000;
    await index.current();
    expect(calls.loads).toBe(3);
  });

  it('retries a failed load on the next call', async () => {
    let fail = true;
    const works = {
      activeFingerprints: async () => {
        if (fail) throw new Error('db down');
        return [];
      },
      activeWorkTexts: async () => [],
    } as unknown as WorkRepository;
    const index = new MatchIndex(works);
    await expect(index.current()).rejects.toThrow('db down');
    fail = false;
    await expect(index.current()).resolves.toBeInstanceOf(MatchSnapshot);
  });
});
