import { afterEach, describe, expect, it } from 'vitest';
import { createTestQueues, type TestQueues } from '../../test/helpers/queues.ts';
import { JobName, QueueName } from './job-names.ts';
import { assertHandlers, type JobHandlers } from './queue.repository.ts';

const noop = async () => undefined;

describe('job handlers', () => {
  it('accepts a complete map and rejects gaps and strays at boot', () => {
    const complete = { [JobName.CrawlSource]: noop, [JobName.CaptureUrl]: noop, [JobName.FingerprintWork]: noop, [JobName.FingerprintMark]: noop, [JobName.RematchListings]: noop, [JobName.MatchListing]: noop, [JobName.RecheckNotice]: noop, [JobName.SendMail]: noop, [JobName.NotifyDigest]: noop } satisfies JobHandlers;
    expect(() => assertHandlers(complete)).not.toThrow();
    expect(() => assertHandlers({ [JobName.CrawlSource]: noop })).toThrow(/missing \[crawl.capture, fingerprint.work, .*match.listing, notice.recheck, notify.mail, notify.digest\]/);
    expect(() => assertHandlers({ ...complete, 'crawl.other': noop })).toThrow(/unknown \[crawl.other\]/);
  });
});

describe('QueueRepository on real Redis', () => {
  let t: TestQueues | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('validates payloads on enqueue', async () => {
    t = createTestQueues();
    await expect(t.queues.add(JobName.MatchListing, { listingId: -1 })).rejects.toThrow();
  });

  it('runs each job once through its one handler and reports idle after', async () => {
    t = createTestQueues();
    const seen: number[] = [];
    const handlers: JobHandlers = {
      [JobName.CrawlSource]: noop,
      [JobName.CaptureUrl]: noop,
      [JobName.RecheckNotice]: noop,
      [JobName.SendMail]: noop,
      [JobName.NotifyDigest]: noop,
      [JobName.FingerprintWork]: noop,
      [JobName.FingerprintMark]: noop,
      [JobName.RematchListings]: noop,
      [JobName.MatchListing]: async ({ listingId }) => {
        seen.push(listingId);
      },
    };
    const done = new Promise<void>((resolve) => {
      let count = 0;
      t!.queues.startWorker(QueueName.Match, handlers, 2, { completed: () => ++count === 3 && resolve() });
    });
    for (const id of [1, 2, 3]) await t.queues.add(JobName.MatchListing, { listingId: id });
    await done;
    expect(seen.sort()).toEqual([1, 2, 3]);
    expect(await t.queues.idle()).toBe(true);
  });
});
