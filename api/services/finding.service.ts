import sharp from 'sharp';
import type { BlobRepository } from '../../core/blob/blob.repository.ts';
import type { Database } from '../../core/database/database.ts';
import { NotFoundError } from '../../core/errors/errors.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { Evidence, Listing, ListingImage } from '../../crawler/crawler.schema.ts';
import type { ListingRepository } from '../../crawler/listing.repository.ts';
import type { Asset, Mark } from '../../fingerprints/fingerprints.schema.ts';
import type { WorkRepository, WorkWithOwners } from '../../fingerprints/work.repository.ts';
import type { FindingRepository, QueueSort, Scope, SignalType } from '../../matcher/finding.repository.ts';
import type { Finding, FindingStatus } from '../../matcher/matcher.schema.ts';
import type { AccessPolicy } from '../access/access.policy.ts';
import type { SessionUser } from '../app.types.ts';
import type { CommentWithAuthor, ReviewRepository, ReviewWithReviewer } from '../review.repository.ts';
import { decodeCursor, encodeCursor } from './finding.cursor.ts';

/** A registered mark as findings show it: with its owner's name. */
export type MarkWithOwner = Mark & { ownerName: string };

export interface FindingRow {
  finding: Finding;
  work: WorkWithOwners | undefined;
  mark: MarkWithOwner | undefined;
  listing: Listing | undefined;
  assigneeName?: string | undefined;
}

/** What the queue can be filtered by (FindingQuerySchema parses it from a query string). */
export interface QueueQuery {
  status?: FindingStatus | undefined;
  work?: number | undefined;
  mark?: number | undefined;
  owner?: number | undefined;
  platform?: string | undefined;
  seller?: string | undefined;
  minScore?: number | undefined;
  signal?: SignalType | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  assignee?: 'me' | 'none' | number | undefined;
  sort?: QueueSort | undefined;
  cursor?: string | undefined;
  limit: number;
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
  comments: CommentWithAuthor[];
  assigneeName: string | undefined;
}

export { reviewDecisions, type ReviewDecision } from './finding.review.service.ts';

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

  /** The review queue: the user's scope, then the filters, one keyset page plus whether there is another. */
  async list(user: SessionUser, query: QueueQuery): Promise<FindingPage> {
    const scope = await this.deps.access.findingScope(user);
    const scopes: Scope[] = scope ? [scope] : [];
    if (query.owner !== undefined) {
      const [workIds, markIds] = await Promise.all([this.deps.works.workIdsOfOwner(query.owner), this.deps.works.markIdsOfOwner(query.owner)]);
      scopes.push({ workIds, markIds });
    }
    const sort = query.sort ?? 'newest';
    // One extra row tells whether there is a next page without a count query.
    const found = await this.deps.findings.queue({
      scopes,
      statuses: query.status ? [query.status] : undefined,
      workId: query.work,
      markId: query.mark,
      platform: query.platform,
      seller: query.seller,
      minScore: query.minScore,
      signal: query.signal,
      from: query.from,
      to: query.to,
      assignee: query.assignee === 'me' ? user.id : query.assignee,
      sort,
      after: query.cursor ? decodeCursor(query.cursor, sort) : undefined,
      limit: query.limit + 1,
    });
    const page = found.slice(0, query.limit);
    const [works, marks, listings, names] = await Promise.all([
      this.deps.works.getMany([...new Set(page.flatMap((f) => (f.workId === null ? [] : [f.workId])))]),
      this.deps.works.getMarks([...new Set(page.flatMap((f) => (f.markId === null ? [] : [f.markId])))]),
      this.deps.listings.getMany([...new Set(page.map((f) => f.listingId))]),
      this.deps.reviews.names([...new Set(page.flatMap((f) => (f.assigneeId === null ? [] : [f.assigneeId])))]),
    ]);
    const last = page.at(-1);
    return {
      rows: page.map((finding) => ({
        finding,
        work: finding.workId === null ? undefined : works.get(finding.workId),
        mark: finding.markId === null ? undefined : marks.get(finding.markId),
        listing: listings.get(finding.listingId),
        assigneeName: finding.assigneeId === null ? undefined : names.get(finding.assigneeId),
      })),
      nextCursor: found.length > query.limit && last ? encodeCursor(last, sort) : undefined,
    };
  }

  async detail(user: SessionUser, id: number): Promise<FindingDetail> {
    const finding = await this.deps.access.visibleFinding(user, id);
    const [work, mark, listing, assets, images, evidence, reviews, comments, names] = await Promise.all([
      finding.workId === null ? undefined : this.deps.works.get(finding.workId),
      finding.markId === null ? undefined : this.deps.works.getMarks([finding.markId]).then((m) => m.get(finding.markId!)),
      this.deps.listings.get(finding.listingId),
      finding.workId !== null ? this.deps.works.assetsOf(finding.workId) : finding.markId !== null ? this.deps.works.assetsOfMark(finding.markId) : [],
      this.deps.listings.images(finding.listingId),
      this.deps.listings.evidenceOf(finding.listingId),
      this.deps.reviews.ofFinding(finding.id),
      this.deps.reviews.commentsOf(finding.id),
      this.deps.reviews.names(finding.assigneeId === null ? [] : [finding.assigneeId]),
    ]);
    if (!(work || mark) || !listing) throw new NotFoundError(`finding ${id} refers to a missing ${listing ? 'work or mark' : 'listing'}`);
    return {
      finding,
      work,
      mark,
      listing,
      evidence,
      reviews,
      comments,
      assigneeName: finding.assigneeId === null ? undefined : names.get(finding.assigneeId),
      assets: await Promise.all(assets.map((a) => this.sized(a, a.blobKey, a.width, a.height))),
      images: await Promise.all(images.map((i) => this.sized(i, i.blobKey, null, null))),
    };
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
