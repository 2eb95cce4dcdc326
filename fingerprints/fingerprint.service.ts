import { BlobRepository } from '../core/blob/blob.repository.ts';
import type { StageContext } from '../core/context.ts';
import { NotFoundError, ValidationError } from '../core/errors/errors.ts';
import { bitsToHex, type RgbImage } from './hash/hash-plugin.ts';
import { loadOpenCv } from './features/opencv.ts';
import { computeOrbFeatures, ORB_ALGORITHM, REGISTERED_ORB_OPTIONS, serialiseOrbFeatures } from './features/orb.features.ts';
import { hashRegisteredImage, imageHashPlugins } from './hash/registry.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE, type DecodedImage } from './image/image.decode.ts';
import type { Box } from './image/image.pixels.ts';
import { workTypes, type Asset, type NewFingerprint, type Work, type WorkType } from './fingerprints.schema.ts';
import { WorkRepository } from './work.repository.ts';

export interface RegisterWorkInput {
  title: string;
  type: WorkType;
  authors: string[];
  owners: string[];
  certificateNo?: string | undefined;
  certificateDate?: string | undefined;
  description?: string | undefined;
  text?: string | undefined;
  keywords?: string[] | undefined;
  images: { name: string; bytes: Uint8Array }[];
}

const EXTENSIONS: Record<string, string> = { jpeg: 'jpg', tiff: 'tif' };

/** Region boxes are computed on the image decoded for hashing; stored boxes are in the original's pixels. */
export function scaleBox(box: Box, from: { width: number; height: number }, to: { width: number; height: number }): Box {
  const sx = to.width / from.width;
  const sy = to.height / from.height;
  if (sx === 1 && sy === 1) return box;
  return { x: Math.round(box.x * sx), y: Math.round(box.y * sy), w: Math.round(box.w * sx), h: Math.round(box.h * sy) };
}

/**
 * Every image plugin's hashes of every registered region of one image, as fingerprint rows per plugin,
 * plus one 'orb' row of local features (needs loadOpenCv()). The ORB row's box is the whole original
 * image: its keypoints are in decoded pixels, and the box gives the scale back to the asset's own.
 */
export function fingerprintRows(image: DecodedImage | RgbImage, asset: Pick<Asset, 'id' | 'workId'> & { markId?: number | null }, now: Date): Map<string, NewFingerprint[]> {
  const original = 'originalWidth' in image ? { width: image.originalWidth, height: image.originalHeight } : image;
  const byPlugin = new Map<string, NewFingerprint[]>();
  for (const plugin of Object.values(imageHashPlugins)) {
    // Registered images get many regions in one orientation; candidates carry the dihedral variants.
    const rows = hashRegisteredImage(image, plugin).map((h) => ({
      assetId: asset.id,
      workId: asset.workId,
      markId: asset.markId ?? null,
      algorithm: plugin.name,
      region: h.region,
      value: bitsToHex(h.hash.bits),
      quality: h.hash.quality,
      box: h.box ? scaleBox(h.box, image, original) : null,
      computedAt: now,
    }));
    byPlugin.set(plugin.name, rows);
  }
  byPlugin.set(ORB_ALGORITHM, [{
    assetId: asset.id,
    workId: asset.workId,
    markId: asset.markId ?? null,
    algorithm: ORB_ALGORITHM,
    region: 'full',
    value: serialiseOrbFeatures(computeOrbFeatures(image, REGISTERED_ORB_OPTIONS)),
    quality: null,
    box: { x: 0, y: 0, w: original.width, h: original.height },
    computedAt: now,
  }]);
  return byPlugin;
}

/** The registry's write side: works, their images in the blob store, and their fingerprints. */
export class FingerprintService {
  private readonly works: WorkRepository;

  constructor(private readonly ctx: StageContext) {
    this.works = new WorkRepository(ctx.db);
  }

  /**
   * Idempotent: a work is identified by its certificate number, else by title + first owner; when it
   * exists already nothing is written and `created` is false. Images are decoded before anything is
   * stored, so an unreadable image (ExternalInputError) leaves no half-registered work behind.
   */
  async registerWork(input: RegisterWorkInput): Promise<{ work: Work; created: boolean }> {
    const title = input.title.trim();
    const ownerNames = input.owners.map((o) => o.trim()).filter(Boolean);
    const certificateNo = input.certificateNo?.trim() || undefined;
    if (!title) throw new ValidationError('a work needs a title');
    if (!ownerNames.length) throw new ValidationError('a work needs at least one owner');
    if (!(workTypes as readonly string[]).includes(input.type)) {
      throw new ValidationError(`unknown work type: ${input.type}`, { allowed: [...workTypes] });
    }
    const existing = await this.findExisting(title, ownerNames[0]!, certificateNo);
    if (existing) return { work: existing, created: false };

    if (input.images.length) await loadOpenCv();
    const decoded: { name: string; bytes: Uint8Array; image: DecodedImage }[] = [];
    for (const image of input.images) {
      decoded.push({ ...image, image: await this.decode(image.bytes) });
    }
    const ownerIds: number[] = [];
    for (const name of ownerNames) ownerIds.push((await this.works.upsertOwner(name)).id);
    const now = this.ctx.now();
    let work: Work;
    try {
      work = await this.works.create(
        {
          title,
          type: input.type,
          authors: input.authors.map((a) => a.trim()).filter(Boolean),
          certificateNo: certificateNo ?? null,
          certificateDate: input.certificateDate ?? null,
          description: input.description ?? null,
          text: input.text ?? null,
          keywords: (input.keywords ?? []).map((k) => k.trim()).filter(Boolean),
          createdAt: now,
          updatedAt: now,
        },
        ownerIds,
      );
    } catch (error) {
      // Two imports of the same work at once: the loser of the unique index returns the winner's row.
      const raced = await this.findExisting(title, ownerNames[0]!, certificateNo);
      if (raced) return { work: raced, created: false };
      throw error;
    }
    if (input.text?.trim()) {
      await this.works.addAsset({ workId: work.id, kind: 'text', sha256: BlobRepository.sha256(input.text), mime: 'text/plain', createdAt: now });
    }
    let fingerprinted = 0;
    for (const { name, bytes, image } of decoded) {
      const asset = await this.storeImage(work.id, name, bytes, image, now);
      fingerprinted += await this.storeFingerprints(image, asset, now);
    }
    // Fingerprinted here, synchronously: the portal shows it ready like a job-fingerprinted work.
    await this.works.markFingerprinted(work.id, decoded.length, fingerprinted, now);
    return { work, created: true };
  }

  /** Recomputes every image fingerprint of a work (after a hash change, or for a newly added image). */
  async fingerprintWork(workId: number): Promise<{ assets: number; fingerprints: number }> {
    const work = await this.works.get(workId);
    if (!work) throw new NotFoundError(`work ${workId} not found`);
    let count = 0;
    const images = (await this.works.assetsOf(workId)).filter((a) => a.kind === 'image' && a.blobKey);
    if (images.length) await loadOpenCv();
    for (const asset of images) {
      const image = await this.decode(await this.ctx.blobs.read(asset.blobKey!));
      count += await this.storeFingerprints(image, asset, this.ctx.now());
    }
    return { assets: images.length, fingerprints: count };
  }

  private async findExisting(title: string, firstOwner: string, certificateNo: string | undefined): Promise<Work | undefined> {
    if (certificateNo) return this.works.findByCertificate(certificateNo);
    return this.works.findByTitleAndFirstOwner(title, firstOwner);
  }

  private decode(bytes: Uint8Array): Promise<DecodedImage> {
    return decodeImage(bytes, { maxBytes: this.ctx.config.maxImageBytes, maxSide: HASH_DECODE_MAX_SIDE });
  }

  private async storeImage(workId: number, name: string, bytes: Uint8Array, image: DecodedImage, now: Date): Promise<Asset> {
    const blob = await this.ctx.blobs.put(bytes, EXTENSIONS[image.format] ?? image.format);
    return this.works.addAsset({
      workId,
      kind: 'image',
      blobKey: blob.key,
      sha256: blob.sha256,
      mime: `image/${image.format}`,
      width: image.originalWidth,
      height: image.originalHeight,
      originalName: name,
      createdAt: now,
    });
  }

  private async storeFingerprints(image: DecodedImage, asset: Asset, now: Date): Promise<number> {
    let count = 0;
    for (const [algorithm, rows] of fingerprintRows(image, asset, now)) {
      await this.works.replaceFingerprints(asset.id, algorithm, rows);
      count += rows.length;
    }
    return count;
  }
}
