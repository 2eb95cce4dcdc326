import { afterEach, describe, expect, inject, it } from 'vitest';
import { JobName, QueueName } from '../core/queue/job-names.ts';
import { FingerprintService } from '../fingerprints/fingerprint.service.ts';
import { FindingRepository } from '../matcher/finding.repository.ts';
import { addListing, createStageTestContext, FIXTURE_POEM } from '../matcher/matcher.fixture.ts';
import { startCli, type LongRunning } from './helpers/cli.ts';
import { createTestQueues, type TestQueues } from './helpers/queues.ts';

const LISTINGS = 40;

/**
 * The deployment story without Docker: two `ipwatch worker --role matcher` OS processes share one
 * PostgreSQL server and one Redis; BullMQ splits the jobs, the match_runs claim keeps each listing once.
 */
describe.skipIf(!inject('postgresUrl'))('scale-out: two matcher processes', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it('split the listings between them and match every listing exactly once', async () => {
    const queues: TestQueues = createTestQueues();
    cleanups.push(() => queues.cleanup());
    const stage = await createStageTestContext('postgres', queues.queues);
    cleanups.push(() => stage.close());
    const { ctx } = stage;
    const databaseUrl = (ctx.db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;

    const { work } = await new FingerprintService(ctx).registerWork({
      title: 'Bài thơ làng tranh',
      type: 'literary',
      authors: ['Tác giả thử nghiệm'],
      owners: ['Chủ sở hữu thử nghiệm'],
      text: FIXTURE_POEM,
      images: [],
    });
    const listingIds: number[] = [];
    for (let i = 0; i < LISTINGS; i++) {
      const copies = i % 2 === 0;
      const listing = await addListing(ctx, {
        url: `https://shop.example.vn/p/${i}`,
        title: copies ? `Thơ hay số ${i}` : `Nồi đất nung số ${i}`,
        description: copies ? `Chia sẻ bài thơ:\n${FIXTURE_POEM}` : `Nồi đất nung thủ công, dung tích ${i + 1} lít, giao hàng toàn quốc.`,
      });
      listingIds.push(listing.id);
    }

    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: queues.redisUrl,
      IPWATCH_QUEUE_PREFIX: queues.prefix,
      IPWATCH_DATA_DIR: ctx.config.dataDir,
      IPWATCH_MATCH_CONCURRENCY: '1',
      IPWATCH_LOG_LEVEL: 'warn',
    };
    const workers: LongRunning[] = await Promise.all([1, 2].map(() => startCli(['worker', '--role', 'matcher'], env, /ready/)));
    cleanups.push(() => Promise.all(workers.map((w) => w.stop())));

    // Every listing twice, under different job ids: a duplicate enqueue must not mean a second match.
    for (const listingId of listingIds) {
      await queues.queues.add(JobName.MatchListing, { listingId }, { jobId: `a-${listingId}` });
      await queues.queues.add(JobName.MatchListing, { listingId }, { jobId: `b-${listingId}` });
    }

    const findings = new FindingRepository(ctx.db);
    const deadline = Date.now() + 120_000;
    let byWorker: Record<string, number> = {};
    while (Date.now() < deadline) {
      byWorker = await findings.matchRunsByWorker();
      const total = Object.values(byWorker).reduce((a, b) => a + b, 0);
      if (total >= LISTINGS && (await queues.queues.idle())) break;
      await new Promise((r) => setTimeout(r, 250));
    }

    expect(Object.values(byWorker).reduce((a, b) => a + b, 0)).toBe(LISTINGS);
    expect(Object.keys(byWorker)).toHaveLength(2);
    for (const count of Object.values(byWorker)) expect(count).toBeGreaterThan(0);

    const all = await findings.list({ limit: 1000 });
    expect(all).toHaveLength(LISTINGS / 2);
    expect(new Set(all.map((f) => f.listingId)).size).toBe(LISTINGS / 2);
    expect(all.every((f) => f.workId === work.id)).toBe(true);
    const failed = await queues.queues.queue(QueueName.Match).getFailedCount();
    expect(failed).toBe(0);

    const codes = await Promise.all(workers.map((w) => w.stop()));
    expect(codes).toEqual([0, 0]);
  });
});
