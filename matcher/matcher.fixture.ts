import sharp from 'sharp';
import { BlobRepository } from '../core/blob/blob.repository.ts';
import type { StageContext } from '../core/context.ts';
import { ListingRepository } from '../crawler/listing.repository.ts';
import type { Listing } from '../crawler/crawler.schema.ts';

export { createStageTestContext } from '../fingerprints/fingerprint.service.fixture.ts';

export interface ListingFixture {
  url: string;
  title: string;
  description?: string;
  images?: ({ bytes: Uint8Array } | { error: string })[];
}

/** Inserts a listing and its images the way the crawler stores them (blob store + listing_images rows). */
export async function addListing(ctx: StageContext, fixture: ListingFixture): Promise<Listing> {
  const listings = new ListingRepository(ctx.db);
  const contentHash = BlobRepository.sha256(JSON.stringify([fixture.title, fixture.description ?? '', fixture.images?.length ?? 0]));
  const { listing } = await listings.upsert(
    { platform: 'test', url: fixture.url, title: fixture.title, description: fixture.description ?? null, contentHash },
    ctx.now(),
  );
  for (const [position, image] of (fixture.images ?? []).entries()) {
    const url = `${fixture.url}/image-${position}.jpg`;
    if ('error' in image) {
      await listings.upsertImage({ listingId: listing.id, url, position, error: image.error });
      continue;
    }
    const blob = await ctx.blobs.put(image.bytes, 'jpg');
    await listings.upsertImage({ listingId: listing.id, url, position, blobKey: blob.key, sha256: blob.sha256, mime: 'image/jpeg', bytes: blob.bytes });
  }
  return listing;
}

/** A typical re-upload: downscaled, JPEG re-encoded, a shop watermark across the lower part. */
export async function watermarkedCopy(png: Buffer): Promise<Buffer> {
  const meta = await sharp(png).metadata();
  const width = Math.round((meta.width ?? 640) * 0.6);
  const height = Math.round((meta.height ?? 480) * 0.6);
  const mark = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <text x="${width * 0.1}" y="${height * 0.8}" font-size="${Math.round(height / 10)}" font-family="sans-serif" fill="white" fill-opacity="0.6">shop-tranh.vn</text>
  </svg>`);
  return sharp(png).resize(width, height).composite([{ input: mark, left: 0, top: 0 }]).jpeg({ quality: 72 }).toBuffer();
}

export { FIXTURE_POEM } from '../fingerprints/text/text.fixture.ts';
