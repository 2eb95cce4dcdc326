import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config/config.ts';
import { JobName, QueueName } from '../../core/queue/job-names.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { idleHandlers } from '../../test/helpers/queues.ts';
import { cases, noticeListings, notices } from '../cases/case.schema.ts';
import { createApiFixture, type ApiFixture } from '../test/api.fixture.ts';
import { DigestService, DIGEST_SCHEDULER_ID } from './digest.service.ts';
import { MailService } from './mail.service.ts';
import { createNotifyJobs } from './notify.jobs.ts';
import { mailOutbox } from './notify.schema.ts';
import { startNotifier } from './notify.start.ts';
import { createTestSmtp, type TestSmtp } from './test/smtp.fixture.ts';

const HOSTILE = '<script>alert("x")</script> Tranh "Đám cưới chuột" & \'rẻ\'\u0007\r\nBcc: evil@x.vn';
const AT = new Date('2026-11-21T00:00:00.000Z');
/** Retries every 150 ms, doubling: the outage test takes a second, not minutes. */
const FAST = { attempts: 20, backoffMs: 150 };

async function until(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(databaseKinds())('notifications on %s', (kind) => {
  let f: ApiFixture;
  let smtp: TestSmtp;
  let noticeId: number;
  beforeAll(async () => {
    smtp = await createTestSmtp();
    f = await createApiFixture(kind, { config: { IPWATCH_SMTP_URL: smtp.url, IPWATCH_PUBLIC_URL: 'https://ipwatch.bacninh.gov.vn' } });
    // A hostile crawled title on holder A's work, and an overdue notice naming finding A's listing.
    const listings = new ListingRepository(f.deps.db);
    const { listing } = await listings.upsert({ platform: 'tiktok', url: 'https://tiktok.example.vn/p/1?a=1&b="2"', title: HOSTILE, contentHash: 'h1' }, AT);
    await new FindingRepository(f.deps.db).upsert({ listingId: listing.id, workId: f.seeded.findingA.workId, score: 0.8, signals: [] }, new Date(AT.getTime() - 1000));
    const [c] = await f.deps.db.insert(cases).values({ title: 'Vụ <b>Shop Tranh Đẹp 68</b>', groupedBy: 'seller' }).returning();
    const [n] = await f.deps.db
      .insert(notices)
      .values({ caseId: c!.id, basis: 'art113', status: 'sent', recipient: 'Shopee Việt Nam', sentAt: new Date('2026-11-18T02:00:00Z'), deadlines: [{ kind: 'takedown', due: '2026-11-19T02:00:00.000Z' }, { kind: 'later', due: '2026-12-30T02:00:00.000Z' }] })
      .returning();
    noticeId = n!.id;
    await f.deps.db.insert(noticeListings).values({ noticeId, listingId: f.seeded.findingA.listingId, findingId: f.seeded.findingA.id });
    f.deps.queues.startWorker(QueueName.Notify, { ...idleHandlers(), ...createNotifyJobs(f.deps, FAST) }, 2);
  });
  afterAll(async () => {
    await f?.close();
    await smtp?.stop();
  });

  it('sends each holder only their own new findings and officers the overdue notices, escaped, Vietnamese first', async () => {
    const digest = new DigestService(f.deps, new MailService(f.deps, FAST));
    const result = await digest.run(AT);
    expect(result).toMatchObject({ holderMails: 2, officerMails: 1, findings: 3, overdue: 1 });
    await until(() => smtp.received.length === 3);

    const toA = smtp.received.find((m) => m.to.includes(f.seeded.holderA.email))!;
    const toB = smtp.received.find((m) => m.to.includes(f.seeded.holderB.email))!;
    const toOfficer = smtp.received.find((m) => m.to.includes(f.seeded.officer.email))!;
    expect(toA.subject).toBe('[ipwatch] 2 phát hiện mới về tác phẩm, nhãn hiệu của quý vị / 2 new finding(s) on your works and marks');
    expect(toA.from).toBe('no-reply@ipwatch.local');
    expect(toA.text).toContain('Tranh Đông Hồ Đám cưới chuột in canvas khổ lớn');
    expect(toA.text).not.toContain('Bình gốm men da lươn');
    expect(toB.text).toContain('Bình gốm men da lươn Phù Lãng');
    expect(toB.text).not.toContain('Đám cưới chuột');
    // Vietnamese first, English second.
    expect(toA.text.indexOf('Kính gửi')).toBeLessThan(toA.text.indexOf('Dear'));
    expect(toA.text).toContain('https://ipwatch.bacninh.gov.vn/findings');
    // Hostile title: text in both bodies, never markup, no control characters, no header injection.
    expect(toA.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tranh &quot;Đám cưới chuột&quot; &amp; &#39;rẻ&#39;');
    expect(toA.html).not.toMatch(/<script/i);
    expect(toA.text).toContain('<script>alert("x")</script> Tranh "Đám cưới chuột"');
    expect(toA.text).not.toContain('\u0007');
    expect(toA.raw).not.toMatch(/^Bcc:/m);
    expect(toA.to).toEqual([f.seeded.holderA.email]);

    expect(toOfficer.subject).toBe('[ipwatch] 1 yêu cầu gỡ bỏ quá hạn / 1 overdue takedown notice(s)');
    expect(toOfficer.text).toContain(`#${noticeId} Vụ <b>Shop Tranh Đẹp 68</b> | Shopee Việt Nam | Điều 113 / Art. 113 | takedown: `);
    expect(toOfficer.text).toContain('| 0/1');
    expect(toOfficer.html).toContain('Vụ &lt;b&gt;Shop Tranh Đẹp 68&lt;/b&gt;');

    // The server has the message a moment before the worker marks the row.
    await until(async () => (await f.deps.db.select().from(mailOutbox)).every((r) => r.status === 'sent'));
    const rows = await f.deps.db.select().from(mailOutbox);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1], ['sent', 1]]);
  });

  it('sends nothing twice when the digest runs again (also through the job)', async () => {
    const again = await new DigestService(f.deps, new MailService(f.deps, FAST)).run(AT);
    expect(again).toMatchObject({ holderMails: 0, officerMails: 0 });
    const job = await f.deps.queues.add(JobName.NotifyDigest, { at: AT.toISOString() });
    await until(async () => (await job.getState()) === 'completed');
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(3);
    expect(await f.deps.db.select().from(mailOutbox)).toHaveLength(3);
  });

  it('keeps mail while the SMTP server is down, retries with backoff and delivers it exactly once', async () => {
    await smtp.stop();
    const listings = new ListingRepository(f.deps.db);
    const { listing } = await listings.upsert({ platform: 'lazada', url: 'https://lazada.example.vn/binh-2', title: 'Bình gốm da lươn nhái', contentHash: 'h2' }, AT);
    await new FindingRepository(f.deps.db).upsert({ listingId: listing.id, workId: f.seeded.findingB.workId, score: 0.75, signals: [] }, AT);
    const later = new Date(AT.getTime() + 3_600_000);
    const started = Date.now();
    const result = await new DigestService(f.deps, new MailService(f.deps, FAST)).run(later);
    expect(result).toMatchObject({ holderMails: 1, findings: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    // The UI keeps working during the outage.
    expect((await f.app.request('/healthz')).status).toBeLessThan(500);

    const pendingRow = async () => (await f.deps.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'digest_findings'))).at(-1)!;
    await until(async () => (await pendingRow()).attempts >= 3);
    const down = await pendingRow();
    expect(down.status).toMatch(/pending|sending/);
    expect(down.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(smtp.received).toHaveLength(3);

    await smtp.start();
    await until(async () => (await pendingRow()).status === 'sent');
    await new Promise((r) => setTimeout(r, 500));
    const delivered = smtp.received.filter((m) => m.text.includes('Bình gốm da lươn nhái'));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.to).toEqual([f.seeded.holderB.email]);
    expect((await pendingRow()).attempts).toBeGreaterThanOrEqual(4);
  });

  it('without SMTP the mail waits in the outbox and goes out once a server is configured', async () => {
    const offline = { ...f.deps, config: parseConfig({ IPWATCH_LOG_LEVEL: 'silent', NODE_ENV: 'test' }) };
    const noSmtp = new MailService(offline);
    const row = await noSmtp.repository.insert({ recipient: 'x@example.vn', subject: 'Thử / Test', textBody: 'xin chào', htmlBody: '<p>xin chào</p>', kind: 'test' });
    expect(await noSmtp.send(row.id)).toEqual({ sent: false, reason: 'no-smtp' });
    expect(await noSmtp.requeueUnsent()).toBe(0);
    expect((await noSmtp.repository.get(row.id))!.status).toBe('pending');
    const before = smtp.received.length;
    const { requeued } = await startNotifier(f.deps);
    expect(requeued).toBeGreaterThanOrEqual(1);
    await until(async () => (await noSmtp.repository.get(row.id))!.status === 'sent');
    expect(smtp.received.length).toBe(before + 1);
  });

  it('schedules the digest in Vietnam time, and the scheduler does not keep `start --once` from ending', async () => {
    await startNotifier(f.deps);
    const scheduler = await f.deps.queues.queue(QueueName.Notify).getJobScheduler(DIGEST_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ pattern: '0 7 * * *', tz: 'Asia/Ho_Chi_Minh' });
    await until(async () => f.deps.queues.idle());
    expect((await f.deps.queues.queue(QueueName.Notify).getDelayedCount())).toBe(1);
  });
});
