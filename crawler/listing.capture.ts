import type { BlobRepository } from '../core/blob/blob.repository.ts';
import type { ExtractedListing } from './extract/listing.extract.ts';
import type { ImageFetcher } from './image.fetcher.ts';
import type { ListingRepository } from './listing.repository.ts';
import type { PageCapture } from './page.browser.ts';
import type { CrawlError } from './source.repository.ts';

export interface StoredListing {
  listingId: number;
  changed: boolean;
  contentHash: string;
  /** Images that could not be used; already kept on listing_images with their error. */
  imageErrors: CrawlError[];
}

export interface CaptureContext {
  listings: ListingRepository;
  blobs: BlobRepository;
  images: ImageFetcher;
  sourceId: number;
  runId: number;
  software: string;
  pageUrl: string;
}

/**
 * Writes one listing with its proof: evidence files go to the content-addressed store first, so a listing
 * row never points at evidence that is not on disk; then the listing, the evidence row, the images.
 */
export async function storeListing(ctx: CaptureContext, listing: ExtractedListing, capture: PageCapture, capturedAt: Date): Promise<StoredListing> {
  const screenshot = await ctx.blobs.put(capture.screenshot, 'png');
  const html = await ctx.blobs.put(capture.html, 'html');
  const response = capture.responseBody ? await ctx.blobs.put(capture.responseBody, 'bin') : undefined;

  const { listing: row, changed } = await ctx.listings.upsert(
    {
      sourceId: ctx.sourceId,
      platform: listing.platform,
      url: listing.url,
      externalId: listing.externalId ?? null,
      title: listing.title,
      description: listing.description ?? null,
      priceVnd: listing.priceVnd ?? null,
      currency: listing.currency ?? null,
      sellerName: listing.sellerName ?? null,
      sellerUrl: listing.sellerUrl ?? null,
      contentHash: listing.contentHash,
    },
    capturedAt,
  );

  await ctx.listings.addEvidence({
    listingId: row.id,
    runId: ctx.runId,
    url: ctx.pageUrl,
    capturedAt,
    httpStatus: capture.status ?? null,
    headers: capture.headers,
    screenshotKey: screenshot.key,
    screenshotSha256: screenshot.sha256,
    htmlKey: html.key,
    htmlSha256: html.sha256,
    responseKey: response?.key ?? null,
    responseSha256: response?.sha256 ?? null,
    software: ctx.software,
  });

  const imageErrors: CrawlError[] = [];
  if (!changed) {
    const known = new Map((await ctx.listings.images(row.id)).map((image) => [image.url, image]));
    // Unchanged listing whose images are all stored: a recrawl need not download them again.
    if (listing.images.every((url) => known.get(url)?.sha256)) return { listingId: row.id, changed, contentHash: listing.contentHash, imageErrors };
  }
  // One at a time: images usually share the shop's host, and politeness beats a few seconds saved.
  for (const [position, url] of listing.images.entries()) {
    const image = await ctx.images.fetch(url);
    if (image.ok) {
      await ctx.listings.upsertImage({ listingId: row.id, url, position, blobKey: image.key, sha256: image.sha256, mime: image.mime, bytes: image.bytes, error: null, fetchedAt: capturedAt });
    } else {
      imageErrors.push({ url, message: `image of ${listing.url}: ${image.error}` });
      await ctx.listings.upsertImage({ listingId: row.id, url, position, blobKey: null, sha256: null, mime: null, bytes: null, error: image.error, fetchedAt: capturedAt });
    }
  }
  return { listingId: row.id, changed, contentHash: listing.contentHash, imageErrors };
}
