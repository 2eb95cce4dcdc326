import { gzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';
import type { BlobRepository } from '../../core/blob/blob.repository.ts';
import { DependencyError } from '../../core/errors/errors.ts';
import type { Evidence } from '../../crawler/crawler.schema.ts';
import { buildWarc } from '../../crawler/evidence/warc.writer.ts';
import type { CustodyEvent } from './packet.custody.ts';
import type { FindingBundle, PacketContent } from './packet.collect.ts';

/** A file of the packet outside archive/, indexes/ and pages/ (those js-wacz writes). */
export interface PacketFile {
  path: string;
  bytes: Buffer;
}

export interface PacketPage {
  id: string;
  url: string;
  title: string;
  ts: string;
}

/** Everything the WACZ is assembled from, before the report and the custody log are added. */
export interface PacketParts {
  files: PacketFile[];
  /** archive/data.warc.gz: every capture's WARC records, one gzip member per record. */
  warcGz: Buffer;
  pages: PacketPage[];
  custody: CustodyEvent[];
  /** Captures whose WARC was rebuilt from the stored files because the capture kept none. */
  reconstructed: number[];
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
const extOf = (key: string, fallback: string) => /\.([a-z0-9]{1,8})$/.exec(key)?.[1] ?? fallback;

/**
 * Splits an uncompressed WARC into its records (warcio's parser gives each record's offset) and gzips
 * each record on its own: a replay tool can then seek to any record, as the WARC spec's "record at a time"
 * compression intends. The records' bytes are the stored ones, unchanged.
 */
export async function gzipPerRecord(warc: Buffer): Promise<Buffer> {
  const offsets: number[] = [];
  const parser = new WARCParser([warc]);
  for await (const record of parser) {
    await record.skipFully();
    offsets.push(parser.offset);
  }
  const members: Buffer[] = [];
  for (const [i, start] of offsets.entries()) members.push(gzipSync(warc.subarray(start, offsets[i + 1] ?? warc.byteLength)));
  return Buffer.concat(members);
}

export function subjectKey(bundle: FindingBundle): string {
  return bundle.work ? `work-${bundle.work.id}` : `mark-${bundle.mark!.id}`;
}

export function capturePath(e: Evidence): string {
  return `screenshots/capture-${e.id}.png`;
}

export class PacketFileBuilder {
  private readonly blobs: Pick<BlobRepository, 'read'>;

  constructor(
    store: BlobRepository,
    private readonly software: string,
  ) {
    // A file the database names but the evidence store lacks is an incomplete packet: refuse, naming it.
    this.blobs = {
      read: (key: string) =>
        store.read(key).catch((error: NodeJS.ErrnoException) => {
          throw error.code === 'ENOENT' ? new DependencyError(`evidence file ${key} is missing from the evidence store; the packet was not made`) : error;
        }),
    };
  }

  async build(content: PacketContent): Promise<PacketParts> {
    const files: PacketFile[] = [];
    const custody: CustodyEvent[] = [];
    const warcs: Buffer[] = [];
    const pages: PacketPage[] = [];
    const reconstructed: number[] = [];
    const seenSubjects = new Set<string>();
    const seenListings = new Set<number>();

    if (content.caseRow) {
      const { caseRow, notices } = content;
      files.push({ path: 'case.json', bytes: json({ case: caseRow, findings: content.findings.map((b) => b.finding.id), notices }) });
      const creator = caseRow.createdBy != null ? content.people.get(caseRow.createdBy) : undefined;
      custody.push({ at: caseRow.createdAt.toISOString(), event: 'case', who: creator ? `${creator.name} <${creator.email}>` : 'ipwatch', what: `case #${caseRow.id} opened: ${caseRow.title}`, ref: { caseId: caseRow.id } });
      for (const n of notices) {
        if (n.sentAt) custody.push({ at: n.sentAt.toISOString(), event: 'notice', who: n.issuingAuthority ?? 'ipwatch', what: `notice #${n.id} (${n.basis}) sent to ${n.recipient}`, ref: { noticeId: n.id } });
        if (n.receivedAt) custody.push({ at: n.receivedAt.toISOString(), event: 'notice', who: n.recipient, what: `notice #${n.id} received`, ref: { noticeId: n.id } });
      }
    }

    for (const bundle of content.findings) {
      const { finding, listing } = bundle;
      const key = subjectKey(bundle);
      if (!seenSubjects.has(key)) {
        seenSubjects.add(key);
        files.push(...(await this.subjectFiles(bundle, key)));
      }
      files.push({
        path: `findings/finding-${finding.id}.json`,
        bytes: json({ finding, subject: key, listing, listingImages: bundle.images, captures: bundle.evidence.map((e) => e.id), reviews: bundle.reviews.map(({ reviewerName, ...r }) => ({ ...r, reviewer: reviewerName })) }),
      });
      custody.push({ at: finding.createdAt.toISOString(), event: 'match', who: 'ipwatch matcher', what: `finding #${finding.id}: listing #${listing.id} matched ${key} (score ${finding.score.toFixed(3)})`, ref: { findingId: finding.id } });
      for (const r of bundle.reviews) {
        const person = content.people.get(r.userId);
        custody.push({ at: r.createdAt.toISOString(), event: 'review', who: person ? `${person.name} <${person.email}>` : r.reviewerName, what: `finding #${finding.id}: ${r.fromStatus} → ${r.toStatus}${r.note ? ` (${r.note})` : ''}`, ref: { findingId: finding.id, reviewId: r.id } });
      }
      if (seenListings.has(listing.id)) continue;
      seenListings.add(listing.id);
      for (const image of bundle.images) {
        if (!image.blobKey) continue;
        files.push({ path: `listings/listing-${listing.id}/image-${image.id}.${extOf(image.blobKey, 'bin')}`, bytes: await this.blobs.read(image.blobKey) });
      }
      for (const e of bundle.evidence) {
        const screenshot = await this.blobs.read(e.screenshotKey);
        files.push({ path: capturePath(e), bytes: screenshot });
        files.push({ path: `captures/capture-${e.id}.json`, bytes: json({ ...e, listingId: listing.id, screenshot: capturePath(e) }) });
        const stored = e.warcKey ? await this.blobs.read(e.warcKey) : undefined;
        if (!stored) reconstructed.push(e.id);
        warcs.push(await gzipPerRecord(stored ?? (await this.reconstruct(e, screenshot))));
        pages.push({ id: `capture-${e.id}`, url: e.url, title: listing.title, ts: e.capturedAt.toISOString() });
        const run = e.runId != null ? content.runs.get(e.runId) : undefined;
        const requester = run?.requestedBy != null ? content.people.get(run.requestedBy) : undefined;
        custody.push({
          at: e.capturedAt.toISOString(),
          event: 'capture',
          who: requester ? `${e.software}, requested by ${requester.name} <${requester.email}>` : `${e.software}${run ? ` (${run.trigger} run #${run.id})` : ''}`,
          what: `captured ${e.url}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}`,
          ref: { captureId: e.id, screenshotSha256: e.screenshotSha256, htmlSha256: e.htmlSha256, warcSha256: e.warcSha256 ?? null },
        });
      }
    }
    for (const a of content.audit) {
      custody.push({ at: a.at.toISOString(), event: a.action.startsWith('packet.') ? 'export' : 'audit', who: a.actorLabel, what: `${a.action} ${a.entityType} #${a.entityId}`, ref: { auditEventId: a.id, auditHash: a.hash } });
    }
    return { files, warcGz: Buffer.concat(warcs), pages, custody, reconstructed };
  }

  /** The registered work's or mark's record, and its stored files (certificate scan, registered images). */
  private async subjectFiles(bundle: FindingBundle, key: string): Promise<PacketFile[]> {
    const record = bundle.work ? { registryType: 'work', ...bundle.work } : { registryType: 'mark', ...bundle.mark! };
    const out: PacketFile[] = [{ path: `registry/${key}.json`, bytes: json({ ...record, assets: bundle.assets.map(({ content: _content, ...a }) => a) }) }];
    for (const asset of bundle.assets) {
      if (!asset.blobKey) continue;
      out.push({ path: `registry/${key}/asset-${asset.id}-${asset.kind}.${extOf(asset.blobKey, 'bin')}`, bytes: await this.blobs.read(asset.blobKey) });
    }
    return out;
  }

  /**
   * A capture from before WARC recording (or imported without one): its stored server response, rendered
   * DOM and screenshot are written as WARC records with the capture's own time, and the metadata record
   * says they were assembled at export, so nobody mistakes them for a recording made at capture.
   */
  private async reconstruct(e: Evidence, screenshot: Buffer): Promise<Buffer> {
    const html = (await this.blobs.read(e.htmlKey)).toString('utf8');
    const response = e.responseKey ? await this.blobs.read(e.responseKey) : undefined;
    return buildWarc({
      pageUrl: e.url,
      capturedAt: e.capturedAt,
      software: e.software,
      main: response ? { url: e.url, method: 'GET', requestHeaders: {}, status: e.httpStatus ?? 200, statusText: '', responseHeaders: e.headers ?? {}, body: response } : undefined,
      subresources: [],
      screenshot,
      renderedHtml: html,
      metadata: { reconstructedAtExport: true, exportedBy: this.software, captureId: e.id, screenshotSha256: e.screenshotSha256, htmlSha256: e.htmlSha256, responseSha256: e.responseSha256, serverIp: e.serverIp, tls: e.tls },
    });
  }
}
