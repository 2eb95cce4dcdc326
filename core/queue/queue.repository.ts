import { Queue, Worker, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { jobPayloadSchemas, jobQueue, JobName, QueueName, type JobPayload } from './job-names.ts';

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: Job) => Promise<unknown>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** Boot-time twin of the compile-time `satisfies`: a handler map built dynamically can't slip a gap past. */
export function assertHandlers(handlers: Partial<Record<string, unknown>>): asserts handlers is JobHandlers {
  const missing = Object.values(JobName).filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !(Object.values(JobName) as string[]).includes(name));
  if (missing.length || unknown.length) {
    throw new Error(`job handler map is wrong: missing [${missing.join(', ')}], unknown [${unknown.join(', ')}]`);
  }
}

export interface RedisOptions {
  lazy?: boolean;
  /** ioredis reconnects by itself; without a listener every failed attempt prints a stack trace. */
  onError?: (error: Error) => void;
}

export function createRedis(url: string, options: RedisOptions = {}): Redis {
  // BullMQ workers block on Redis; it requires maxRetriesPerRequest null on their connection.
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: options.lazy ?? false });
  if (options.onError) redis.on('error', options.onError);
  return redis;
}

const defaultJobOptions: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export class QueueRepository {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  /** BullMQ never closes a connection it was handed, so the ones made here are closed here. */
  private readonly ownConnections: Redis[] = [];

  constructor(
    private readonly connection: Redis,
    readonly prefix: string,
  ) {}

  /** The queues' Redis connection, for state shared by workers beside the queues (crawl rate limits). */
  get redis(): Redis {
    return this.connection;
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection as ConnectionOptions, prefix: this.prefix, defaultJobOptions });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Payloads are validated on the way in, so a bad enqueue fails at its caller, not in a worker later. */
  async add<N extends JobName>(name: N, payload: JobPayload<N>, options: JobsOptions = {}): Promise<Job> {
    const data = jobPayloadSchemas[name].parse(payload);
    return this.queue(jobQueue[name]).add(name, data, options);
  }

  startWorker(queueName: QueueName, handlers: JobHandlers, concurrency: number, onEvent?: WorkerEvents): Worker {
    assertHandlers(handlers);
    const connection = this.connection.duplicate();
    for (const listener of this.connection.listeners('error')) connection.on('error', listener as (error: Error) => void);
    this.ownConnections.push(connection);
    const worker = new Worker(
      queueName,
      async (job) => {
        const name = job.name as JobName;
        const handler = handlers[name] as JobHandler<JobName> | undefined;
        if (!handler || jobQueue[name] !== queueName) throw new Error(`no handler for job ${job.name} on ${queueName}`);
        const payload = jobPayloadSchemas[name].parse(job.data);
        return handler(payload, job);
      },
      { connection: connection as ConnectionOptions, prefix: this.prefix, concurrency, autorun: true },
    );
    if (onEvent?.completed) worker.on('completed', (job) => onEvent.completed?.(job));
    if (onEvent?.failed) worker.on('failed', (job, error) => onEvent.failed?.(job, error));
    // Connection errors are retried by ioredis; log them instead of crashing on an unhandled 'error'.
    worker.on('error', (error) => onEvent?.error?.(error));
    this.workers.push(worker);
    return worker;
  }

  async counts(): Promise<Record<string, Record<string, number>>> {
    const result: Record<string, Record<string, number>> = {};
    for (const name of Object.values(QueueName)) {
      result[name] = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
    }
    return result;
  }

  /**
   * True when no job of any queue is waiting, delayed or running. A job scheduler's next firing (a
   * delayed job with a repeatJobKey: the mail digest, scheduled crawls) is not work left to do, nor is a
   * notice's re-check waiting for its legal deadline (hours or days away).
   */
  async idle(): Promise<boolean> {
    const counts = await this.counts();
    for (const [name, c] of Object.entries(counts)) {
      if ((c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) > 0) return false;
      if ((c.delayed ?? 0) === 0) continue;
      const delayed = await this.queue(name as QueueName).getDelayed(0, 999);
      if (delayed.some((job) => job && !job.repeatJobKey && job.name !== JobName.RecheckNotice)) return false;
    }
    return true;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers.length = 0;
    for (const connection of this.ownConnections.splice(0)) connection.disconnect();
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  /** Tests only: removes every key of every queue under this prefix. */
  async obliterate(): Promise<void> {
    for (const name of Object.values(QueueName)) await this.queue(name).obliterate({ force: true });
  }
}

export interface WorkerEvents {
  completed?: (job: Job) => void;
  failed?: (job: Job | undefined, error: Error) => void;
  error?: (error: Error) => void;
}
