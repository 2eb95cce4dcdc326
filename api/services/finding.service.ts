import sharp from 'sharp';
import type { BlobRepository } from '../../core/blob/blob.repository.ts';
import type { Database } from '../../core/database/database.ts';
import { ConflictError, NotFoundError } from '../../core/errors/errors.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { Evidence, Listing, ListingImage } from '../../crawler/crawler.schema.ts';
import type { ListingRepository } from '../../crawler/listing.repository.ts';
import type { Asset, Mark } from '../../fingerprints/fingerprints.schema.ts';
import type { WorkRepository, WorkWithOwners } from '../../fingerprints/work.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import type { Finding, FindingStatus } from '../../matcher/matcher.schema.ts';
import type { AccessPolicy } from '../access/access.policy.ts';
import type { SessionUser } from '../app.types.ts';
import { ReviewRepository, type ReviewWithReviewer } from '../review.repository.ts';
import { decodeCursor, encodeCursor } from './finding.cursor.ts';

/** A registered mark as findings show it: with its owner's name. */
export type MarkWithOwner = Mark & { ownerName: string };

export interface FindingRow {
  finding: Finding;
  work: WorkWithOwners | undefined;
  mark: MarkWithOwner | undefined;
  listing: Listing | undefined;
}

export interface FindingPage {
  rows: FindingRow[];
  nextCursor: string | undefined;
}

export type Sized<T> = T & { pixelWidth: number | undefined; pixelHeight: number | undefined };

/** Exactly one of `work` and `mark` is set, as on the finding. */
export interface FindingDetail {
  finding: Finding;
  work: WorkWithOwners | undefined;
  mark: MarkWithOwner | undefined;
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
    const scope = await this.deps.access.findingScope(user);
    const before = options.cursor ? decodeCursor(options.cursor) : undefined;
    // One extra row tells whether there is a next page without a count query.
    const found = await this.deps.findings.list({ status: options.status, ...scope, before, limit: options.limit + 1 });
    const page = found.slice(0, options.limit);
    const [works, marks, listings] = await Promise.all([
      this.deps.works.getMany([...new Set(page.flatMap((f) => (f.workId === null ? [] : [f.workId])))]),
      this.deps.works.getMarks([...new Set(page.flatMap((f) => (f.markId === null ? [] : [f.markId])))]),
      this.deps.listings.getMany([...new Set(page.map((f) => f.listingId))]),
    ]);
    const last = page.at(-1);
    return {
      rows: page.map((finding) => ({
        finding,
        work: finding.workId === null ? undefined : works.get(finding.workId),
        mark: finding.markId === null ? undefined : marks.get(finding.markId),
        listing: listings.get(finding.listingId),
      })),
      nextCursor: found.length > options.limit && last ? encodeCursor(last) : undefined,
    };
  }

  async detail(user: SessionUser, id: number): Promise<FindingDetail> {
    const finding = await this.deps.access.visibleFinding(user, id);
    const [work, mark, listing, assets, images, evidence, reviews] = await Promise.all([
      finding.workId === null ? undefined : this.deps.works.get(finding.workId),
      finding.markId === null ? undefined : this.deps.works.getMarks([finding.markId]).then((m) => m.get(finding.markId!)),
      this.deps.listings.get(finding.listingId),
      finding.workId !== null ? this.deps.works.assetsOf(finding.workId) : finding.markId !== null ? this.deps.works.assetsOfMark(finding.markId) : [],
      this.deps.listings.images(finding.listingId),
      this.deps.listings.evidenceOf(finding.listingId),
      this.deps.reviews.ofFinding(finding.id),
    ]);
    if (!(work || mark) || !listing) throw new NotFoundError(`finding ${id} refers to a missing ${listing ? 'work or mark' : 'listing'}`);
    return {
      finding,
      work,
      mark,
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
