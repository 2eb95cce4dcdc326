import { afterEach, describe, expect, it } from 'vitest';
import { JobName, QueueName } from '../core/queue/job-names.ts';
import type { JobHandlers } from '../core/queue/queue.repository.ts';
import { FingerprintService } from '../fingerprints/fingerprint.service.ts';
import { scenePng } from '../fingerprints/image/synthetic.fixture.ts';
import { createTestQueues, idleHandlers, type TestQueues } from '../test/helpers/queues.ts';
import { FindingRepository } from './finding.repository.ts';
import { createMatcherJobs } from './match.jobs.ts';
import { addListing, createStageTestContext, FIXTURE_POEM, watermarkedCopy } from './matcher.fixture.ts';

describe('matcher jobs through real Redis', () => {
  let queues: TestQueues | undefined;
  let env: Awaited<ReturnType<typeof createStageTestContext>> | undefined;
  afterEach(async () => {
    await queues?.cleanup();
    await env?.close();
    queues = undefined;
    env = undefined;
  });

  it('matches enqueued listings once each and picks up a newly fingerprinted work', async () => {
    queues = createTestQueues();
    env = await createStageTestContext('pglite', queues.queues);
    const { ctx } = env;
    const registry = new FingerprintService(ctx);
    const painting = await scenePng(31);
    const { work: poem } = await registry.registerWork({ title: 'Bến sông làng tranh', type: 'literary', authors: [], owners: ['E'], text: FIXTURE_POEM, images: [] });

    const matcher = createMatcherJobs(ctx, { workerName: 'matcher-1', indexMaxAgeMs: 3_600_000 });
    const handlers: JobHandlers = { ...idleHandlers(), ...matcher };
    const completed: { name: string; value: unknown }[] = [];
    const failed: Error[] = [];
    let expected = 0;
    let onDone: () => void = () => undefined;
    queues.queues.startWorker(QueueName.Match, handlers, 2, {
      completed: (job) => {
        completed.push({ name: job.name, value: job.returnvalue });
        if (completed.length === expected) onDone();
      },
      failed: (_job, error) => failed.push(error),
    });
    const run = async (jobs: () => Promise<unknown>, count: number) => {
      expected += count;
      const done = new Promise<void>((resolve) => (onDone = resolve));
      await jobs();
      await done;
    };

    const textListing = await addListing(ctx, { url: 'https://blog.example/1', title: 'Thơ', description: FIXTURE_POEM });
    const plain = await addListing(ctx, { url: 'https://blog.example/2', title: 'Không liên quan', description: 'Giá rẻ mỗi ngày' });
    // The same listing enqueued twice (a recrawl racing the first job) is matched once.
    await run(async () => {
      await queues!.queues.add(JobName.MatchListing, { listingId: textListing.id });
      await queues!.queues.add(JobName.MatchListing, { listingId: textListing.id });
      await queues!.queues.add(JobName.MatchListing, { listingId: plain.id });
    }, 3);
    const findings = new FindingRepository(ctx.db);
    expect((await findings.list()).map((f) => [f.listingId, f.workId])).toEqual([[textListing.id, poem.id]]);
    expect(await findings.matchRunsByWorker()).toEqual({ 'matcher-1': 2 });
    expect(completed.filter((c) => (c.value as { skipped: string | null }).skipped === 'already-matched')).toHaveLength(1);

    // A work registered after the index was loaded: the FingerprintWork job refreshes this process's index.
    const { work: image } = await registry.registerWork({ title: 'Tranh mới', type: 'fine_art', authors: [], owners: ['G'], images: [{ name: 'p.png', bytes: painting }] });
    const copy = await addListing(ctx, { url: 'https://shop.example/3', title: 'Tranh treo tường', images: [{ bytes: await watermarkedCopy(painting) }] });
    await run(() => queues!.queues.add(JobName.FingerprintWork, { workId: image.id }), 1);
    await run(() => queues!.queues.add(JobName.MatchListing, { listingId: copy.id }), 1);
    expect((await findings.list({ listingId: copy.id })).map((f) => f.workId)).toEqual([image.id]);
    expect(failed).toEqual([]);
    expect(await queues.queues.idle()).toBe(true);
    // Registering and fingerprinting two works on PGlite takes ~30 s while other test files share the cores.
  }, 180_000);
});
