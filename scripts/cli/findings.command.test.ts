import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobRepository } from '../../core/blob/blob.repository.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { RegistryService } from '../../fingerprints/registry/registry.service.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import { runCli } from '../../test/helpers/cli.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/helpers/databases.ts';
import { parseConfig } from '../../core/config/config.ts';

// The CLI runs in its own process: it needs the server kind of database to share one with the test.
describe.runIf(databaseKinds().includes('postgres'))('ipwatch findings with marks', () => {
  let db: TestDatabase | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await db?.close();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('prints a mark finding with "work": "mark:<id>" and the mark\'s own certificate and name', async () => {
    db = await createTestDatabase('postgres');
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-findings-'));
    const now = new Date('2026-11-20T08:00:00Z');
    const registry = new RegistryService({ db: db.db, blobs: new BlobRepository(dataDir), config: parseConfig({ IPWATCH_DATA_DIR: dataDir }), now: () => now });
    const officer = { userId: null, role: 'officer' as const, ownerId: null };
    const work = await registry.createWork(officer, { title: 'Đám cưới chuột', type: 'fine_art', owners: ['Đông Hồ'], certificateNo: '12/2026/QTG' });
    const mark = await registry.createMark(officer, { name: 'Gốm Phù Lãng', kind: 'collective', owner: 'HTX', certificateNo: '345678' });
    const { listing } = await new ListingRepository(db.db).upsert({ platform: 'test', url: 'https://shop.example/1', title: 'Gốm Phù Lãng', description: null, contentHash: 'h' }, now);
    const findings = new FindingRepository(db.db);
    await findings.upsert({ listingId: listing.id, workId: work.id, score: 0.8, signals: [] }, now);
    await findings.upsert({ listingId: listing.id, markId: mark.id, score: 0.9, signals: [] }, now);

    const result = await runCli(['findings', '--format', 'jsonl'], { ...process.env, DATABASE_URL: db.url, REDIS_URL: '', IPWATCH_DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual(expect.arrayContaining([
      { id: expect.any(Number), work: work.id, certificate_no: '12/2026/QTG', title: 'Đám cưới chuột', listing: listing.id, url: 'https://shop.example/1', score: 0.8, status: 'new' },
      { id: expect.any(Number), work: `mark:${mark.id}`, certificate_no: '345678', title: 'Gốm Phù Lãng', listing: listing.id, url: 'https://shop.example/1', score: 0.9, status: 'new' },
    ]));
    expect(lines).toHaveLength(2);
  }, 120_000);
});
