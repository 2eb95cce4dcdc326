import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { inject } from 'vitest';
import { JobName } from '../../core/queue/job-names.ts';
import { createRedis, QueueRepository, type JobHandlers } from '../../core/queue/queue.repository.ts';

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

/** Handlers that do nothing, for the jobs a test does not exercise: spread first, then the real ones. */
export function idleHandlers(): JobHandlers {
  const idle = async () => undefined;
  return Object.fromEntries(Object.values(JobName).map((name) => [name, idle])) as unknown as JobHandlers;
}
