import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../core/audit/audit.repository.ts';
import { readWarc } from '../../crawler/evidence/warc.reader.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { createApiFixture, login, type ApiFixture } from '../test/api.fixture.ts';
import { brokenCustodyLine } from './packet.custody.ts';
import { HOSTILE_TITLE, insertCase, seedPacketExtras, tamper, unzip, zipOf } from './packet.fixture.ts';
import { PacketService, REPORT_PATH } from './packet.service.ts';
import { verifyPacket } from './packet.verify.ts';

describe.each(databaseKinds())('evidence packets (%s)', (kind) => {
  let fx: ApiFixture;
  let packet: Buffer;
  let files: Map<string, Buffer>;
  let ownCase: number;
  let mixedCase: number;
  let hostileId: number;

  beforeAll(async () => {
    fx = await createApiFixture(kind);
    const { hostile } = await seedPacketExtras(fx.deps.db, fx.deps.blobs, fx.seeded.findingA, new Date('2026-11-21T02:00:00Z'));
    hostileId = hostile.id;
    ownCase = await insertCase(fx.deps.db, 'Shop Tranh Đẹp 68 — tranh Đông Hồ', [fx.seeded.findingA.id, hostile.id]);
    mixedCase = await insertCase(fx.deps.db, 'Hai chủ sở hữu', [fx.seeded.findingA.id, fx.seeded.findingB.id]);
    const service = new PacketService(fx.deps);
    const exported = await service.export({ kind: 'finding', id: fx.seeded.findingA.id }, { userId: fx.seeded.inspector.id, label: fx.seeded.inspector.email });
    packet = await fs.readFile(exported.file);
    await exported.cleanup();
    files = await unzip(packet);
  }, 120_000);
  afterAll(async () => fx?.close());

  it('exports a WACZ 1.1.1 whose datapackage lists every other file with its true SHA-256 and size', async () => {
    const datapackage = JSON.parse(files.get('datapackage.json')!.toString('utf8')) as { profile: string; wacz_version: string; created: string; software: string; resources: { name: string; path: string; hash: string; bytes: number }[] };
    expect(datapackage).toMatchObject({ profile: 'data-package', wacz_version: '1.1.1' });
    expect(datapackage.software).toMatch(/js-wacz/);
    const listed = datapackage.resources.map((r) => r.path).sort();
    expect(listed).toEqual([...files.keys()].filter((n) => n !== 'datapackage.json' && n !== 'datapackage-digest.json').sort());
    for (const r of datapackage.resources) {
      const bytes = files.get(r.path)!;
      expect(r.hash, r.path).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      expect(r.bytes, r.path).toBe(bytes.byteLength);
      expect(r.name).toBe(path.posix.basename(r.path));
    }
    expect(listed).toEqual(expect.arrayContaining(['archive/data.warc.gz', 'indexes/index.cdx', 'pages/pages.jsonl', REPORT_PATH, 'custody.jsonl', `findings/finding-${fx.seeded.findingA.id}.json`, `screenshots/capture-${fx.seeded.evidenceIdA}.png`]));
    expect(listed.some((p) => /^registry\/work-\d+\.json$/.test(p))).toBe(true);
    expect(listed.some((p) => /^registry\/work-\d+\/asset-\d+-image\.png$/.test(p))).toBe(true);

    const digest = JSON.parse(files.get('datapackage-digest.json')!.toString('utf8')) as { path: string; hash: string; signedData: Record<string, string> };
    expect(digest.path).toBe('datapackage.json');
    expect(digest.hash).toBe(`sha256:${createHash('sha256').update(files.get('datapackage.json')!).digest('hex')}`);
    expect(digest.signedData).toMatchObject({ hash: digest.hash, created: datapackage.created, software: expect.stringMatching(/^ipwatch \d/), version: expect.any(String) });
  });

  it('signs the datapackage hash as an anonymous WACZ signature that node:crypto verifies with the SPKI key', async () => {
    const { signedData } = JSON.parse(files.get('datapackage-digest.json')!.toString('utf8')) as { signedData: { hash: string; signature: string; publicKey: string } };
    const key = createPublicKey({ key: Buffer.from(signedData.publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    const signature = Buffer.from(signedData.signature, 'base64');
    expect(signature.byteLength).toBe(96); // r‖s, 48 bytes each
    expect(verify('sha256', Buffer.from(signedData.hash, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    const keys = await new PacketService(fx.deps).publicKey();
    expect(signedData.publicKey).toBe(keys.publicKeySpki);
    expect((await fs.stat(path.join(fx.deps.config.dataDir, 'secrets', 'packet-signing.key'))).mode & 0o077).toBe(0);
  });

  it('carries the stored WARC records (one gzip member each), a CDXJ index, the pages header and a chained custody log', async () => {
    const records = await readWarc(gunzipSync(files.get('archive/data.warc.gz')!));
    expect(records.map((r) => r.type)).toEqual(expect.arrayContaining(['warcinfo', 'request', 'response', 'resource', 'metadata']));
    expect(records.every((r) => r.payloadDigestOk !== false)).toBe(true);
    const cdx = files.get('indexes/index.cdx')!.toString('utf8').trim().split('\n');
    const response = cdx.map((l) => JSON.parse(l.slice(l.indexOf('{'))) as Record<string, string>).find((j) => j.url === 'https://shopee.example.vn/tranh-dong-ho-dam-cuoi-chuot-i.123.456' && j.status !== undefined);
    expect(response).toMatchObject({ filename: 'data.warc.gz', status: '200' });
    // The index points at a gzip member that inflates on its own to exactly that record.
    const member = files.get('archive/data.warc.gz')!.subarray(Number(response!.offset), Number(response!.offset) + Number(response!.length));
    expect(gunzipSync(member).toString('latin1')).toMatch(/^WARC\/1\.1\r\n(.+\r\n)*WARC-Type: response\r\n/);
    const pages = files.get('pages/pages.jsonl')!.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(pages[0]).toMatchObject({ format: 'json-pages-1.0', id: 'pages', title: expect.any(String) });
    expect(pages[1]).toMatchObject({ url: 'https://shopee.example.vn/tranh-dong-ho-dam-cuoi-chuot-i.123.456', ts: '2026-11-20T03:15:42.000Z' });
    const custody = files.get('custody.jsonl')!.toString('utf8');
    expect(brokenCustodyLine(custody)).toBeUndefined();
    const events = custody.trim().split('\n').map((l) => JSON.parse(l) as { event: string; who: string });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['capture', 'match', 'export']));
    expect(events.at(-1)).toMatchObject({ event: 'export', who: fx.seeded.inspector.email });
    const audit = await new AuditRepository(fx.deps.db).list({ action: 'packet.export', entityType: 'finding', entityId: fx.seeded.findingA.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ datapackageHash: expect.stringMatching(/^sha256:/), findings: [fx.seeded.findingA.id] });
  });

  it('verifies intact, and names the file when one byte changes in the screenshot, the WARC, the datapackage or the signature', async () => {
    expect(await verifyPacket(packet)).toMatchObject({ intact: true });
    const shot = `screenshots/capture-${fx.seeded.evidenceIdA}.png`;
    expect(await verifyPacket(await tamper(packet, shot))).toMatchObject({ intact: false, file: shot });
    expect(await verifyPacket(await tamper(packet, 'archive/data.warc.gz'))).toMatchObject({ intact: false, file: 'archive/data.warc.gz' });
    expect(await verifyPacket(await tamper(packet, 'datapackage.json', (d) => d.indexOf('"bytes"') + 3))).toMatchObject({ intact: false, file: 'datapackage.json' });
    const sig = (d: Buffer) => d.indexOf('"signature": "') + 20;
    expect(await verifyPacket(await tamper(packet, 'datapackage-digest.json', sig))).toMatchObject({ intact: false, file: 'datapackage-digest.json', reason: 'signature does not verify' });
  });

  it('refuses a packet signed by another key when the Department key is pinned', async () => {
    const keys = await new PacketService(fx.deps).publicKey();
    expect(await verifyPacket(packet, { publicKey: keys.publicKeyPem })).toMatchObject({ intact: true });
    const other = createPublicKey(execFileSync('openssl', ['ecparam', '-name', 'secp384r1', '-genkey', '-noout']).toString()).export({ type: 'spki', format: 'pem' }).toString();
    expect(await verifyPacket(packet, { publicKey: other })).toMatchObject({ intact: false, file: 'datapackage-digest.json' });
  });

  it('exports a case with every finding in it, and renders a hostile crawled title as plain text in the PDF', async () => {
    const exported = await new PacketService(fx.deps).export({ kind: 'case', id: ownCase }, { userId: fx.seeded.officer.id, label: fx.seeded.officer.email });
    const bytes = await fs.readFile(exported.file);
    await exported.cleanup();
    expect(await verifyPacket(bytes)).toMatchObject({ intact: true });
    const entries = await unzip(bytes);
    expect(entries.has('case.json')).toBe(true);
    expect(entries.has(`findings/finding-${hostileId}.json`)).toBe(true);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-report-'));
    try {
      await fs.writeFile(path.join(dir, 'r.pdf'), entries.get(REPORT_PATH)!);
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-']).toString();
      expect(text).toContain('BÁO CÁO CHỨNG CỨ ĐIỆN TỬ');
      expect(text).toContain('Thừa phát lại');
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('<script>alert("x")</script> "Đám cưới chuột"');
      expect(flat).toContain('<b>giá rẻ</b>');
      expect(flat).toContain('<img src=x onerror=alert(1)>');
      expect(HOSTILE_TITLE).toContain('\u001b');
      expect(text).not.toMatch(/[\u0000-\u0008\u001b]/);
      expect(flat).toMatch(/UTC/);
      expect(flat).toMatch(/\(UTC\+7\)/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses to make a packet whose evidence file is missing from the store, naming it', async () => {
    const listings = new ListingRepository(fx.deps.db);
    const { listing } = await listings.upsert({ platform: 'shopee', url: 'https://shopee.example.vn/mat-file', title: 'Tranh Đông Hồ', contentHash: 'm1' }, new Date());
    const missing = `ab/${'ab'.repeat(32)}.png`;
    await listings.addEvidence({ listingId: listing.id, url: listing.url, capturedAt: new Date(), screenshotKey: missing, screenshotSha256: 'ab'.repeat(32), htmlKey: missing, htmlSha256: 'ab'.repeat(32), software: 'ipwatch' });
    const finding = await new FindingRepository(fx.deps.db).upsert({ listingId: listing.id, workId: fx.seeded.findingA.workId, score: 0.7, signals: [] }, new Date());
    await expect(new PacketService(fx.deps).export({ kind: 'finding', id: finding.id }, { userId: null, label: 'test' })).rejects.toThrow(`evidence file ${missing} is missing`);
  });

  it('serves packets over REST by role: own finding/case for a holder, 404 for another holder\'s, any for an inspector', async () => {
    const { app, seeded } = fx;
    const holderA = (await login(app, seeded.holderA.email)).cookie!;
    const holderB = (await login(app, seeded.holderB.email)).cookie!;
    const inspector = (await login(app, seeded.inspector.email)).cookie!;
    const get = (url: string, cookie: string) => app.request(url, { headers: { cookie } });

    const own = await get(`/api/v1/findings/${seeded.findingA.id}/packet`, holderA);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/zip');
    expect(own.headers.get('content-disposition')).toContain(`ipwatch-finding-${seeded.findingA.id}.wacz`);
    expect(await verifyPacket(Buffer.from(await own.arrayBuffer()))).toMatchObject({ intact: true });

    for (const url of [`/api/v1/findings/${seeded.findingA.id}/packet`, `/api/v1/cases/${ownCase}/packet`]) {
      const res = await get(url, holderB);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await get(`/api/v1/cases/${mixedCase}/packet`, holderA)).status).toBe(404);
    expect((await get(`/api/v1/cases/${ownCase}/packet`, holderA)).status).toBe(200);
    expect((await get(`/api/v1/cases/${mixedCase}/packet`, inspector)).status).toBe(200);
    expect((await get('/api/v1/findings/999999/packet', inspector)).status).toBe(404);
    expect((await get('/api/v1/cases/999999/packet', inspector)).status).toBe(404);
    expect((await get(`/api/v1/cases/${await insertCase(fx.deps.db, 'Trống', [])}/packet`, inspector)).status).toBe(409);
    expect((await get('/api/v1/findings/abc/packet', inspector)).status).toBe(400);
    expect((await app.request(`/api/v1/findings/${seeded.findingA.id}/packet`)).status).toBe(401);

    const key = await get('/api/v1/packets/public-key', holderB);
    expect(key.status).toBe(200);
    const body = (await key.json()) as { publicKeyPem: string; publicKeySpki: string; fingerprint: string };
    expect(body.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(body.fingerprint).toBe(createHash('sha256').update(Buffer.from(body.publicKeySpki, 'base64')).digest('hex'));
    const openapi = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/findings/{id}/packet', '/api/v1/cases/{id}/packet', '/api/v1/packets/public-key']));
  }, 120_000);
});

describe('packet verify on hostile archives', () => {
  it('loads nothing that reaches a database, Redis or the network (its whole import graph)', async () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = async (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = await fs.readFile(file, 'utf8');
      for (const [, spec] of source.matchAll(/^import (?!type )[^;]*?from '([^']+)';/gm)) {
        if (spec!.startsWith('.')) await visit(path.resolve(path.dirname(file), spec!));
        else packages.add(spec!);
      }
    };
    await visit(path.resolve(import.meta.dirname, 'packet.verify.ts'));
    expect([...packages].sort()).toEqual(['node:crypto', 'yauzl', 'zod']);
    expect([...seen].map((f) => path.relative(path.resolve(import.meta.dirname, '../..'), f)).sort()).toEqual(['api/packets/packet.custody.ts', 'api/packets/packet.sign.ts', 'api/packets/packet.verify.ts', 'core/audit/audit.chain.ts']);
  });

  it('refuses a ZIP with ../ paths, a ZIP bomb, a missing digest and a non-ZIP with one clear reason', async () => {
    const traversal = await zipOf([['../../evil.txt', Buffer.from('x')], ['datapackage.json', Buffer.from('{}')]]);
    expect(await verifyPacket(traversal)).toMatchObject({ intact: false, reason: expect.stringMatching(/unsafe path.*\.\.\/\.\.\/evil\.txt/) });
    const bomb = await zipOf([['datapackage-digest.json', Buffer.from('{}')], ['archive/zeros.warc.gz', Buffer.alloc(64 * 1024 ** 2)]], true);
    expect(bomb.byteLength).toBeLessThan(1024 ** 2);
    expect(await verifyPacket(bomb)).toMatchObject({ intact: false, reason: expect.stringMatching(/ZIP bomb/) });
    expect(await verifyPacket(await zipOf([['datapackage.json', Buffer.from('{}')]]))).toMatchObject({ intact: false, reason: expect.stringMatching(/datapackage-digest\.json is missing/) });
    expect(await verifyPacket(Buffer.from('not a zip at all'))).toMatchObject({ intact: false, reason: expect.stringMatching(/not a readable ZIP/) });
  });
});
