import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { BlobRepository } from '../../core/blob/blob.repository.ts';
import { parseConfig, type Config } from '../../core/config/config.ts';
import { createLogger } from '../../core/logging/logger.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { WorkRepository } from '../../fingerprints/work.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import type { Finding } from '../../matcher/matcher.schema.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../../test/helpers/databases.ts';
import { createTestQueues, type TestQueues } from '../../test/helpers/queues.ts';
import type { User } from '../api.schema.ts';
import { createApp, type AppOptions } from '../app.ts';
import type { ApiDeps } from '../app.types.ts';
import { UserRepository } from '../user.repository.ts';
import { productCardJpeg, screenshotPng, workPng } from './images.fixture.ts';

export const PASSWORD = 'mat-khau-an-toan-2026';
const NOW = new Date('2026-11-20T03:15:42.000Z');

export interface Seeded {
  officer: User;
  inspector: User;
  holderA: User;
  holderB: User;
  /** Finding on owner A's work (Đông Hồ painting), with image and text signals and evidence. */
  findingA: Finding;
  /** Finding on owner B's work. */
  findingB: Finding;
  evidenceIdA: number;
  listingImageIdA: number;
  assetIdA: number;
  assetIdB: number;
}

export interface ApiFixture {
  db: TestDatabase;
  queues: TestQueues;
  deps: ApiDeps;
  seeded: Seeded;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export async function createApiFixture(kind: DatabaseKind, options: { config?: Record<string, string>; app?: AppOptions; redis?: Redis } = {}): Promise<ApiFixture> {
  const db = await createTestDatabase(kind);
  const queues = createTestQueues();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-api-'));
  const config: Config = parseConfig({ IPWATCH_DATA_DIR: dataDir, IPWATCH_LOG_LEVEL: 'silent', NODE_ENV: 'test', ...options.config });
  const deps: ApiDeps = {
    config,
    db: db.db,
    blobs: new BlobRepository(path.join(dataDir, 'blobs')),
    queues: queues.queues,
    logger: createLogger('silent'),
    now: () => new Date(),
    redis: options.redis ?? queues.redis,
  };
  const seeded = await seed(deps);
  return {
    db,
    queues,
    deps,
    seeded,
    app: createApp(deps, options.app),
    close: async () => {
      await queues.cleanup();
      await db.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function seed(deps: ApiDeps): Promise<Seeded> {
  const works = new WorkRepository(deps.db);
  const listings = new ListingRepository(deps.db);
  const findings = new FindingRepository(deps.db);
  const users = new UserRepository(deps.db);

  const ownerA = await works.upsertOwner('Làng tranh Đông Hồ', 'organisation');
  const ownerB = await works.upsertOwner('HTX Gốm Phù Lãng', 'organisation');
  const workA = await works.create({ title: 'Tranh Đám cưới chuột', type: 'fine_art', authors: ['Nghệ nhân Nguyễn Đăng Chế'], certificateNo: '3794/2026/QTG', certificateDate: '2026-03-12' }, [ownerA.id]);
  const workB = await works.create({ title: 'Bình gốm men da lươn', type: 'applied_art', certificateNo: '512/2025/QTG' }, [ownerB.id]);

  const art = await deps.blobs.put(await workPng(), 'png');
  const assetA = await works.addAsset({ workId: workA.id, kind: 'image', blobKey: art.key, sha256: art.sha256, mime: 'image/png', width: 480, height: 360, originalName: 'dam-cuoi-chuot.png' });
  const assetB = await works.addAsset({ workId: workB.id, kind: 'image', blobKey: art.key, sha256: art.sha256, mime: 'image/png', width: 480, height: 360 });

  const { listing: listingA } = await listings.upsert(
    {
      platform: 'shopee',
      url: 'https://shopee.example.vn/tranh-dong-ho-dam-cuoi-chuot-i.123.456',
      title: 'Tranh Đông Hồ Đám cưới chuột in canvas khổ lớn',
      description: 'Tranh dân gian Đám cưới chuột, in canvas chống nước, tặng khung gỗ. Giao hàng toàn quốc.',
      priceVnd: 125000,
      sellerName: 'Shop Tranh Đẹp 68',
      sellerUrl: 'https://shopee.example.vn/shop/tranhdep68',
      contentHash: 'a1',
    },
    new Date(NOW.getTime() - 2 * 86_400_000),
  );
  const card = await deps.blobs.put(await productCardJpeg(), 'jpg');
  const imageA = await listings.upsertImage({ listingId: listingA.id, url: 'https://cdn.example.vn/a.jpg', position: 0, blobKey: card.key, sha256: card.sha256, mime: 'image/jpeg', bytes: card.bytes });
  const shot = await deps.blobs.put(await screenshotPng(), 'png');
  const html = await deps.blobs.put('<!doctype html><title>Tranh Đông Hồ</title><script>alert(1)</script>', 'html');
  const evidenceA = await listings.addEvidence({
    listingId: listingA.id,
    url: listingA.url,
    capturedAt: NOW,
    httpStatus: 200,
    headers: { 'content-type': 'text/html' },
    screenshotKey: shot.key,
    screenshotSha256: shot.sha256,
    htmlKey: html.key,
    htmlSha256: html.sha256,
    software: 'ipwatch 0.1.0 / Chromium',
  });
  const { listing: listingB } = await listings.upsert(
    { platform: 'lazada', url: 'https://lazada.example.vn/binh-gom-da-luon', title: 'Bình gốm men da lươn Phù Lãng', priceVnd: 890000, sellerName: 'Gốm Việt', contentHash: 'b1' },
    NOW,
  );

  const findingA = await findings.upsert(
    {
      listingId: listingA.id,
      workId: workA.id,
      score: 0.93,
      signals: [
        {
          kind: 'image',
          algorithm: 'pdq',
          score: 0.95,
          distance: 18,
          threshold: 70,
          assetId: assetA.id,
          listingImageId: imageA.id,
          explanation: 'The whole registered image appears inside the product card (trimmed white border).',
          workRegion: { x: 0, y: 0, w: 480, h: 360 },
          listingRegion: { x: 60, y: 70, w: 360, h: 270 },
        },
        { kind: 'text', algorithm: 'title-shingles', score: 0.8, explanation: 'The work title appears in the listing title and description.', spans: [{ field: 'title', text: 'Đám cưới chuột' }, { field: 'description', text: 'đám cưới chuột' }] },
      ],
    },
    new Date(NOW.getTime() - 60_000),
  );
  const findingB = await findings.upsert({ listingId: listingB.id, workId: workB.id, score: 0.71, signals: [{ kind: 'text', algorithm: 'title-shingles', score: 0.71, explanation: 'title', spans: [{ field: 'title', text: 'men da lươn' }] }] }, NOW);

  const officer = await users.createUser({ email: 'canbo@sovhttdl.bacninh.gov.vn', name: 'Nguyễn Thị Lan', role: 'officer', password: PASSWORD });
  const inspector = await users.createUser({ email: 'thanhtra@sovhttdl.bacninh.gov.vn', name: 'Trần Văn Minh', role: 'inspector', password: PASSWORD });
  const holderA = await users.createUser({ email: 'dongho@example.vn', name: 'Làng tranh Đông Hồ', role: 'rights_holder', ownerId: ownerA.id, password: PASSWORD });
  const holderB = await users.createUser({ email: 'phulang@example.vn', name: 'Gốm Phù Lãng', role: 'rights_holder', ownerId: ownerB.id, password: PASSWORD });
  return { officer, inspector, holderA, holderB, findingA, findingB, evidenceIdA: evidenceA.id, listingImageIdA: imageA.id, assetIdA: assetA.id, assetIdB: assetB.id };
}

export const ORIGIN = 'http://localhost';

/** Signs in through the login form, as a browser would; returns the Cookie header for later requests. */
export async function login(app: ApiFixture['app'], email: string, password = PASSWORD): Promise<{ status: number; cookie: string | undefined; location: string | null }> {
  const res = await app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams({ email, password }) });
  const set = res.headers.get('set-cookie');
  return { status: res.status, cookie: set ? set.split(';')[0] : undefined, location: res.headers.get('location') };
}
