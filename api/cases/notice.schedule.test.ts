import { afterEach, describe, expect, it } from 'vitest';
import { QueueName } from '../../core/queue/job-names.ts';
import { createStageTestContext } from '../../fingerprints/fingerprint.service.fixture.ts';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { createTestQueues, type TestQueues } from '../../test/helpers/queues.ts';
import { cases, notices } from './case.schema.ts';
import { recheckJobId, reconcileRechecks } from './notice.schedule.ts';

describe.each(databaseKinds())('notice re-checks after a Redis restart on %s', (kind) => {
  let queues: TestQueues | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await queues?.cleanup();
    await close?.();
  });

  it('are queued again from the deadlines in PostgreSQL, once, and never for drafts or checked deadlines', async () => {
    queues = createTestQueues();
    const env = await createStageTestContext(kind, queues.queues);
    close = env.close;
    // The real clock: BullMQ stamps jobs with it, and the scheduler compares against those stamps.
    const ctx = { ...env.ctx, now: () => new Date() };
    const due = new Date(Date.now() + 3_600_000).toISOString();
    const [c] = await ctx.db.insert(cases).values({ title: 'Vụ việc thử' }).returning();
    const [sent] = await ctx.db.insert(notices).values({ caseId: c!.id, basis: 'art113', status: 'sent', recipient: 'Sàn TMĐT', sentAt: new Date(), deadlines: [{ kind: 'takedown', due }] }).returning();
    const [checked] = await ctx.db.insert(notices).values({ caseId: c!.id, basis: 'art113', status: 'sent', recipient: 'Sàn khác', sentAt: new Date(), deadlines: [{ kind: 'takedown', due, checkedAt: due }] }).returning();
    await ctx.db.insert(notices).values({ caseId: c!.id, basis: 'art113', status: 'draft', recipient: 'Nháp', deadlines: [{ kind: 'takedown', due }] });

    expect(await reconcileRechecks(ctx)).toBe(1);
    const queue = queues.queues.queue(QueueName.Capture);
    expect(await (await queue.getJob(recheckJobId(sent!.id, 'takedown')))?.getState()).toBe('delayed');
    expect(await queue.getJob(recheckJobId(checked!.id, 'takedown'))).toBeUndefined();
    expect(await reconcileRechecks(ctx)).toBe(0);
    // A delayed re-check is not "work left" for `ipwatch start --once`.
    expect(await queues.queues.idle()).toBe(true);
  });
});
