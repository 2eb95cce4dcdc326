import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../../core/audit/audit.repository.ts';
import { QueueName } from '../../../core/queue/job-names.ts';
import { ListingRepository } from '../../../crawler/listing.repository.ts';
import { FindingRepository } from '../../../matcher/finding.repository.ts';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { recheckJobId } from '../../cases/notice.service.ts';
import { createApiFixture, login, type ApiFixture } from '../../test/api.fixture.ts';

const HOSTILE = 'Tranh <script>alert("x")</script> "Đám cưới chuột" \u001B\u0007\u000C ) ( \\ <b>đậm</b> &amp; %PDF endstream';

function unzipEntry(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      file.on('end', () => reject(new Error(`${name} not in the archive`)));
      file.readEntry();
    });
  });
}

function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ipw-notice-')), 'n.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

describe.each(databaseKinds())('cases and notices REST on %s', (kind) => {
  let f: ApiFixture;
  let hostileFindingId: number;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    f = await createApiFixture(kind, { config: { IPWATCH_NOTICE_SIGNATORY: 'Nguyễn Văn Giám' } });
    for (const [name, user] of Object.entries({ officer: f.seeded.officer, inspector: f.seeded.inspector, holderA: f.seeded.holderA, holderB: f.seeded.holderB })) cookies[name] = (await login(f.app, user.email)).cookie!;
    const { listing } = await new ListingRepository(f.db.db).upsert({ platform: 'facebook', url: 'https://facebook.example.vn/groups/tranh/posts/987654321?ref=x&y="z"', title: HOSTILE, sellerName: 'Nhóm <i>tranh</i>', contentHash: 'h1' }, new Date());
    hostileFindingId = (await new FindingRepository(f.db.db).upsert({ listingId: listing.id, workId: f.seeded.findingA.workId, score: 0.8, signals: [] }, new Date())).id;
  });
  afterAll(() => f?.close());

  const call = (method: string, url: string, who: string, body?: unknown) =>
    f.app.request(url, { method, headers: { cookie: cookies[who]!, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const ok = async (res: Response, status = 200) => {
    if (res.status !== status) throw new Error(`${res.status}: ${await res.text()}`);
    return res.json();
  };

  it('an officer opens a case from findings; holders see only cases wholly on their own works', async () => {
    const created = await ok(await call('POST', '/api/v1/cases', 'officer', { findingIds: [f.seeded.findingA.id, hostileFindingId] }), 201);
    expect(created).toMatchObject({ groupedBy: 'manual', status: 'open', findingCount: 2, overdue: false, notices: [] });
    expect(created.findings.map((x: { id: number }) => x.id).sort()).toEqual([f.seeded.findingA.id, hostileFindingId].sort());
    const mixed = await ok(await call('POST', '/api/v1/cases', 'officer', { findingIds: [f.seeded.findingA.id, f.seeded.findingB.id], title: 'Hai chủ sở hữu' }), 201);

    expect((await call('GET', `/api/v1/cases/${created.id}`, 'holderA')).status).toBe(200);
    expect((await call('GET', `/api/v1/cases/${created.id}`, 'inspector')).status).toBe(200);
    for (const [who, id] of [['holderB', created.id], ['holderA', mixed.id], ['holderB', mixed.id], ['officer', 999_999]] as const) {
      const res = await call('GET', `/api/v1/cases/${id}`, who);
      expect(res.status, `${who} ${id}`).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const listA = await ok(await call('GET', '/api/v1/cases', 'holderA'));
    expect(listA.items.map((c: { id: number }) => c.id)).toEqual([created.id]);
    expect((await ok(await call('GET', '/api/v1/cases', 'holderB'))).items).toEqual([]);
    expect((await ok(await call('GET', '/api/v1/cases', 'officer'))).items).toHaveLength(2);
    // A holder cannot open a case even on their own finding; nor can an inspector.
    expect((await call('POST', '/api/v1/cases', 'holderA', { findingIds: [f.seeded.findingA.id] })).status).toBe(403);
    expect((await call('POST', '/api/v1/cases', 'inspector', { findingIds: [f.seeded.findingA.id] })).status).toBe(403);
    const events = await new AuditRepository(f.db.db).list({ entityType: 'case', entityId: created.id });
    expect(events.map((e) => e.action)).toEqual(['case.create']);
  });

  it.each([
    ['empty body', {}, 400],
    ['no findings', { findingIds: [] }, 400],
    ['negative id', { findingIds: [-1] }, 400],
    ['id past int4', { findingIds: [2 ** 31] }, 400],
    ['unknown grouping', { groupedBy: 'colour', findingIds: [1] }, 400],
    ['unknown field', { findingIds: [1], evil: true }, 400],
    ['a finding that does not exist', { findingIds: [987_654] }, 404],
  ])('refuses a bad case body (%s)', async (_name, body, status) => {
    const res = await call('POST', '/api/v1/cases', 'officer', body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('groups by work: the seed plus every confirmed finding on the same work', async () => {
    await ok(await call('POST', `/api/v1/findings/${hostileFindingId}/review`, 'officer', { status: 'confirmed' }));
    const byWork = await ok(await call('POST', '/api/v1/cases', 'officer', { groupedBy: 'work', findingIds: [f.seeded.findingA.id] }), 201);
    expect(byWork.groupKey).toBe(`work:${f.seeded.findingA.workId}`);
    expect(byWork.title).toBe('Tác phẩm: Tranh Đám cưới chuột');
    expect(byWork.findings.map((x: { id: number }) => x.id).sort()).toEqual([f.seeded.findingA.id, hostileFindingId].sort());
    await ok(await call('POST', `/api/v1/cases/${byWork.id}/close`, 'officer', { outcome: 'withdrawn' }));
  });

  it('drafts an Art. 113 notice, renders it as PDF and DOCX with hostile text as text, and tracks its deadlines', async () => {
    const created = (await ok(await call('GET', '/api/v1/cases', 'officer'))).items.find((c: { findingCount: number; status: string; title: string }) => c.status === 'open' && c.title !== 'Hai chủ sở hữu');
    const bad = await call('POST', `/api/v1/cases/${created.id}/notices`, 'officer', { basis: 'art113' });
    expect(bad.status).toBe(400);
    expect((await call('POST', `/api/v1/cases/${created.id}/notices`, 'officer', { basis: 'art113', recipient: 'X', findingIds: [f.seeded.findingB.id] })).status).toBe(404);
    const notice = await ok(await call('POST', `/api/v1/cases/${created.id}/notices`, 'officer', { basis: 'art113', recipient: 'Công ty TNHH Shopee', recipientContact: 'legal@shopee.example.vn' }), 201);
    expect(notice).toMatchObject({ status: 'draft', issuingAuthority: 'Sở Văn hoá, Thể thao và Du lịch tỉnh Bắc Ninh', signatory: 'Nguyễn Văn Giám', deadlines: [] });
    expect(notice.listings).toHaveLength(2);

    const pdfRes = await call('GET', `/api/v1/notices/${notice.id}/document?format=pdf`, 'inspector');
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdfRes.arrayBuffer()));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('VĂN BẢN YÊU CẦU');
    expect(flat).toContain('Kính gửi: Công ty TNHH Shopee');
    expect(flat).toContain('Điều 113');
    expect(flat).toContain('3794/2026/QTG');
    expect(flat).toContain('12/03/2026');
    expect(flat).toContain('<script>alert("x")</script>');
    expect(flat).toContain('<b>đậm</b> &amp; %PDF endstream');
    expect(flat).toContain('Nguyễn Văn Giám');
    expect(flat).toContain('2026-11-20 03:15:42 UTC');
    expect(flat).toContain('20/11/2026 10:15:42 (UTC+7)');
    expect(text.replace(/\s+/g, '')).toContain('https://shopee.example.vn/tranh-dong-ho-dam-cuoi-chuot-i.123.456');
    expect(text).not.toMatch(/[\u0007\u001B]/); // pdftotext itself separates pages with \f

    const docxRes = await call('GET', `/api/v1/notices/${notice.id}/document?format=docx`, 'holderA');
    expect(docxRes.status).toBe(200);
    expect(docxRes.headers.get('content-disposition')).toBe(`attachment; filename="yeu-cau-dieu-113-${notice.id}.docx"`);
    const xml = await unzipEntry(Buffer.from(await docxRes.arrayBuffer()), 'word/document.xml');
    expect(xml).toContain('Tranh &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(xml).toContain('Kính gửi: Công ty TNHH Shopee');
    expect(xml).toContain('3794/2026/QTG');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toMatch(/[\u0007\u000C\u001B]/);

    for (const [who, url] of [['holderB', `/api/v1/notices/${notice.id}`], ['holderB', `/api/v1/notices/${notice.id}/document`], ['officer', '/api/v1/notices/424242']] as const) expect((await call('GET', url, who)).status).toBe(404);
    expect((await call('GET', `/api/v1/notices/${notice.id}/document?format=xls`, 'officer')).status).toBe(400);

    // Sent: deadlines from sending, findings move to notice_sent, one delayed re-check job however often it is clicked.
    const sentAt = new Date(Date.now() - 3 * 3600_000).toISOString();
    const sent = await ok(await call('POST', `/api/v1/notices/${notice.id}/events`, 'officer', { event: 'sent', at: sentAt }));
    expect(sent.status).toBe('sent');
    expect(sent.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['takedown', 'report_back']);
    expect(Date.parse(sent.deadlines[0].due) - Date.parse(sentAt)).toBe(24 * 3600_000);
    await ok(await call('POST', `/api/v1/notices/${notice.id}/events`, 'officer', { event: 'sent', at: sentAt }));
    const queue = f.queues.queues.queue(QueueName.Capture);
    const job = await queue.getJob(recheckJobId(notice.id, 'takedown'));
    expect(await job?.getState()).toBe('delayed');
    expect((await queue.getDelayed()).filter((j) => j.name === 'notice.recheck')).toHaveLength(1);
    const finding = await ok(await call('GET', `/api/v1/findings/${f.seeded.findingA.id}`, 'officer'));
    expect(finding.status).toBe('notice_sent');

    // Received two hours later: the deadline and its job move.
    const receivedAt = new Date(Date.parse(sentAt) + 2 * 3600_000);
    expect((await call('POST', `/api/v1/notices/${notice.id}/events`, 'officer', { event: 'received', at: new Date(Date.parse(sentAt) - 1000).toISOString() })).status).toBe(400);
    expect((await call('POST', `/api/v1/notices/${notice.id}/events`, 'officer', { event: 'received', at: new Date(Date.now() + 86_400_000).toISOString() })).status).toBe(400);
    const received = await ok(await call('POST', `/api/v1/notices/${notice.id}/events`, 'officer', { event: 'received', at: receivedAt.toISOString() }));
    expect(received.deadlines[0].due).toBe(new Date(receivedAt.getTime() + 24 * 3600_000).toISOString());
    const moved = await queue.getJob(recheckJobId(notice.id, 'takedown'));
    expect(moved!.timestamp + moved!.opts.delay!).toBeGreaterThan(job!.timestamp + job!.opts.delay! + 2 * 3600_000 - 5000);
    expect((await queue.getDelayed()).filter((j) => j.name === 'notice.recheck')).toHaveLength(1);

    expect((await call('POST', `/api/v1/notices/${notice.id}/events`, 'officer', { event: 'objection' })).status).toBe(409);
    expect((await call('POST', `/api/v1/notices/${notice.id}/events`, 'officer', { event: 'sent', at: 'yesterday' })).status).toBe(400);
    expect((await call('POST', `/api/v1/notices/${notice.id}/events`, 'inspector', { event: 'sent' })).status).toBe(403);
    const actions = (await new AuditRepository(f.db.db).list({ entityType: 'notice', entityId: notice.id })).map((e) => e.action);
    expect(actions).toEqual(['notice.draft', 'notice.sent', 'notice.sent', 'notice.received']);

    const closed = await ok(await call('POST', `/api/v1/cases/${created.id}/close`, 'officer', { outcome: 'removed', note: 'Đã gỡ' }));
    expect(closed).toMatchObject({ status: 'closed', outcome: 'removed' });
    expect((await call('POST', `/api/v1/cases/${created.id}/close`, 'officer', { outcome: 'removed' })).status).toBe(409);
    expect((await call('POST', `/api/v1/cases/${created.id}/close`, 'officer', { outcome: 'forgotten' })).status).toBe(400);
    expect((await call('POST', `/api/v1/cases/${created.id}/notices`, 'officer', { basis: 'art113', recipient: 'X' })).status).toBe(409);
  });

  it('drafts an Art. 114 notice with the evidence list of Art. 114(4) and the owner as requester', async () => {
    const c = await ok(await call('POST', '/api/v1/cases', 'officer', { findingIds: [f.seeded.findingB.id] }), 201);
    const notice = await ok(await call('POST', `/api/v1/cases/${c.id}/notices`, 'officer', { basis: 'art114', recipient: 'Lazada Việt Nam' }), 201);
    expect(notice.requester).toBe('HTX Gốm Phù Lãng');
    const flat = pdfText(Buffer.from(await (await call('GET', `/api/v1/notices/${notice.id}/document`, 'officer')).arrayBuffer())).replace(/\s+/g, ' ');
    for (const s of ['Điều 114', 'a) Giấy tờ chứng minh nhân thân', 'c) Văn bản cam kết chịu trách nhiệm', 'đ) Đường dẫn và mô tả', 'e) Giấy uỷ quyền', '10 ngày làm việc', '512/2025/QTG', 'chưa có bản thu thập']) expect(flat).toContain(s);
    const sent = await ok(await call('POST', `/api/v1/notices/${notice.id}/events`, 'officer', { event: 'sent' }));
    expect(sent.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['takedown', 'objection']);
    const objected = await ok(await call('POST', `/api/v1/notices/${notice.id}/events`, 'officer', { event: 'objection' }));
    expect(objected.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['takedown', 'objection', 'restore']);
    expect(await (await f.queues.queues.queue(QueueName.Capture).getJob(recheckJobId(notice.id, 'restore')))?.getState()).toBe('delayed');
    expect((await ok(await call('POST', `/api/v1/notices/${notice.id}/events`, 'officer', { event: 'restored' }))).status).toBe('closed');
  });

  it('keeps the working-day calendar: officers edit, inspectors read, holders do not see it', async () => {
    const listed = await ok(await call('GET', '/api/v1/calendar-days?from=2026-01-01&to=2026-12-31', 'inspector'));
    expect(listed.items).toContainEqual({ day: '2026-09-02', kind: 'holiday', name: 'Quốc khánh 2/9' });
    expect(listed.items).toContainEqual({ day: '2026-01-10', kind: 'workday', name: 'Làm bù cho ngày 02/01' });
    expect((await call('GET', '/api/v1/calendar-days', 'holderA')).status).toBe(403);
    expect(await ok(await call('PUT', '/api/v1/calendar-days/2026-11-24', 'officer', { kind: 'holiday', name: 'Ngày Văn hoá Việt Nam' }))).toEqual({ day: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hoá Việt Nam' });
    expect((await call('PUT', '/api/v1/calendar-days/2026-11-24', 'inspector', { kind: 'holiday', name: 'x' })).status).toBe(403);
    for (const [day, body] of [['2026-13-01', { kind: 'holiday', name: 'x' }], ['2026-11-25', { kind: 'party', name: 'x' }], ['2026-11-25', { kind: 'holiday', name: '' }], ['2026-02-30', { kind: 'holiday', name: 'x' }]] as const) {
      expect((await call('PUT', `/api/v1/calendar-days/${day}`, 'officer', body)).status, day).toBe(400);
    }
    expect((await call('DELETE', '/api/v1/calendar-days/2026-11-24', 'officer')).status).toBe(204);
    expect((await call('DELETE', '/api/v1/calendar-days/2026-11-24', 'officer')).status).toBe(404);
    const audit = await new AuditRepository(f.db.db).list({ entityType: 'calendar_day', entityId: '2026-11-24' });
    expect(audit.map((e) => e.action)).toEqual(['calendar.set', 'calendar.delete']);
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = await (await f.app.request('/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}', '/api/v1/cases/{id}/findings', '/api/v1/cases/{id}/findings/{findingId}', '/api/v1/cases/{id}/close', '/api/v1/cases/{id}/notices', '/api/v1/notices/{id}', '/api/v1/notices/{id}/document', '/api/v1/notices/{id}/events', '/api/v1/calendar-days', '/api/v1/calendar-days/{day}']));
  });
});
