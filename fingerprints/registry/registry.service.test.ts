import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditRepository } from '../../core/audit/audit.repository.ts';
import { ConflictError, ExternalInputError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors/errors.ts';
import { createStageTestContext } from '../fingerprint.service.fixture.ts';
import { scenePng } from '../image/synthetic.fixture.ts';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { markExpiry } from './registry.marks.ts';
import { RegistryService } from './registry.service.ts';
import type { RegistryActor } from './registry.types.ts';

// Image decoding and many small transactions: slow on PGlite when the machine is shared.
vi.setConfig({ testTimeout: 300_000 });

const officer: RegistryActor = { userId: 1, role: 'officer', ownerId: null, label: 'officer@so-vhttdl' };
const inspector: RegistryActor = { userId: 2, role: 'inspector', ownerId: null };

describe('mark expiry', () => {
  it('is ten years from filing, 29 February giving 28 February', () => {
    expect(markExpiry('2020-03-15')).toBe('2030-03-15');
    expect(markExpiry('2024-02-29')).toBe('2034-02-28');
    expect(markExpiry(null)).toBeNull();
  });
});

describe.each(databaseKinds())('registry service on %s', (kind) => {
  let env: Awaited<ReturnType<typeof createStageTestContext>> | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  async function setup() {
    env = await createStageTestContext(kind);
    const registry = new RegistryService({ ...env.ctx, queues: undefined });
    return { registry, audit: new AuditRepository(env.ctx.db), ctx: env.ctx };
  }

  it('creates a work with parties, assets and audit events, and finds it again by identity', async () => {
    const { registry, audit } = await setup();
    const image = await scenePng(3);
    const work = await registry.createWork(officer, {
      title: '  Đám cưới   chuột ',
      type: 'fine_art',
      authors: [{ name: 'Nguyễn Đăng Chế', penName: 'Nghệ nhân Chế' }],
      owners: ['Làng tranh Đông Hồ', { name: 'Nguyễn Đăng Chế' }],
      certificateNo: '3794/2026/QTG',
      certificateDate: '2026-03-01',
      publishedOn: '1990-01-15',
      publishedPlace: 'Bắc Ninh',
      relatedRights: [{ kind: 'videogram', holder: 'Đài PT-TH Bắc Ninh', description: 'phóng sự' }],
      text: 'Thơ minh hoạ cho bức tranh, đủ dài để có vài cụm từ.',
    }, [{ name: 'dam-cuoi-chuot.png', bytes: image }]);
    expect(work.title).toBe('Đám cưới chuột');
    expect(work.owners.map((o) => o.name)).toEqual(['Làng tranh Đông Hồ', 'Nguyễn Đăng Chế']);
    expect(work.authorParties).toEqual([expect.objectContaining({ name: 'Nguyễn Đăng Chế', penName: 'Nghệ nhân Chế' })]);
    expect(work.authors).toEqual(['Nguyễn Đăng Chế']);
    expect(work.relatedRights).toEqual([{ kind: 'videogram', holder: 'Đài PT-TH Bắc Ninh', description: 'phóng sự' }]);
    expect(work.assets.map((a) => a.kind).sort()).toEqual(['image', 'text']);
    expect(work.fingerprint.state).toBe('pending');

    // Same identity: create refuses, upsert changes nothing, a changed field updates with before/after.
    await expect(registry.createWork(officer, { title: 'Khác', type: 'fine_art', owners: ['X'], certificateNo: '3794/2026/QTG' })).rejects.toBeInstanceOf(ConflictError);
    const again = await registry.upsertWork(officer, { title: 'Đám cưới chuột', type: 'fine_art', owners: ['Làng tranh Đông Hồ', 'Nguyễn Đăng Chế'], certificateNo: '3794/2026/QTG' }, [{ name: 'copy.png', bytes: image }]);
    expect(again.outcome).toBe('unchanged');
    const changed = await registry.upsertWork(officer, { title: 'Đám cưới chuột', type: 'fine_art', owners: ['Làng tranh Đông Hồ', 'Nguyễn Đăng Chế'], certificateNo: '3794/2026/QTG', description: 'Tranh dân gian' });
    expect(changed.outcome).toBe('updated');
    expect(changed.work.id).toBe(work.id);
    const events = await audit.list({ entityType: 'work', entityId: work.id });
    expect(events.map((e) => e.action)).toEqual(['work.create', 'work.asset.add', 'work.update']);
    expect(events[2]).toMatchObject({ actorUserId: 1, actorLabel: 'officer@so-vhttdl', before: expect.objectContaining({ description: null }), after: expect.objectContaining({ description: 'Tranh dân gian' }) });
    // Owners are resolved first: the author's pen name then fills in the party created as an owner.
    expect((await audit.list({ entityType: 'party' })).map((e) => e.action)).toEqual(['party.create', 'party.create', 'party.update']);
    expect(await audit.verify()).toMatchObject({ intact: true });

    // Without a certificate: title + first owner, owner names de-duplicated by normalised form.
    const plain = await registry.upsertWork(officer, { title: 'Gà mái', type: 'folk', owners: ['Hợp tác xã Hoà Bình'] });
    const same = await registry.upsertWork(officer, { title: 'Gà  mái', type: 'folk', owners: ['hợp tác xã  hòa bình'] });
    expect(same).toMatchObject({ outcome: 'unchanged', work: { id: plain.work.id } });
    expect(await registry.findWorkByIdentity({ title: 'Gà mái', firstOwner: 'HỢP TÁC XÃ HOÀ BÌNH' })).toMatchObject({ id: plain.work.id });
    expect((await registry.listParties(officer, { q: 'hop tac xa' })).rows.map((p) => p.name)).toEqual(['Hợp tác xã Hoà Bình']);
  });

  it('searches with or without diacritics and filters by type, owner, certificate and status', async () => {
    const { registry } = await setup();
    const a = await registry.createWork(officer, { title: 'Đám cưới chuột', type: 'fine_art', owners: ['Đông Hồ'], certificateNo: '1/2026/QTG' });
    await registry.createWork(officer, { title: 'Lợn nái', type: 'folk', owners: ['Phù Lãng'] });
    expect((await registry.listWorks(officer, { q: 'dam cuoi' })).rows.map((w) => w.id)).toEqual([a.id]);
    expect((await registry.listWorks(officer, { q: 'ĐÁM CƯỚI' })).rows.map((w) => w.id)).toEqual([a.id]);
    expect((await registry.listWorks(officer, { q: '100%_' })).total).toBe(0);
    expect((await registry.listWorks(officer, { type: 'folk' })).rows.map((w) => w.title)).toEqual(['Lợn nái']);
    expect((await registry.listWorks(officer, { ownerId: a.owners[0]!.id })).rows.map((w) => w.id)).toEqual([a.id]);
    expect((await registry.listWorks(officer, { certificateNo: '1/2026' })).total).toBe(1);
    await registry.setWorkStatus(officer, a.id, 'withdrawn');
    expect((await registry.listWorks(officer, { status: 'active' })).rows.map((w) => w.title)).toEqual(['Lợn nái']);
  });

  it('enforces roles: holders touch only their own records, inspectors read, nobody learns of others', async () => {
    const { registry } = await setup();
    const holderA = (await registry.upsertParty(officer, { name: 'Nghệ nhân A', email: 'a@example.vn' })).party;
    const holderB = (await registry.upsertParty(officer, { name: 'Nghệ nhân B' })).party;
    const a: RegistryActor = { userId: 10, role: 'rights_holder', ownerId: holderA.id };
    const b: RegistryActor = { userId: 11, role: 'rights_holder', ownerId: holderB.id };
    const work = await registry.createWork(a, { title: 'Bình gốm men lươn', type: 'applied_art', owners: ['Đồng sở hữu C'] });
    expect(work.owners.map((o) => o.id)[0]).toBe(holderA.id);
    const mark = await registry.createMark(a, { name: 'Gốm A', kind: 'ocop', owner: 'Someone Else' });
    expect(mark.ownerId).toBe(holderA.id);

    for (const attempt of [
      () => registry.getWork(b, work.id),
      () => registry.updateWork(b, work.id, { description: 'x' }),
      () => registry.setWorkStatus(b, work.id, 'withdrawn'),
      () => registry.getMark(b, mark.id),
      () => registry.updateMark(b, mark.id, { goods: 'x' }),
      () => registry.getAsset(b, work.assets[0]?.id ?? 999_999),
      () => registry.getParty(b, holderA.id),
    ]) {
      await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    }
    expect((await registry.listWorks(b)).rows).toEqual([]);
    expect((await registry.listWorks(b, { ownerId: holderA.id })).rows).toEqual([]);
    expect((await registry.listMarks(a)).rows.map((m) => m.id)).toEqual([mark.id]);

    await expect(registry.createWork(inspector, { title: 'T', type: 'photo', owners: ['X'] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(registry.updateWork(inspector, work.id, { title: 'T' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(registry.createWork({ userId: 12, role: 'rights_holder', ownerId: null }, { title: 'T', type: 'photo', owners: [] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(registry.upsertParty(a, { name: 'Z' })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await registry.getWork(inspector, work.id)).id).toBe(work.id);
    // A holder may update their own contact details, not somebody else's.
    expect((await registry.updateParty(a, holderA.id, { phone: '0912 345 678' })).phone).toBe('0912 345 678');
    await expect(registry.updateParty(a, holderB.id, { phone: '1' })).rejects.toBeInstanceOf(NotFoundError);
    // Another holder's certificate number is refused without saying whose.
    const cert = await registry.createWork(officer, { title: 'Có số', type: 'photo', owners: ['Nghệ nhân B'], certificateNo: '9/2026/QTG' });
    await expect(registry.upsertWork(a, { title: 'Có số', type: 'photo', certificateNo: '9/2026/QTG' })).rejects.toBeInstanceOf(ConflictError);
    expect((await registry.getWork(officer, cert.id)).owners.map((o) => o.id)).toEqual([holderB.id]);
    expect((await registry.history(a, { type: 'work', id: work.id })).map((e) => e.action)).toEqual(['work.create']);
  });

  it('registers marks: identity, expiry, Nice classes, images make them combined', async () => {
    const { registry, audit } = await setup();
    const mark = await registry.createMark(officer, { name: 'Gốm Phù Lãng', kind: 'collective', owner: { name: 'HTX gốm Phù Lãng', kind: 'organisation', identifier: '2300123456' }, certificateNo: '123456', filingDate: '2020-05-04', grantDate: '2021-06-01', niceClasses: [21, 8, 21], goods: 'Đồ gốm' });
    expect(mark).toMatchObject({ form: 'word', expiresOn: '2030-05-04', niceClasses: [8, 21], owner: { name: 'HTX gốm Phù Lãng', kind: 'organisation' } });
    expect((await registry.upsertMark(officer, { name: 'Gốm Phù Lãng', kind: 'collective', owner: 'HTX gốm Phù Lãng', certificateNo: '123456', niceClasses: [21, 8] })).outcome).toBe('unchanged');
    const renewed = await registry.updateMark(officer, mark.id, { filingDate: '2021-01-02' });
    expect(renewed.expiresOn).toBe('2031-01-02');
    await registry.addMarkImage(officer, mark.id, { name: 'logo.png', bytes: await scenePng(9) });
    const withImage = await registry.getMark(officer, mark.id);
    expect(withImage.form).toBe('combined');
    expect(withImage.assets.map((a) => a.kind)).toEqual(['text', 'image']);
    await expect(registry.createMark(officer, { name: 'Hình', kind: 'ordinary', form: 'figurative', owner: 'X' })).rejects.toBeInstanceOf(ValidationError);
    expect((await audit.list({ entityType: 'mark', entityId: mark.id })).map((e) => e.action)).toEqual(['mark.create', 'mark.update', 'mark.asset.add']);
  });

  it('refuses bad input with a typed error and stores nothing', async () => {
    const { registry } = await setup();
    const bad = [
      () => registry.createWork(officer, { title: 'T', type: 'poem' as never, owners: ['X'] }),
      () => registry.createWork(officer, { title: '   ', type: 'photo', owners: ['X'] }),
      () => registry.createWork(officer, { title: 'T', type: 'photo', owners: [] }),
      () => registry.createWork(officer, { title: 'T', type: 'photo', owners: ['X'], certificateNo: '=HYPERLINK("x")' }),
      () => registry.createWork(officer, { title: 'T', type: 'photo', owners: ['X'], publishedOn: '2026-02-30' }),
      () => registry.createWork(officer, { title: 'T', type: 'photo', owners: ['X'], extra: 1 } as never),
      () => registry.createMark(officer, { name: 'M', kind: 'ocop', owner: 'X', niceClasses: [46] }),
    ];
    for (const attempt of bad) await expect(attempt()).rejects.toBeInstanceOf(ValidationError);
    await expect(registry.createWork(officer, { title: 'T', type: 'photo', owners: ['X'] }, [{ name: 'fake.png', bytes: new TextEncoder().encode('not an image') }])).rejects.toBeInstanceOf(ExternalInputError);
    expect((await registry.listWorks(officer)).total).toBe(0);
    expect((await registry.listParties(officer)).total).toBe(0);
  });

  it('runs a batch all-or-nothing, and a dry run reports without storing', async () => {
    const { registry, audit } = await setup();
    const dry = await registry.inTransaction(async (r) => {
      const one = await r.upsertWork(officer, { title: 'Một', type: 'literary', owners: ['A'] }, [{ name: 'a.png', bytes: await scenePng(4) }]);
      const two = await r.upsertWork(officer, { title: 'Một', type: 'literary', owners: ['A'] });
      return [one.outcome, two.outcome];
    }, { dryRun: true });
    expect(dry).toEqual(['created', 'unchanged']);
    expect((await registry.listWorks(officer)).total).toBe(0);
    expect(await audit.list()).toEqual([]);

    await expect(registry.inTransaction(async (r) => {
      await r.upsertWork(officer, { title: 'Hai', type: 'literary', owners: ['A'] });
      await r.createWork(officer, { title: 'Hai', type: 'literary', owners: ['A'] });
    })).rejects.toBeInstanceOf(ConflictError);
    expect((await registry.listWorks(officer)).total).toBe(0);

    // A failed operation inside can be caught (a savepoint) and the batch goes on.
    const outcomes = await registry.inTransaction(async (r) => {
      await r.upsertWork(officer, { title: 'Ba', type: 'literary', owners: ['A'] });
      const refused = await r.createWork(officer, { title: 'Ba', type: 'literary', owners: ['A'] }).catch((e: Error) => e.name);
      return refused;
    });
    expect(outcomes).toBe('ConflictError');
    expect((await registry.listWorks(officer)).rows.map((w) => w.title)).toEqual(['Ba']);
    expect(await audit.verify()).toMatchObject({ intact: true });
  });

  it('adds and removes assets: text kept inline, documents sniffed, removal audited', async () => {
    const { registry, audit } = await setup();
    const work = await registry.createWork(officer, { title: 'Ca dao', type: 'folk', owners: ['A'] });
    const text = await registry.addWorkAsset(officer, work.id, { kind: 'text', text: 'Trèo lên cây bưởi hái hoa' });
    expect(text).toMatchObject({ kind: 'text', content: 'Trèo lên cây bưởi hái hoa', blobKey: null });
    const pdf = await registry.addWorkAsset(officer, work.id, { kind: 'document', name: '../../giay-chung-nhan.pdf', bytes: new TextEncoder().encode('%PDF-1.7 ...'), mime: 'application/pdf' });
    expect(pdf).toMatchObject({ kind: 'document', mime: 'application/pdf', originalName: 'giay-chung-nhan.pdf' });
    await expect(registry.addWorkAsset(officer, work.id, { kind: 'document', name: 'x.pdf', bytes: new TextEncoder().encode('MZ...'), mime: 'application/pdf' })).rejects.toThrow(/PDF/);
    await registry.removeAsset(officer, text.id);
    expect((await registry.getWork(officer, work.id)).assets.map((a) => a.id)).toEqual([pdf.id]);
    expect((await audit.list({ entityType: 'work' })).map((e) => e.action)).toEqual(['work.create', 'work.asset.add', 'work.asset.add', 'work.asset.remove']);
  });
});
