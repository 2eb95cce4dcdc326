import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { BlobRepository } from '../../core/blob/blob.repository.ts';
import { parseConfig } from '../../core/config/config.ts';
import { openDatabase } from '../../core/database/database.ts';
import { createLogger } from '../../core/logging/logger.ts';
import { buildWarc } from '../../crawler/evidence/warc.writer.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { scenePng } from '../../fingerprints/image/synthetic.fixture.ts';
import { WorkRepository } from '../../fingerprints/work.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import { insertCase } from '../../api/packets/packet.fixture.ts';
import { PacketService } from '../../api/packets/packet.service.ts';
import { verifyPacket } from '../../api/packets/packet.verify.ts';
import { nowMs, type Bench, type Cell } from './bench.util.ts';

/**
 * Issue 9's packet figures: export of a case of 50 listings (each with a full-page screenshot, its WARC of
 * page, JSON, screenshot, DOM and two product images, a finding with image and text signals) — time and
 * size — then the offline verify time. PGlite in memory: the export's cost is files, hashing and the PDF.
 */
const LISTINGS = 50;

/** A page-like screenshot: a header, a product image, lines of text; compresses like a real one (~100 KB). */
async function screenshotPng(i: number, image: Buffer): Promise<Buffer> {
  const lines = Array.from({ length: 40 }, (_, k) => `<rect x="60" y="${700 + k * 36}" width="${600 + ((i * 37 + k * 53) % 500)}" height="14" fill="#c8ccd2"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="2200"><rect width="1280" height="2200" fill="#fff"/><rect width="1280" height="80" fill="#ee4d2d"/><text x="40" y="52" font-size="30" fill="#fff">Cho Demo ${i}</text>${lines}</svg>`;
  return sharp(Buffer.from(svg)).composite([{ input: await sharp(image).resize(500, 500).toBuffer(), left: 60, top: 120 }]).png().toBuffer();
}

async function seed(dataDir: string) {
  const db = await openDatabase({});
  const blobs = new BlobRepository(path.join(dataDir, 'blobs'));
  const works = new WorkRepository(db.db);
  const listings = new ListingRepository(db.db);
  const findings = new FindingRepository(db.db);
  const owner = await works.upsertOwner('Làng tranh Đông Hồ', 'organisation');
  const work = await works.create({ title: 'Tranh Đám cưới chuột', type: 'fine_art', authors: ['Nghệ nhân'], certificateNo: '3794/2026/QTG', certificateDate: '2026-03-12' }, [owner.id]);
  const art = await blobs.put(await scenePng(1, 800, 600), 'png');
  await works.addAsset({ workId: work.id, kind: 'image', blobKey: art.key, sha256: art.sha256, mime: 'image/png' });
  const scan = await blobs.put(await sharp(await scenePng(2, 1240, 1754)).jpeg({ quality: 80 }).toBuffer(), 'jpg');
  await works.addAsset({ workId: work.id, kind: 'document', blobKey: scan.key, sha256: scan.sha256, mime: 'image/jpeg', originalName: 'giay-chung-nhan.jpg' });
  // Eight distinct product photos shared out round-robin: synthesizing 100 would dominate the bench's time.
  const photos = await Promise.all(Array.from({ length: 8 }, async (_, k) => sharp(await scenePng(100 + k, 640, 640)).jpeg({ quality: 85 }).toBuffer()));
  const ids: number[] = [];
  const at = new Date('2026-11-20T03:00:00Z');
  for (let i = 0; i < LISTINGS; i++) {
    const url = `https://shop${i % 7}.example.vn/tranh-dong-ho-${i}`;
    const title = `Tranh Đông Hồ Đám cưới chuột in canvas mẫu ${i}`;
    const { listing } = await listings.upsert({ platform: ['shopee', 'lazada', 'tiki'][i % 3]!, url, title, description: 'Tranh dân gian Đám cưới chuột '.repeat(20), priceVnd: 100_000 + i * 1000, sellerName: `Shop ${i % 7}`, contentHash: `h${i}` }, at);
    const product = [photos[i % 8]!, photos[(i + 3) % 8]!];
    const shot = await screenshotPng(i, product[0]!);
    const html = `<!doctype html><html><head><title>${title}</title></head><body>${'<p>Mô tả sản phẩm tranh dân gian Đông Hồ.</p>'.repeat(1500)}</body></html>`;
    const capturedAt = new Date(at.getTime() + i * 60_000);
    const warc = await buildWarc({
      pageUrl: url, capturedAt, software: 'ipwatch 0.1.0 / Chromium',
      main: { url, method: 'GET', requestHeaders: { 'user-agent': 'ipwatch' }, status: 200, statusText: 'OK', responseHeaders: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(html) },
      subresources: [{ url: `${url}/api.json`, method: 'GET', requestHeaders: {}, status: 200, statusText: 'OK', responseHeaders: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ title, price: 100_000 + i })) }],
      screenshot: shot, renderedHtml: html,
      images: product.map((body, k) => ({ url: `https://cdn.example.vn/${i}-${k}.jpg`, mime: 'image/jpeg', body })),
      metadata: { serverIp: '203.0.113.7' },
    });
    const [s, h, w] = await Promise.all([blobs.put(shot, 'png'), blobs.put(html, 'html'), blobs.put(warc, 'warc')]);
    for (const [k, body] of product.entries()) {
      const b = await blobs.put(body, 'jpg');
      await listings.upsertImage({ listingId: listing.id, url: `https://cdn.example.vn/${i}-${k}.jpg`, position: k, blobKey: b.key, sha256: b.sha256, mime: 'image/jpeg', bytes: b.bytes });
    }
    await listings.addEvidence({ listingId: listing.id, url, capturedAt, httpStatus: 200, headers: { 'content-type': 'text/html' }, screenshotKey: s.key, screenshotSha256: s.sha256, htmlKey: h.key, htmlSha256: h.sha256, warcKey: w.key, warcSha256: w.sha256, software: 'ipwatch 0.1.0 / Chromium' });
    const finding = await findings.upsert({ listingId: listing.id, workId: work.id, score: 0.9, signals: [{ kind: 'image', algorithm: 'pdq', score: 0.95, distance: 20, threshold: 70, explanation: 'The registered image appears in the product card.', workRegion: { x: 0, y: 0, w: 800, h: 600 }, listingRegion: { x: 40, y: 40, w: 560, h: 420 } }, { kind: 'text', algorithm: 'title-shingles', score: 0.8, explanation: 'The work title appears in the listing title.', spans: [{ field: 'title', text: 'Đám cưới chuột' }] }] }, capturedAt);
    ids.push(finding.id);
  }
  const caseId = await insertCase(db.db, `Tranh Đông Hồ — ${LISTINGS} tin đăng`, ids);
  return { db, blobs, caseId };
}

export const packetBench: Bench = {
  name: 'packet',
  description: `evidence packet export of a case of ${LISTINGS} listings (time, size) and offline verify time`,
  async run({ quick, log }) {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-bench-packet-'));
    try {
      log(`packet: synthesizing ${LISTINGS} listings with screenshots and WARCs…`);
      const { db, blobs, caseId } = await seed(dataDir);
      const config = parseConfig({ IPWATCH_DATA_DIR: dataDir });
      const service = new PacketService({ config, db: db.db, blobs, logger: createLogger('warn'), now: () => new Date() });
      await service.publicKey();
      const rows: Cell[][] = [];
      const runs = quick ? 1 : 3;
      for (let r = 0; r < runs; r++) {
        log(`packet: export ${r + 1}/${runs}`);
        const t0 = nowMs();
        const packet = await service.export({ kind: 'case', id: caseId }, { userId: null, label: 'bench' });
        const exportMs = nowMs() - t0;
        const t1 = nowMs();
        const verdict = await verifyPacket(packet.file);
        const verifyMs = nowMs() - t1;
        if (!verdict.intact) throw new Error(`bench packet does not verify: ${JSON.stringify(verdict)}`);
        rows.push([r + 1, LISTINGS, verdict.files, Math.round(exportMs), Math.round((packet.size / 1024 ** 2) * 10) / 10, Math.round(verifyMs), Math.round(packet.size / 1024 ** 2 / (verifyMs / 1000))]);
        await packet.cleanup();
      }
      await db.close();
      return {
        name: 'packet',
        tables: [{ title: `Case packet, ${LISTINGS} listings (PGlite, one process)`, columns: ['run', 'listings', 'files', 'export ms', 'size MB', 'verify ms', 'verify MB/s'], rows }],
        notes: [
          'export = read rows and blobs, gzip every WARC record, the PDF report, js-wacz (CDXJ index, ZIP, datapackage), ECDSA P-384 signature, audit event',
          'verify = offline: SHA-256 of every entry streamed from the ZIP, digest, signature, custody chain; nothing extracted',
        ],
      };
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  },
};
