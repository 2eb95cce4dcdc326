import type { BlobRepository } from './blob/blob.repository.ts';
import type { Config } from './config/config.ts';
import type { Database } from './database/database.ts';
import type { Logger } from './logging/logger.ts';
import type { QueueRepository } from './queue/queue.repository.ts';

/** What every stage's services and job handlers receive: side effects arrive here, never as imports. */
export interface StageContext {
  config: Config;
  db: Database;
  blobs: BlobRepository;
  queues: QueueRepository;
  logger: Logger;
  /** Injected so tests and evidence timestamps can be controlled; UTC always. */
  now: () => Date;
}
