import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../core/audit/audit.repository.ts';
import { JobName, QueueName } from '../../core/queue/job-names.ts';
import { CrawlService } from '../../crawler/crawl.service.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { SourceRepository } from '../../crawler/source.repository.ts';
import { createCrawlTestContext, type CrawlTestContext } from '../../crawler/test/crawl.context.ts';
import { RegistryRepository } from '../../fingerprints/registry/registry.repository.ts';
import { WorkRepository } from '../../fingerprints/work.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { createTestQueues, idleHandlers, type TestQueues } from '../../test/helpers/queues.ts';
import { AccessPolicy } from '../access/access.policy.ts';
import type { SessionUser } from '../app.types.ts';
import { UserRepository } from '../user.repository.ts';
import { CaseService } from './case.service.ts';
import { createNoticeJobs } from './notice.jobs.ts';
import { NoticeService, recheckJobId } from './notice.service.ts';

/** A shop whose pages go away when told to: first a product, then a 404 or a soft "not found" page. */
async function startShop() {
  const gone = new Map<string, 'hard' | 'soft'>();
  const page = (title: string) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title><meta property="og:type" content="product"><meta property="og:title" content="${title}"><meta property="product:price:amount" content="125000"><meta property="product:price:currency" content="VND"></head><body><h1>${title}</h1><p>Tranh in canvas, giao hàng toàn quốc.</p><button>Mua ngay</button></body></html>`;
  const server = http.createServer((req, res) => {
    if (req.url === '/robots.txt') return res.writeHead(404).end();
    if (req.url === '/p/lon') return res.writeHead(302, { location: '/p/meo' }).end();
    const how = gone.get(req.url ?? '');
    if (how) {
      res.writeHead(how === 'hard' ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Rất tiếc, sản phẩm không tồn tại</h1><a href="/">Về trang chủ</a></body></html>');
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(req.url === '/p/ga' ? 'Tranh gà Đông Hồ' : req.url === '/p/meo' ? 'Tranh mèo' : 'Tranh Đám cưới chuột'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, gone, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

// One database kind (the server when there is one): every page visit starts Chromium, and the SQL of the
// re-check is the cases' own, run on both kinds by the REST tests.
describe.each(databaseKinds().slice(-1))('notice re-checks on %s with real Chromium, Redis and a local shop', (kind) => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  let q: TestQueues;
  let t: CrawlTestContext;
  let officer: SessionUser;
  let cases: CaseService;
  let notices: NoticeService;
  const findingIds: number[] = [];
  const listingIds: number[] = [];

  beforeAll(async () => {
    shop = await startShop();
    q = createTestQueues();
    t = await createCrawlTestContext(kind, q.queues);
    const sources = new SourceRepository(t.ctx.db);
    const source = await sources.upsertSource({ name: 'Shop nội bộ', startUrl: `${shop.url}/`, maxPages: 1, allowInternal: true });
    const works = new WorkRepository(t.ctx.db);
    const owner = await works.upsertOwner('Làng tranh Đông Hồ', 'organisation');
    const work = await works.create({ title: 'Tranh Đám cưới chuột', type: 'fine_art', certificateNo: '3794/2026/QTG', certificateDate: '2026-03-12' }, [owner.id]);
    // The listings come from a real crawl, with evidence, as in production.
    for (const p of ['/p/chuot', '/p/ga']) {
      const run = await sources.createRun(source.id);
      const summary = await new CrawlService(t.ctx).crawl(source, run.id, { singlePage: `${shop.url}${p}` });
      listingIds.push(summary.listingIds[0]!);
      findingIds.push((await new FindingRepository(t.ctx.db).upsert({ listingId: summary.listingIds[0]!, workId: work.id, score: 0.9, signals: [] }, new Date())).id);
    }
    const user = await new UserRepository(t.ctx.db).createUser({ email: 'canbo@sovhttdl.bacninh.gov.vn', name: 'Cán bộ', role: 'officer', password: 'mat-khau-an-toan-2026' });
    officer = { id: user.id, email: user.email, name: user.name, role: 'officer', ownerId: null, locale: 'vi' };
    const findings = new FindingRepository(t.ctx.db);
    const deps = { ctx: t.ctx, access: new AccessPolicy(works, findings, new RegistryRepository(t.ctx.db)), works, listings: new ListingRepository(t.ctx.db) };
    cases = new CaseService(deps);
    notices = new NoticeService(deps, cases);
  }, 120_000);
  afterAll(async () => {
    await q?.cleanup();
    await shop?.close();
    await t?.close();
  });

  it('after each Art. 114 deadline: fresh evidence while online, "removed" once the page says so', { timeout: 120_000 }, async () => {
    const c = await cases.create(officer, { groupedBy: 'manual', findingIds });
    const notice = await notices.draft(officer, c.id, { basis: 'art114', recipient: 'Shop nội bộ' });
    const sent = new Date(Date.now() - 20 * 86_400_000);
    await notices.record(officer, notice.id, 'sent', sent);
    await notices.record(officer, notice.id, 'received', new Date(sent.getTime() + 3600_000));
    const handler = createNoticeJobs(t.ctx)[JobName.RecheckNotice];
    const job = { opts: { attempts: 1 }, attemptsMade: 0 } as unknown as Job;

    const first = await handler({ noticeId: notice.id, deadline: 'takedown' }, job);
    expect(first).toMatchObject({ results: [{ result: 'still_online' }, { result: 'still_online' }] });
    let detail = await cases.detail(officer, c.id);
    for (const l of detail.notices[0]!.listings) {
      expect(l).toMatchObject({ lastResult: 'still_online', removedAt: null, lastEvidenceId: expect.any(Number) });
      const proof = (await new ListingRepository(t.ctx.db).evidenceOf(l.listingId)).find((e) => e.id === l.lastEvidenceId)!;
      expect(proof).toMatchObject({ runId: l.lastRunId, screenshotSha256: expect.stringMatching(/^[0-9a-f]{64}$/), warcSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    expect(detail.findings.map((f) => f.finding.status)).toEqual(['not_removed', 'not_removed']);
    expect(detail.notices[0]!.overdue).toBe(true);
    expect(detail.notices[0]!.notice.deadlines.find((d) => d.kind === 'takedown')!.checkedAt).toBeTruthy();

    shop.gone.set('/p/chuot', 'hard');
    const second = await handler({ noticeId: notice.id, deadline: 'objection' }, job);
    expect(second).toMatchObject({ results: [{ listingId: listingIds[0], result: 'removed' }, { listingId: listingIds[1], result: 'still_online' }] });
    detail = await cases.detail(officer, c.id);
    expect(detail.notices[0]!.listings[0]).toMatchObject({ lastResult: 'removed', removedAt: expect.any(Date), lastDetail: expect.stringMatching(/404|không tồn tại/) });
    expect(detail.findings.map((f) => f.finding.status)).toEqual(['removed', 'not_removed']);
    // A retried job after success does nothing; an unknown deadline neither.
    expect(await handler({ noticeId: notice.id, deadline: 'objection' }, job)).toMatchObject({ skipped: expect.stringMatching(/already re-checked/) });
    expect(await handler({ noticeId: notice.id, deadline: 'restore' }, job)).toMatchObject({ skipped: expect.stringMatching(/no restore deadline/) });
    expect(await handler({ noticeId: 999_999, deadline: 'takedown' }, job)).toMatchObject({ skipped: expect.any(String) });
    const audit = await new AuditRepository(t.ctx.db).list({ entityType: 'notice', entityId: notice.id });
    expect(audit.map((e) => [e.action, e.actorLabel])).toEqual([
      ['notice.draft', officer.email],
      ['notice.sent', officer.email],
      ['notice.received', officer.email],
      ['notice.recheck', 'system:notice-recheck'],
      ['notice.recheck', 'system:notice-recheck'],
    ]);
  });

  it('a worker runs the delayed job queued when an Art. 113 notice is marked sent, and sees a soft "not found" page', { timeout: 120_000 }, async () => {
    const c = await cases.create(officer, { groupedBy: 'manual', findingIds: [findingIds[1]!] });
    const notice = await notices.draft(officer, c.id, { basis: 'art113', recipient: 'Shop nội bộ' });
    shop.gone.set('/p/ga', 'soft');
    // Sent 25 hours ago: the 24-hour deadline has passed, so the job is due at once.
    await notices.record(officer, notice.id, 'sent', new Date(Date.now() - 25 * 3600_000));
    await notices.record(officer, notice.id, 'sent', new Date(Date.now() - 25 * 3600_000));
    const queue = q.queues.queue(QueueName.Capture);
    expect(await queue.getJob(recheckJobId(notice.id, 'takedown'))).toBeTruthy();
    // The first test's notice has past deadlines too: its jobs run (and skip, being checked) alongside.
    const done = new Promise<Job>((resolve, reject) => {
      q.queues.startWorker(QueueName.Capture, { ...idleHandlers(), ...createNoticeJobs(t.ctx, { workerName: 'recheck-test' }) }, 1, {
        completed: (job) => job.id === recheckJobId(notice.id, 'takedown') && resolve(job),
        failed: (_job, error) => reject(error),
      });
    });
    const job = await done;
    expect(job.returnvalue).toMatchObject({ noticeId: notice.id, results: [{ result: 'removed' }] });
    const view = await notices.view(officer, notice.id);
    expect(view.listings[0]).toMatchObject({ listingId: listingIds[1], lastResult: 'removed', lastDetail: expect.stringMatching(/không tồn tại/) });
    expect(view.notice.deadlines.find((d) => d.kind === 'takedown')!.checkedAt).toBeTruthy();
    expect(view.overdue).toBe(false);
    expect((await cases.detail(officer, c.id)).findings[0]!.finding.status).toBe('removed');
    expect(await (await queue.getJob(recheckJobId(notice.id, 'takedown')))!.getState()).toBe('completed');
  });

  it('an unreachable page is retried by BullMQ while attempts remain, then recorded as an error with the reason', { timeout: 60_000 }, async () => {
    const sources = new SourceRepository(t.ctx.db);
    const source = await sources.upsertSource({ name: 'Shop nội bộ', startUrl: `${shop.url}/`, maxPages: 1, allowInternal: true });
    const { listing } = await new ListingRepository(t.ctx.db).upsert({ sourceId: source.id, platform: '127.0.0.1', url: 'http://127.0.0.1:9/p/mat', title: 'Tranh đã mất', contentHash: 'gone' }, new Date());
    const finding = await new FindingRepository(t.ctx.db).upsert({ listingId: listing.id, workId: (await new FindingRepository(t.ctx.db).get(findingIds[0]!))!.workId, score: 0.9, signals: [] }, new Date());
    const c = await cases.create(officer, { groupedBy: 'manual', findingIds: [finding.id] });
    const notice = await notices.draft(officer, c.id, { basis: 'art113', recipient: 'Shop nội bộ' });
    await notices.record(officer, notice.id, 'sent', new Date(Date.now() - 30 * 3600_000));
    const handler = createNoticeJobs(t.ctx)[JobName.RecheckNotice];
    await expect(handler({ noticeId: notice.id, deadline: 'takedown' }, { opts: { attempts: 3 }, attemptsMade: 0 } as unknown as Job)).rejects.toThrow(/no listing could be re-checked.*unreachable|ECONNREFUSED/);
    expect((await cases.repo.listingsOf([notice.id]))[0]!.lastCheckedAt).toBeNull();
    const last = await handler({ noticeId: notice.id, deadline: 'takedown' }, { opts: { attempts: 3 }, attemptsMade: 2 } as unknown as Job);
    expect(last).toMatchObject({ results: [{ result: 'error', detail: expect.stringMatching(/unreachable|ECONNREFUSED/) }] });
    // An error says nothing about removal: the finding keeps its status.
    expect((await new FindingRepository(t.ctx.db).get(finding.id))!.status).toBe('notice_sent');
  });

  it('a URL that now leads to another product counts as removed', { timeout: 60_000 }, async () => {
    const source = await new SourceRepository(t.ctx.db).upsertSource({ name: 'Shop nội bộ', startUrl: `${shop.url}/`, maxPages: 1, allowInternal: true });
    const { listing } = await new ListingRepository(t.ctx.db).upsert({ sourceId: source.id, platform: '127.0.0.1', url: `${shop.url}/p/lon`, title: 'Tranh lợn', contentHash: 'lon' }, new Date());
    const workId = (await new FindingRepository(t.ctx.db).get(findingIds[0]!))!.workId;
    const finding = await new FindingRepository(t.ctx.db).upsert({ listingId: listing.id, workId, score: 0.9, signals: [] }, new Date());
    const c = await cases.create(officer, { groupedBy: 'manual', findingIds: [finding.id] });
    const notice = await notices.draft(officer, c.id, { basis: 'art113', recipient: 'Shop nội bộ' });
    await notices.record(officer, notice.id, 'sent', new Date(Date.now() - 30 * 3600_000));
    const result = await createNoticeJobs(t.ctx)[JobName.RecheckNotice]({ noticeId: notice.id, deadline: 'takedown' }, { opts: { attempts: 1 }, attemptsMade: 0 } as unknown as Job);
    expect(result).toMatchObject({ results: [{ listingId: listing.id, result: 'removed', detail: expect.stringMatching(/another listing/) }] });
    expect((await new FindingRepository(t.ctx.db).get(finding.id))!.status).toBe('removed');
  });
});
