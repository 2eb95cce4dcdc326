import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BlobRepository } from '../core/blob/blob.repository.ts';
import { parseConfig } from '../core/config/config.ts';
import type { StageContext } from '../core/context.ts';
import { createLogger } from '../core/logging/logger.ts';
import type { QueueRepository } from '../core/queue/queue.repository.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';

const unavailableQueues = new Proxy({}, {
  get: () => {
    throw new Error('queues not available in this test');
  },
}) as QueueRepository;

/** Test-only: a StageContext on a fresh database and a temporary blob directory. */
export async function createStageTestContext(kind: DatabaseKind, queues?: QueueRepository): Promise<{ ctx: StageContext; close(): Promise<void> }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-stage-'));
  const database = await createTestDatabase(kind);
  const ctx: StageContext = {
    config: parseConfig({ IPWATCH_DATA_DIR: dataDir, IPWATCH_LOG_LEVEL: 'silent' }),
    db: database.db,
    blobs: new BlobRepository(path.join(dataDir, 'blobs')),
    // Matching never enqueues; a test that needs queues passes real ones (createTestQueues).
    queues: queues ?? unavailableQueues,
    logger: createLogger('silent'),
    now: () => new Date('2026-11-20T08:00:00Z'),
  };
  return {
    ctx,
    close: async () => {
      await database.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

