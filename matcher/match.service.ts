import { performance } from 'node:perf_hooks';
import { AuditRepository } from '../core/audit/audit.repository.ts';
import type { StageContext } from '../core/context.ts';
import { ExternalInputError, NotFoundError } from '../core/errors/errors.ts';
import { findingsTotal, matchListingSeconds } from '../core/metrics/metrics.ts';
import { ListingRepository } from '../crawler/listing.repository.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../fingerprints/image/image.decode.ts';
import { subjectOfKey } from '../fingerprints/registry/subject-key.ts';
import { WorkRepository } from '../fingerprints/work.repository.ts';
import { FindingRepository } from './finding.repository.ts';
import { FindingWriter } from './finding.writer.ts';
import type { CandidateImage } from './image.signals.ts';
import { snapshotWantsOcr, type ListingOcr, type OcrImage } from './listing.ocr.ts';
import { hashListingImage, matchCandidate } from './match.candidates.ts';
import { MatchIndex } from './match.index.ts';
import type { Finding } from './matcher.schema.ts';

export interface MatchListingResult {
  findings: Finding[];
  skipped?: 'already-matched';
  /** Listing images that could not be used, and why (the listing was matched without them). */
  notes?: string[];
}

/** Turns one listing into findings: claim, read, hash, compare with the registry, write, release on failure. */
export class MatchService {
  private readonly listings: ListingRepository;
  private readonly findings: FindingRepository;
  private readonly writer: FindingWriter;
  readonly index: MatchIndex;

  constructor(
    private readonly ctx: StageContext,
    index?: MatchIndex,
    /** Reads text printed on listing images for the mark and text matchers; none: OCR is off. */
    private readonly ocr?: ListingOcr,
  ) {
    this.listings = new ListingRepository(ctx.db);
    this.findings = new FindingRepository(ctx.db);
    this.writer = new FindingWriter(ctx.db, new AuditRepository(ctx.db, ctx.now));
    this.index = index ?? new MatchIndex(new WorkRepository(ctx.db));
  }

  /**
   * Matches a listing once per content hash across all matcher processes (FindingRepository.claimMatch).
   * A failure gives the claim back and rethrows, so the queue's retry can run it again.
   */
  async matchListing(listingId: number, worker: string, options: { reason?: string } = {}): Promise<MatchListingResult> {
    const started = performance.now();
    const listing = await this.listings.get(listingId);
    if (!listing) throw new NotFoundError(`listing ${listingId} not found`);
    // A re-match after a registry change claims (listing, content, that change): once per change.
    const claimKey = options.reason ? `${listing.contentHash}#${options.reason}` : listing.contentHash;
    const runId = await this.findings.claimMatch(listingId, claimKey, worker);
    if (runId === undefined) return { findings: [], skipped: 'already-matched' };
    try {
      const snapshot = await this.index.current();
      const { hashes, notes, readable } = await this.hashImages(listingId);
      let ocrFields: { field: string; text: string }[] = [];
      if (this.ocr && readable.length && snapshotWantsOcr(snapshot)) {
        const ocr = await this.ocr.read(readable);
        ocrFields = ocr.fields;
        notes.push(...ocr.notes);
      }
      const candidates = matchCandidate(snapshot, listing, hashes, undefined, ocrFields);
      const now = this.ctx.now();
      // Candidates are keyed by subject key: a work's id, or a registered mark's id negated.
      const reported = candidates.filter((c) => c.reported).map((c) => ({ ...subjectOfKey(c.workId), score: c.score, signals: c.signals }));
      const written: Finding[] = await this.writer.write(listing, reported, now);
      const seconds = (performance.now() - started) / 1000;
      await this.findings.finishMatch(runId, written.length, Math.round(seconds * 1000));
      matchListingSeconds.observe(seconds);
      if (written.length) findingsTotal.inc(written.length);
      this.ctx.logger.debug({ listingId, findings: written.length, notes, seconds }, 'listing matched');
      return notes.length ? { findings: written, notes } : { findings: written };
    } catch (error) {
      await this.findings.releaseMatch(runId);
      throw error;
    }
  }

  /**
   * Reads and hashes the listing's usable images. An image the crawler already marked bad, or one
   * that fails to decode (ExternalInputError: truncated, not an image, too large), is skipped with a
   * note; anything else (a blob missing from our own store, a bug) fails the listing.
   */
  private async hashImages(listingId: number): Promise<{ hashes: CandidateImage[]; notes: string[]; readable: OcrImage[] }> {
    const hashes: CandidateImage[] = [];
    const notes: string[] = [];
    const readable: OcrImage[] = [];
    const images = await this.listings.images(listingId);
    for (const [position, image] of images.entries()) {
      if (image.error || !image.blobKey) {
        notes.push(`image ${position + 1} (${image.url}) skipped: ${image.error ?? 'not downloaded'}`);
        continue;
      }
      const bytes = await this.ctx.blobs.read(image.blobKey);
      try {
        const decoded = await decodeImage(bytes, { maxBytes: this.ctx.config.maxImageBytes, maxSide: HASH_DECODE_MAX_SIDE });
        hashes.push(...hashListingImage(decoded, image.id, position));
        readable.push({ position, bytes });
      } catch (error) {
        if (!(error instanceof ExternalInputError)) throw error;
        notes.push(`image ${position + 1} (${image.url}) skipped: ${error.message}`);
        this.ctx.logger.warn({ listingId, listingImageId: image.id, error: error.message }, 'listing image unusable');
      }
    }
    return { hashes, notes, readable };
  }
}
