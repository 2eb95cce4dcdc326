import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { inject } from 'vitest';
import { createRedis, QueueRepository } from '../../core/queue/queue.repository.ts';

export interface TestQueues {
  queues: QueueRepository;
  redis: Redis;
  redisUrl: string;
  prefix: string;
  /** Closes workers and queues, then removes every key under this test's prefix. */
  cleanup(): Promise<void>;
}

/** Real Redis, a fresh queue prefix per test, obliterated after (the bullmq way). */
export function createTestQueues(): TestQueues {
  const redisUrl = inject('redisUrl');
  const prefix = `ipwt-${randomBytes(5).toString('hex')}`;
  const redis = createRedis(redisUrl);
  const queues = new QueueRepository(redis, prefix);
  return {
    queues,
    redis,
    redisUrl,
    prefix,
    cleanup: async () => {
      await queues.obliterate().catch(() => undefined);
      await queues.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
