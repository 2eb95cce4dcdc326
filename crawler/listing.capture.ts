import type { BlobRepository } from '../core/blob/blob.repository.ts';
import { buildManifest, type ManifestFile } from './evidence/manifest.ts';
import { buildWarc } from './evidence/warc.writer.ts';
import { canonicalizeUrl } from './extract/url.canonical.ts';
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
  evidenceId: number;
  warcSha256: string;
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

/** Images embedded in one WARC at most; beyond it they stay in the store, listed by SHA-256 in the metadata. */
const WARC_IMAGE_BYTES = 50 * 1024 * 1024;

/**
 * Writes one listing with its proof: evidence files go to the content-addressed store first, so a row
 * never points at evidence that is not on disk; then the listing (with its history event), the images,
 * the WARC of the whole capture (page, fetched JSON, screenshot, DOM, images) and the evidence row.
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
      sellerPhone: listing.sellerPhone ?? null,
      sellerAddress: listing.sellerAddress ?? null,
      contentHash: listing.contentHash,
      availability: listing.availability ?? null,
    },
    capturedAt,
    { runId: ctx.runId, images: listing.images },
  );

  const { stored, imageErrors } = await storeImages(ctx, row.id, listing, changed, capturedAt);
  const embedded: { url: string; mime: string; body: Buffer }[] = [];
  let budget = WARC_IMAGE_BYTES;
  for (const image of stored) {
    if (image.bytes > budget) continue;
    budget -= image.bytes;
    embedded.push({ url: image.url, mime: image.mime, body: await ctx.blobs.read(image.key) });
  }
  const warc = await ctx.blobs.put(
    await buildWarc({
      pageUrl: ctx.pageUrl,
      capturedAt,
      software: ctx.software,
      main: capture.main,
      subresources: capture.subresources ?? [],
      screenshot: capture.screenshot,
      renderedHtml: capture.html,
      images: embedded,
      metadata: {
        capturedAt: capturedAt.toISOString(),
        pageUrl: ctx.pageUrl,
        canonicalUrl: listing.url,
        httpStatus: capture.status ?? null,
        serverIp: capture.serverIp ?? null,
        tls: capture.tls ?? null,
        software: ctx.software,
        files: {
          screenshot: screenshot.sha256,
          html: html.sha256,
          response: response?.sha256 ?? null,
          images: stored.map((i) => ({ url: i.url, sha256: i.sha256, bytes: i.bytes, inWarc: embedded.some((e) => e.url === i.url) })),
        },
        imageErrors: imageErrors.map((e) => e.message),
        listing: { title: listing.title, priceVnd: listing.priceVnd ?? null, sellerName: listing.sellerName ?? null, sellerUrl: listing.sellerUrl ?? null, images: listing.images, availability: listing.availability ?? null },
      },
    }),
    'warc',
  );

  const files: ManifestFile[] = [
    { role: 'screenshot', key: screenshot.key, sha256: screenshot.sha256, bytes: screenshot.bytes, mime: 'image/png' },
    { role: 'html', key: html.key, sha256: html.sha256, bytes: html.bytes, mime: 'text/html' },
    ...(response ? [{ role: 'response' as const, key: response.key, sha256: response.sha256, bytes: response.bytes, mime: 'application/octet-stream' }] : []),
    { role: 'warc', key: warc.key, sha256: warc.sha256, bytes: warc.bytes, mime: 'application/warc' },
    ...stored.map((i) => ({ role: 'image' as const, key: i.key, sha256: i.sha256, bytes: i.bytes, mime: i.mime, url: i.url })),
  ];
  const manifest = await ctx.blobs.put(
    buildManifest({ pageUrl: ctx.pageUrl, canonicalUrl: listing.url, capturedAt, software: ctx.software, httpStatus: capture.status ?? null, serverIp: capture.serverIp ?? null, tls: capture.tls ?? null, files }),
    'json',
  );

  const proof = await ctx.listings.addEvidence({
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
    warcKey: warc.key,
    warcSha256: warc.sha256,
    serverIp: capture.serverIp ?? null,
    tls: capture.tls ?? null,
    manifestKey: manifest.key,
    manifestSha256: manifest.sha256,
  });
  return { listingId: row.id, changed, contentHash: listing.contentHash, evidenceId: proof.id, warcSha256: warc.sha256, imageErrors };
}

interface StoredImage {
  url: string;
  key: string;
  sha256: string;
  mime: string;
  bytes: number;
}

async function storeImages(ctx: CaptureContext, listingId: number, listing: ExtractedListing, changed: boolean, capturedAt: Date): Promise<{ stored: StoredImage[]; imageErrors: CrawlError[] }> {
  const imageErrors: CrawlError[] = [];
  const known = new Map((await ctx.listings.images(listingId)).map((image) => [image.url, image]));
  const fromKnown = (url: string): StoredImage | undefined => {
    const k = known.get(url);
    return k?.blobKey && k.sha256 && k.mime && k.bytes !== null ? { url, key: k.blobKey, sha256: k.sha256, mime: k.mime, bytes: k.bytes } : undefined;
  };
  // Unchanged listing whose images are all stored: a recrawl need not download them again.
  if (!changed && listing.images.every((url) => fromKnown(url))) return { stored: listing.images.map((url) => fromKnown(url)!), imageErrors };
  const stored: StoredImage[] = [];
  // One at a time: images usually share the shop's host, and politeness beats a few seconds saved.
  for (const [position, url] of listing.images.entries()) {
    const image = await ctx.images.fetch(url);
    if (image.ok) {
      await ctx.listings.upsertImage({ listingId, url, position, blobKey: image.key, sha256: image.sha256, mime: image.mime, bytes: image.bytes, error: null, fetchedAt: capturedAt });
      stored.push({ url, key: image.key, sha256: image.sha256, mime: image.mime, bytes: image.bytes });
    } else {
      imageErrors.push({ url, message: `image of ${listing.url}: ${image.error}` });
      await ctx.listings.upsertImage({ listingId, url, position, blobKey: null, sha256: null, mime: null, bytes: null, error: image.error, fetchedAt: capturedAt });
      const earlier = fromKnown(url); // a failed re-download keeps the bytes an earlier crawl stored
      if (earlier) stored.push(earlier);
    }
  }
  return { stored, imageErrors };
}

/**
 * A page that says its item is gone: when it is a known listing (by the requested or the final URL,
 * canonicalised) the removal goes into its history. False for URLs never stored, which stay plain errors.
 */
export async function recordRemoval(listings: ListingRepository, urls: string[], at: Date, runId: number, reason: string | undefined): Promise<boolean> {
  for (const url of new Set(urls.map((u) => canonicalizeUrl(u)))) {
    if (await listings.markRemoved(url, at, { runId, reason: reason ?? 'removed' })) return true;
  }
  return false;
}
