import sharp from 'sharp';
import type { BlobRepository } from '../../core/blob/blob.repository.ts';
import type { Database } from '../../core/database/database.ts';
import { ConflictError, NotFoundError } from '../../core/errors/errors.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { Evidence, Listing, ListingImage } from '../../crawler/crawler.schema.ts';
import type { ListingRepository } from '../../crawler/listing.repository.ts';
import type { Asset } from '../../fingerprints/fingerprints.schema.ts';
import type { WorkRepository, WorkWithOwners } from '../../fingerprints/work.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import type { Finding, FindingStatus } from '../../matcher/matcher.schema.ts';
import type { AccessPolicy } from '../access/access.policy.ts';
import type { SessionUser } from '../app.types.ts';
import { ReviewRepository, type ReviewWithReviewer } from '../review.repository.ts';
import { decodeCursor, encodeCursor } from './finding.cursor.ts';

export interface FindingRow {
  finding: Finding;
  work: WorkWithOwners | undefined;
  listing: Listing | undefined;
}

export interface FindingPage {
  rows: FindingRow[];
  nextCursor: string | undefined;
}

export type Sized<T> = T & { pixelWidth: number | undefined; pixelHeight: number | undefined };

export interface FindingDetail {
  finding: Finding;
  work: WorkWithOwners;
  assets: Sized<Asset>[];
  listing: Listing;
  images: Sized<ListingImage>[];
  evidence: Evidence[];
  reviews: ReviewWithReviewer[];
}

export const reviewDecisions = ['confirmed', 'dismissed'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
/** Review only decides between suspicion states; later states belong to the takedown workflow. */
const reviewable: FindingStatus[] = ['new', 'confirmed', 'dismissed'];

export interface FindingServiceDeps {
  db: Database;
  blobs: BlobRepository;
  logger: Logger;
  works: WorkRepository;
  listings: ListingRepository;
  findings: FindingRepository;
  reviews: ReviewRepository;
  access: AccessPolicy;
  now: () => Date;
}

/** What both the REST API and the pages show of findings, with the same access rules. */
export class FindingService {
  constructor(private readonly deps: FindingServiceDeps) {}

  async list(user: SessionUser, options: { status?: FindingStatus; cursor?: string; limit: number }): Promise<FindingPage> {
    const workIds = await this.deps.access.workScope(user);
    const before = options.cursor ? decodeCursor(options.cursor) : undefined;
    // One extra row tells whether there is a next page without a count query.
    const found = await this.deps.findings.list({ status: options.status, workIds, before, limit: options.limit + 1 });
    const page = found.slice(0, options.limit);
    const [works, listings] = await Promise.all([
      this.deps.works.getMany([...new Set(page.map((f) => f.workId))]),
      this.deps.listings.getMany([...new Set(page.map((f) => f.listingId))]),
    ]);
    const last = page.at(-1);
    return {
      rows: page.map((finding) => ({ finding, work: works.get(finding.workId), listing: listings.get(finding.listingId) })),
      nextCursor: found.length > options.limit && last ? encodeCursor(last) : undefined,
    };
  }

  async detail(user: SessionUser, id: number): Promise<FindingDetail> {
    const finding = await this.deps.access.visibleFinding(user, id);
    const [work, listing, assets, images, evidence, reviews] = await Promise.all([
      this.deps.works.get(finding.workId),
      this.deps.listings.get(finding.listingId),
      this.deps.works.assetsOf(finding.workId),
      this.deps.listings.images(finding.listingId),
      this.deps.listings.evidenceOf(finding.listingId),
      this.deps.reviews.ofFinding(finding.id),
    ]);
    if (!work || !listing) throw new NotFoundError(`finding ${id} refers to a missing ${work ? 'listing' : 'work'}`);
    return {
      finding,
      work,
      listing,
      evidence,
      reviews,
      assets: await Promise.all(assets.map((a) => this.sized(a, a.blobKey, a.width, a.height))),
      images: await Promise.all(images.map((i) => this.sized(i, i.blobKey, null, null))),
    };
  }

  /** Compare-and-set on the status plus the review row, in one transaction: both happen or neither. */
  async review(user: SessionUser, id: number, decision: ReviewDecision, note: string | undefined): Promise<Finding> {
    const current = await this.deps.access.visibleFinding(user, id);
    if (!reviewable.includes(current.status)) throw new ConflictError(`finding ${id} is ${current.status}; it is past review`);
    if (current.status === decision) throw new ConflictError(`finding ${id} is already ${decision}`);
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const txDb = tx as unknown as Database;
      const updated = await new FindingRepository(txDb).setStatus(id, current.status, decision, user.id, now);
      if (!updated) throw new ConflictError(`finding ${id} was changed by someone else; reload and try again`);
      await new ReviewRepository(txDb).add({ findingId: id, userId: user.id, fromStatus: current.status, toStatus: decision, note: note || null, createdAt: now });
      return updated;
    });
  }

  /** Pixel size for drawing matched regions; read from the file header when the row does not have it. */
  private async sized<T>(row: T, blobKey: string | null, width: number | null, height: number | null): Promise<Sized<T>> {
    if (width && height) return { ...row, pixelWidth: width, pixelHeight: height };
    if (!blobKey) return { ...row, pixelWidth: undefined, pixelHeight: undefined };
    try {
      const meta = await sharp(this.deps.blobs.resolve(blobKey)).metadata();
      return { ...row, pixelWidth: meta.width, pixelHeight: meta.height };
    } catch (error) {
      this.deps.logger.warn({ err: error, blobKey }, 'image size unreadable; regions will not be drawn');
      return { ...row, pixelWidth: undefined, pixelHeight: undefined };
    }
  }
}
