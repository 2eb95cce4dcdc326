import yauzl from 'yauzl';
import yazl from 'yazl';
import { eq } from 'drizzle-orm';
import type { Database } from '../../core/database/database.ts';
import type { BlobRepository } from '../../core/blob/blob.repository.ts';
import { evidence } from '../../crawler/crawler.schema.ts';
import { buildWarc } from '../../crawler/evidence/warc.writer.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import type { Finding } from '../../matcher/matcher.schema.ts';
import { caseFindings, cases } from '../cases/case.schema.ts';

/** Test helpers for packets: read a ZIP into memory, rewrite one entry, seed what the API fixture lacks. */
export async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(bytes, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))));
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return out;
}

/**
 * A ZIP of the given entries, in order. yazl refuses `..` in names, so a hostile name is written with
 * `__` in place of each `..` and patched in the bytes afterwards (local header and central directory).
 */
export async function zipOf(entries: [string, Buffer][], compress = false): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(data, name.replaceAll('..', '__'), { compress, mtime: new Date('2026-01-01T00:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const out = Buffer.concat(chunks);
  for (const [name] of entries.filter(([n]) => n.includes('..'))) {
    const safe = Buffer.from(name.replaceAll('..', '__'));
    for (let i = out.indexOf(safe); i >= 0; i = out.indexOf(safe, i + 1)) out.write(name, i, 'utf8');
  }
  return out;
}

/** The packet with one byte of one entry flipped, everything else untouched. */
export async function tamper(packet: Buffer, name: string, at?: (data: Buffer) => number): Promise<Buffer> {
  const entries = [...(await unzip(packet)).entries()];
  const found = entries.find(([n]) => n === name);
  if (!found) throw new Error(`${name} not in packet`);
  const copy = Buffer.from(found[1]);
  const i = at ? at(copy) : Math.floor(copy.length / 2);
  copy[i] = copy[i]! ^ 0x01;
  found[1] = copy;
  return zipOf(entries);
}

/** PostgreSQL refuses NUL in text, so the crawler can never store one; the other control characters pass. */
export const HOSTILE_TITLE = 'Tranh <script>alert("x")</script> "Đám cưới chuột" \u0007\u001b[31m\u000c & ) ( \\ endstream %%EOF <b>giá rẻ</b>';

/** Gives listing A's first capture a real WARC, and adds a second finding on work A whose listing has a hostile title. */
export async function seedPacketExtras(db: Database, blobs: BlobRepository, findingA: Finding, at: Date): Promise<{ hostile: Finding }> {
  const listings = new ListingRepository(db);
  const [first] = await listings.evidenceOf(findingA.listingId);
  const screenshot = await blobs.read(first!.screenshotKey);
  const warc = await buildWarc({
    pageUrl: first!.url,
    capturedAt: first!.capturedAt,
    software: first!.software,
    main: { url: first!.url, method: 'GET', requestHeaders: { 'user-agent': 'ipwatch' }, status: 200, statusText: 'OK', responseHeaders: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from('<!doctype html><title>Tranh Đông Hồ</title><h1>Đám cưới chuột</h1>') },
    subresources: [],
    screenshot,
    renderedHtml: '<html><body><h1>Đám cưới chuột</h1></body></html>',
    metadata: { serverIp: '203.0.113.7' },
  });
  const stored = await blobs.put(warc, 'warc');
  await db.update(evidence).set({ warcKey: stored.key, warcSha256: stored.sha256 }).where(eq(evidence.id, first!.id));

  const { listing } = await listings.upsert({ platform: 'tiktok', url: 'https://shop.example.vn/p/"hostile"?a=<b>', title: HOSTILE_TITLE, description: 'Mô tả\u0008 có ký tự điều khiển', sellerName: '<img src=x onerror=alert(1)>', contentHash: 'h1' }, at);
  await listings.addEvidence({ listingId: listing.id, url: listing.url, capturedAt: at, httpStatus: 200, screenshotKey: first!.screenshotKey, screenshotSha256: first!.screenshotSha256, htmlKey: first!.htmlKey, htmlSha256: first!.htmlSha256, software: 'ipwatch 0.1.0 / Chromium' });
  const hostile = await new FindingRepository(db).upsert({ listingId: listing.id, workId: findingA.workId, score: 0.81, signals: [{ kind: 'text', algorithm: 'title-shingles', score: 0.81, explanation: 'Tiêu đề chứa "Đám cưới chuột" <b>', spans: [{ field: 'title', text: HOSTILE_TITLE }] }] }, at);
  return { hostile };
}

export async function insertCase(db: Database, title: string, findingIds: number[]): Promise<number> {
  const [row] = await db.insert(cases).values({ title, groupedBy: 'manual' }).returning();
  if (findingIds.length) await db.insert(caseFindings).values(findingIds.map((findingId) => ({ caseId: row!.id, findingId })));
  return row!.id;
}
