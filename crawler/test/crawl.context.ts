import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BlobRepository } from '../../core/blob/blob.repository.ts';
import { parseConfig } from '../../core/config/config.ts';
import type { StageContext } from '../../core/context.ts';
import { createLogger } from '../../core/logging/logger.ts';
import type { QueueRepository } from '../../core/queue/queue.repository.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../../test/helpers/databases.ts';

export interface CrawlTestContext {
  ctx: StageContext;
  database: TestDatabase;
  dataDir: string;
  close(): Promise<void>;
}

/** A real database of the given kind, a temporary data directory and a silent logger. */
export async function createCrawlTestContext(kind: DatabaseKind, queues?: QueueRepository): Promise<CrawlTestContext> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-crawl-'));
  const database = await createTestDatabase(kind);
  const config = parseConfig({ IPWATCH_DATA_DIR: dataDir, IPWATCH_LOG_LEVEL: 'silent', IPWATCH_CRAWL_CONCURRENCY: '2', NODE_ENV: 'test' });
  const ctx: StageContext = {
    config,
    db: database.db,
    blobs: new BlobRepository(path.join(dataDir, 'blobs')),
    queues: queues ?? (undefined as unknown as QueueRepository),
    logger: createLogger('silent'),
    now: () => new Date(),
  };
  return {
    ctx,
    database,
    dataDir,
    close: async () => {
      await database.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
