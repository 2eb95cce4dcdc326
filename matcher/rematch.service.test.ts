import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { JobName, QueueName } from '../core/queue/job-names.ts';
import type { JobHandlers } from '../core/queue/queue.repository.ts';
import { fingerprints } from '../fingerprints/fingerprints.schema.ts';
import { scenePng } from '../fingerprints/image/synthetic.fixture.ts';
import { RegistryService } from '../fingerprints/registry/registry.service.ts';
import type { RegistryActor } from '../fingerprints/registry/registry.types.ts';
import { databaseKinds } from '../test/helpers/databases.ts';
import { createTestQueues, idleHandlers, type TestQueues } from '../test/helpers/queues.ts';
import { FindingRepository } from './finding.repository.ts';
import { createMatcherJobs } from './match.jobs.ts';
import { matchRuns } from './matcher.schema.ts';
import { addListing, createStageTestContext, FIXTURE_POEM, watermarkedCopy } from './matcher.fixture.ts';

const officer: RegistryActor = { userId: null, role: 'officer', ownerId: null, label: 'test' };

async function until(check: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the queues');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(databaseKinds())('registry changes on %s through real Redis: fingerprint jobs, marks in the matcher, re-matching', (kind) => {
  let queues: TestQueues | undefined;
  let env: Awaited<ReturnType<typeof createStageTestContext>> | undefined;
  afterEach(async () => {
    await queues?.cleanup();
    await env?.close();
    queues = undefined;
    env = undefined;
  });

  it('fingerprints new works and marks in jobs and finds them in listings crawled before', async () => {
    queues = createTestQueues();
    env = await createStageTestContext(kind, queues.queues);
    const { ctx } = env;
    const failed: Error[] = [];
    const handlers: JobHandlers = {
      ...idleHandlers(),
      // A long index age: only invalidation can make this process see the new registry entries.
      ...createMatcherJobs(ctx, { workerName: 'm1', indexMaxAgeMs: 3_600_000, rematchDelayMs: 0 }),
    };
    queues.queues.startWorker(QueueName.Match, handlers, 2, { failed: (_job, error) => failed.push(error) });
    const idle = () => until(() => queues!.queues.idle());

    const painting = await scenePng(41);
    const logo = await scenePng(57);
    const copy = await addListing(ctx, { url: 'https://shop.example/tranh', title: 'Tranh treo tường đẹp', images: [{ bytes: await watermarkedCopy(painting) }] });
    const word = await addListing(ctx, { url: 'https://shop.example/gom', title: 'Bình hoa gốm Phù Lãng men nâu chính hãng' });
    const figurative = await addListing(ctx, { url: 'https://shop.example/logo', title: 'Hộp quà', images: [{ bytes: await watermarkedCopy(logo) }] });
    const poemPage = await addListing(ctx, { url: 'https://blog.example/tho', title: 'Thơ hay', description: FIXTURE_POEM });
    const plain = await addListing(ctx, { url: 'https://shop.example/khac', title: 'Áo thun', description: 'Giá rẻ' });
    for (const l of [copy, word, figurative, poemPage, plain]) await queues.queues.add(JobName.MatchListing, { listingId: l.id });
    await idle();
    const findings = new FindingRepository(ctx.db);
    expect(await findings.list()).toEqual([]);

    const registry = new RegistryService(ctx);
    const work = await registry.createWork(officer, { title: 'Chợ quê', type: 'fine_art', owners: ['Làng tranh'] }, [{ name: 'cho-que.png', bytes: painting }]);
    const wordMark = await registry.createMark(officer, { name: 'Gốm Phù Lãng', kind: 'collective', owner: 'HTX Phù Lãng' });
    const figMark = await registry.createMark(officer, { name: 'Logo hộp quà', kind: 'ocop', form: 'figurative', owner: 'HTX Quà' }, { name: 'logo.png', bytes: logo });
    const poem = await registry.createWork(officer, { title: 'Bến sông', type: 'literary', owners: ['Nhà thơ'] });
    await registry.addWorkAsset(officer, poem.id, { kind: 'text', text: FIXTURE_POEM });
    await idle();
    expect(failed).toEqual([]);

    // Progress as the portal shows it.
    const progress = (await registry.getWork(officer, work.id)).fingerprint;
    expect(progress).toMatchObject({ state: 'ready', assetsTotal: 1, assetsDone: 1, error: null });
    expect(progress.fingerprints).toBeGreaterThan(10);
    expect((await registry.getMark(officer, wordMark.id)).fingerprint).toMatchObject({ state: 'ready', assetsTotal: 1, fingerprints: 1 });
    expect((await registry.getMark(officer, figMark.id)).fingerprint).toMatchObject({ state: 'ready', assetsTotal: 2 });
    expect((await registry.getWork(officer, poem.id)).fingerprint).toMatchObject({ state: 'ready', fingerprints: 1 });

    // Listings stored before the registration were matched again, marks included.
    const subjects = (await findings.list()).map((f) => [f.listingId, f.workId, f.markId]);
    expect(subjects).toEqual(expect.arrayContaining([
      [copy.id, work.id, null],
      [word.id, null, wordMark.id],
      [figurative.id, null, figMark.id],
      [poemPage.id, poem.id, null],
    ]));
    expect(subjects.filter(([listing]) => listing === plain.id)).toEqual([]);
    // Scoped lists: a holder's works alone never show mark findings; with their marks, they do.
    expect((await findings.list({ workIds: [work.id] })).map((f) => f.listingId)).toEqual([copy.id]);
    expect((await findings.list({ workIds: [], markIds: [wordMark.id] })).map((f) => f.listingId)).toEqual([word.id]);

    // Idempotent: the same re-match batch again matches nothing twice; an older version is superseded.
    const runsBefore = (await ctx.db.select().from(matchRuns)).length;
    const latest = (await ctx.db.select().from(matchRuns)).map((r) => r.contentHash.split('#registry-v')[1]).filter(Boolean).map(Number);
    const version = Math.max(...latest);
    await queues.queues.add(JobName.RematchListings, { version, afterId: 0 }, { jobId: 'again' });
    await queues.queues.add(JobName.RematchListings, { version: 1, afterId: 0 }, { jobId: 'older' });
    await idle();
    expect((await ctx.db.select().from(matchRuns)).length).toBe(runsBefore);

    // A new image supersedes nothing else; removing it takes its fingerprints with it.
    const second = await registry.addWorkAsset(officer, work.id, { kind: 'image', name: 'b.png', bytes: await scenePng(42) });
    await idle();
    expect((await ctx.db.select().from(fingerprints).where(eq(fingerprints.assetId, second.id))).length).toBeGreaterThan(0);
    await registry.removeAsset(officer, second.id);
    await idle();
    expect(await ctx.db.select().from(fingerprints).where(and(eq(fingerprints.assetId, second.id)))).toEqual([]);
    expect((await registry.getWork(officer, work.id)).fingerprint).toMatchObject({ state: 'ready', assetsTotal: 1, fingerprints: progress.fingerprints });
    expect(failed).toEqual([]);
  }, 600_000);

  it('queues fingerprinting asked for while no queue was reachable, once', async () => {
    queues = createTestQueues();
    env = await createStageTestContext(kind, queues.queues);
    const { ctx } = env;
    const offline = new RegistryService({ ...ctx, queues: undefined });
    const work = await offline.createWork(officer, { title: 'Ngoại tuyến', type: 'literary', owners: ['A'], text: FIXTURE_POEM });
    expect((await offline.getWork(officer, work.id)).fingerprint.state).toBe('pending');
    const online = new RegistryService(ctx);
    expect(await online.enqueuePending()).toBe(1);
    expect(await online.enqueuePending()).toBe(1);
    expect((await queues.queues.counts())[QueueName.Match]).toMatchObject({ waiting: 1 });
    const handlers: JobHandlers = {
      ...idleHandlers(),
      ...createMatcherJobs(ctx, { workerName: 'm1', rematchDelayMs: 0 }),
    };
    queues.queues.startWorker(QueueName.Match, handlers, 1);
    await until(() => queues!.queues.idle());
    expect((await online.getWork(officer, work.id)).fingerprint).toMatchObject({ state: 'ready', fingerprints: 1 });
    expect(await online.enqueuePending()).toBe(0);
  }, 300_000);
});
