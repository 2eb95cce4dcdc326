import type { Database } from '../../core/database/database.ts';
import { NotFoundError } from '../../core/errors/errors.ts';
import { AuditRepository } from '../../core/audit/audit.repository.ts';
import type { AuditEventRow } from '../../core/audit/audit.schema.ts';
import type { CrawlRun, Evidence, Listing, ListingImage } from '../../crawler/crawler.schema.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import type { Asset, Mark } from '../../fingerprints/fingerprints.schema.ts';
import { WorkRepository, type WorkWithOwners } from '../../fingerprints/work.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import type { Finding } from '../../matcher/matcher.schema.ts';
import type { Case, Notice } from '../cases/case.schema.ts';
import { ReviewRepository, type ReviewWithReviewer } from '../review.repository.ts';
import { PacketRepository, type PersonLabel } from './packet.repository.ts';

/** One finding with everything its evidence consists of. */
export interface FindingBundle {
  finding: Finding;
  work: WorkWithOwners | undefined;
  mark: (Mark & { ownerName: string }) | undefined;
  assets: Asset[];
  listing: Listing;
  images: ListingImage[];
  evidence: Evidence[];
  reviews: ReviewWithReviewer[];
}

export type PacketSubject = { kind: 'finding'; id: number } | { kind: 'case'; id: number };

/** What a packet is made of, read from the database in one go. */
export interface PacketContent {
  subject: PacketSubject;
  caseRow: Case | undefined;
  notices: Notice[];
  findings: FindingBundle[];
  /** Audit events about these findings and this case (earlier exports included), oldest first. */
  audit: AuditEventRow[];
  people: Map<number, PersonLabel>;
  runs: Map<number, CrawlRun>;
}

/** Reads the content of a packet through the stages' repositories. */
export class PacketCollector {
  private readonly findings: FindingRepository;
  private readonly works: WorkRepository;
  private readonly listings: ListingRepository;
  private readonly reviews: ReviewRepository;
  private readonly audit: AuditRepository;
  readonly packets: PacketRepository;

  constructor(db: Database) {
    this.findings = new FindingRepository(db);
    this.works = new WorkRepository(db);
    this.listings = new ListingRepository(db);
    this.reviews = new ReviewRepository(db);
    this.audit = new AuditRepository(db);
    this.packets = new PacketRepository(db);
  }

  /** The finding ids a subject covers; NotFoundError for an id that does not exist. */
  async findingIds(subject: PacketSubject): Promise<{ ids: number[]; caseRow: Case | undefined }> {
    if (subject.kind === 'finding') {
      if (!(await this.findings.get(subject.id))) throw new NotFoundError(`finding ${subject.id} not found`);
      return { ids: [subject.id], caseRow: undefined };
    }
    const found = await this.packets.caseWithFindingIds(subject.id);
    if (!found) throw new NotFoundError(`case ${subject.id} not found`);
    return { ids: found.findingIds, caseRow: found.row };
  }

  async collect(subject: PacketSubject, ids: number[], caseRow: Case | undefined): Promise<PacketContent> {
    const bundles: FindingBundle[] = [];
    for (const id of ids) bundles.push(await this.bundle(id));
    const audit: AuditEventRow[] = [];
    for (const id of ids) audit.push(...(await this.audit.list({ entityType: 'finding', entityId: id, limit: 1000 })));
    if (caseRow) audit.push(...(await this.audit.list({ entityType: 'case', entityId: caseRow.id, limit: 1000 })));
    audit.sort((a, b) => a.id - b.id);
    const notices = caseRow ? await this.packets.noticesOfCase(caseRow.id) : [];
    const personIds = [
      ...bundles.flatMap((b) => b.reviews.map((r) => r.userId)),
      ...audit.flatMap((a) => (a.actorUserId == null ? [] : [a.actorUserId])),
      ...(caseRow?.createdBy != null ? [caseRow.createdBy] : []),
      ...notices.flatMap((n) => (n.createdBy == null ? [] : [n.createdBy])),
    ];
    const runIds = bundles.flatMap((b) => b.evidence.flatMap((e) => (e.runId == null ? [] : [e.runId])));
    const [people, runs] = await Promise.all([this.packets.people(personIds), this.packets.runs(runIds)]);
    for (const run of runs.values()) if (run.requestedBy != null && !people.has(run.requestedBy)) personIds.push(run.requestedBy);
    const morePeople = await this.packets.people(personIds.filter((id) => !people.has(id)));
    for (const [id, person] of morePeople) people.set(id, person);
    return { subject, caseRow, notices, findings: bundles, audit, people, runs };
  }

  private async bundle(id: number): Promise<FindingBundle> {
    const finding = await this.findings.get(id);
    if (!finding) throw new NotFoundError(`finding ${id} not found`);
    const [work, marks, listing, assets, images, evidence, reviews] = await Promise.all([
      finding.workId === null ? undefined : this.works.get(finding.workId),
      finding.markId === null ? undefined : this.works.getMarks([finding.markId]),
      this.listings.get(finding.listingId),
      finding.workId !== null ? this.works.assetsOf(finding.workId) : finding.markId !== null ? this.works.assetsOfMark(finding.markId) : [],
      this.listings.images(finding.listingId),
      this.listings.evidenceOf(finding.listingId),
      this.reviews.ofFinding(finding.id),
    ]);
    const mark = finding.markId === null ? undefined : marks?.get(finding.markId);
    if (!listing || !(work || mark)) throw new NotFoundError(`finding ${id} refers to a missing ${listing ? 'work or mark' : 'listing'}`);
    evidence.sort((a, b) => a.capturedAt.getTime() - b.capturedAt.getTime() || a.id - b.id);
    return { finding, work, mark, assets, listing, images, evidence, reviews };
  }
}
