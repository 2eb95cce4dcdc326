import path from 'node:path';
import type { Redis } from 'ioredis';
import { BlobRepository } from '../../core/blob/blob.repository.ts';
import type { Config } from '../../core/config/config.ts';
import type { StageContext } from '../../core/context.ts';
import { lockDataDir } from '../../core/database/data-dir.lock.ts';
import { openDatabase, type DatabaseHandle } from '../../core/database/database.ts';
import { createLogger, type Logger } from '../../core/logging/logger.ts';
import { createRedis, QueueRepository } from '../../core/queue/queue.repository.ts';
import { startRedisServer, type RedisProcess } from '../../core/services/redis-process.ts';
import { closeAllListingOcr } from '../../matcher/listing.ocr.ts';

export interface Runtime extends StageContext {
  database: DatabaseHandle;
  redis: Redis;
  /** Set when this process started its own redis-server (no REDIS_URL). */
  redisProcess: RedisProcess | undefined;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** What holds the embedded database, for the message a second process gets. */
  purpose: string;
  logger?: Logger;
  /** Commands that never touch queues (findings, crawl) skip Redis entirely. */
  redis?: boolean;
}

/** Opens what a command needs, in dependency order, and closes it in reverse. */
export async function openRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) {
      try {
        await closer();
      } catch (error) {
        logger.warn({ err: error }, 'error while shutting down');
      }
    }
  };
  // Closed last, after the queue workers that may still be reading an image have stopped.
  closers.push(() => closeAllListingOcr());
  try {
    if (!config.databaseUrl) closers.push(lockDataDir(path.join(config.dataDir, 'db'), options.purpose));
    const database = await openDatabase({ url: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'db') });
    closers.push(() => database.close());

    let redisProcess: RedisProcess | undefined;
    let redisUrl = config.redisUrl;
    if (options.redis !== false && !redisUrl) {
      redisProcess = await startRedisServer(config.redisServerPath);
      closers.push(() => redisProcess?.stop());
      redisUrl = redisProcess.url;
    }
    // Commands without Redis still get a QueueRepository type; it connects lazily and is never used.
    let lastRedisError = '';
    const redis = createRedis(redisUrl ?? 'redis://127.0.0.1:1', {
      lazy: options.redis === false,
      // One log line per distinct failure, not one per reconnection attempt.
      onError: (error) => {
        if (error.message !== lastRedisError) logger.error({ err: error }, 'redis connection error');
        lastRedisError = error.message;
      },
    });
    closers.push(() => void redis.disconnect());
    const queues = new QueueRepository(redis, config.queuePrefix);
    closers.push(() => queues.close());

    return {
      config,
      db: database.db,
      database,
      blobs: new BlobRepository(path.join(config.dataDir, 'blobs')),
      queues,
      logger,
      now: () => new Date(),
      redis,
      redisProcess,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
