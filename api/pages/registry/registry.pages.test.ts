import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { PortalClients } from '../../routes/registry/portal.fixture.ts';
import { createApiFixture, login, ORIGIN, type ApiFixture } from '../../test/api.fixture.ts';
import { workPng } from '../../test/images.fixture.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe.each(databaseKinds())('registry and account pages on %s', (kind) => {
  let f: ApiFixture;
  let api: PortalClients;
  let workA: number;
  let workB: number;
  beforeAll(async () => {
    f = await createApiFixture(kind);
    api = await new PortalClients(f).signIn();
    workA = f.seeded.findingA.workId!;
    workB = f.seeded.findingB.workId!;
  });
  afterAll(() => f?.close());

  const html = async (path: string, who: Parameters<PortalClients['get']>[1]) => {
    const res = await api.get(path, who);
    return { status: res.status, text: await res.text() };
  };

  it('sends anonymous visitors to sign in, and shows the registry in Vietnamese, English on request', async () => {
    for (const path of ['/registry', `/registry/works/${workA}`, '/registry/marks', '/registry/import', '/accounts']) {
      const res = await api.get(path, 'anonymous');
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toMatch(/^\/login\?next=/);
    }
    const vi = await html('/registry?q=dam%20cuoi', 'officer');
    expect(vi.text).toContain('Cơ sở dữ liệu tác phẩm');
    expect(vi.text).toContain('Tranh Đám cưới chuột');
    expect(vi.text).not.toContain('Bình gốm men da lươn');
    expect(vi.text).toContain('href="/registry/import"');
    const en = await html('/registry?lang=en', 'inspector');
    expect(en.text).toContain('Registry of works');
    expect(en.text).not.toContain('href="/registry/works/new"');
  });

  it('shows a rights holder only their own works and marks; another owner’s pages and forms are 404', async () => {
    const list = await html('/registry', 'holderA');
    expect(list.text).toContain('Tranh Đám cưới chuột');
    expect(list.text).not.toContain('Bình gốm men da lươn');
    for (const path of [`/registry/works/${workB}`, `/registry/works/${workB}/edit`]) expect((await html(path, 'holderA')).status, path).toBe(404);
    expect((await api.form(`/registry/works/${workB}`, 'holderA', { title: 'Chiếm', type: 'folk' })).status).toBe(404);
    expect((await api.form(`/registry/works/${workB}/status`, 'holderA', { status: 'withdrawn' })).status).toBe(404);
    expect((await api.form(`/registry/works/${workB}/assets/${f.seeded.assetIdB}/delete`, 'holderA', {})).status).toBe(404);
    expect((await api.multipart(`/registry/works/${workB}/assets`, 'holderA', { file: { name: 'a.png', bytes: await workPng() } })).status).toBe(404);
    expect((await html('/registry/works/99999999999', 'officer')).status).toBe(404);
    expect((await api.get('/registry/import', 'holderA')).status).toBe(403);
    const b = await html(`/registry/works/${workB}`, 'officer');
    expect(b.text).toContain('Bình gốm men da lươn');
    expect(b.text).toContain('Đang bảo hộ');
  });

  it('lets inspectors read pages but not open or post the forms (403)', async () => {
    expect((await html(`/registry/works/${workA}`, 'inspector')).status).toBe(200);
    expect((await api.get('/registry/works/new', 'inspector')).status).toBe(403);
    expect((await api.form('/registry/works', 'inspector', { title: 'X', type: 'folk' })).status).toBe(403);
    expect((await api.form(`/registry/works/${workA}/status`, 'inspector', { status: 'draft' })).status).toBe(403);
  });

  it('lets a rights holder add a work through the form, upload an image and see fingerprinting progress', async () => {
    const missingCsrf = await f.app.request('/registry/works', { method: 'POST', headers: api.headers('holderA', { origin: ORIGIN }), body: new URLSearchParams({ title: 'X', type: 'folk' }) });
    expect(missingCsrf.status).toBe(403);
    const bad = await api.form('/registry/works', 'holderA', { title: 'Tranh Vinh hoa', type: 'fine_art', certificateNo: 'không-hợp-lệ' });
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    expect(badText).toContain('Vui lòng sửa các lỗi sau');
    expect(badText).toContain('value="Tranh Vinh hoa"');
    const res = await api.form('/registry/works', 'holderA', { title: 'Tranh Vinh hoa', type: 'fine_art', authors: 'Nghệ nhân Nguyễn Thị Oanh', certificateNo: '6001/2026/QTG', status: 'active', relatedRights: 'ghi hình | Đài PT-TH Bắc Ninh' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/registry\/works\/\d+\?done=created$/);
    const id = Number(/works\/(\d+)/.exec(location)![1]);
    // The service's refusals reach the form in Vietnamese.
    const again = await api.form('/registry/works', 'holderA', { title: 'Tranh khác', type: 'fine_art', certificateNo: '6001/2026/QTG' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Đã có tác phẩm với số giấy chứng nhận 6001/2026/QTG.');
    const upload = await api.multipart(`/registry/works/${id}/assets`, 'holderA', { file: { name: 'vinh-hoa.png', bytes: await workPng(), type: 'image/png' } });
    expect(upload.status).toBe(303);
    const page = await html(`/registry/works/${id}`, 'holderA');
    expect(page.text).toContain('Tranh Vinh hoa');
    expect(page.text).toContain(`<img src="/files/assets/`);
    expect(page.text).toMatch(/data-fingerprint="(pending|running|ready)"/);
    expect(page.text).toContain('Đài PT-TH Bắc Ninh');
    expect((await html(`/registry/works/${id}`, 'holderB')).status).toBe(404);
    const wrong = await api.multipart(`/registry/works/${id}/assets`, 'holderA', { file: { name: 'anh.png', bytes: utf8('<svg onload=alert(1)>') } });
    expect(wrong.status).toBe(415);
    expect(await wrong.text()).toContain('Vui lòng sửa các lỗi sau');
  });

  it('lets an officer create a mark for an owner that the other holder cannot open', async () => {
    const res = await api.form('/registry/marks', 'officer', { name: 'Gốm Phù Lãng', kind: 'collective', owner: 'HTX Gốm Phù Lãng', niceClasses: '21, 35', filingDate: '2021-06-01' });
    expect(res.status).toBe(303);
    const id = Number(/marks\/(\d+)/.exec(res.headers.get('location')!)![1]);
    expect((await html(`/registry/marks/${id}`, 'holderA')).status).toBe(404);
    const mine = await html(`/registry/marks/${id}`, 'holderB');
    expect(mine.text).toContain('Nhãn hiệu tập thể');
    expect(mine.text).toContain('2031-06-01');
    expect((await html('/registry/marks', 'holderA')).text).not.toContain('Gốm Phù Lãng');
  });

  it('imports through the page: dry-run table with Vietnamese reasons, then confirm without re-uploading', async () => {
    const badCsv = 'title,type,owners\nTác phẩm A,folk,Ai đó\nTác phẩm B,tho,Ai đó\n';
    const rejected = await api.multipart('/registry/import', 'officer', { file: { name: 'sai.csv', bytes: utf8(badCsv) } });
    expect(rejected.status).toBe(422);
    const rejectedHtml = await rejected.text();
    expect(rejectedHtml).toContain('Có dòng bị từ chối');
    expect(rejectedHtml).toMatch(/data-row="3" data-outcome="rejected"/);
    expect(rejectedHtml).not.toContain('/registry/import/confirm');
    const csv = 'title,type,owners\nCa dao Kinh Bắc,folk,Trung tâm Văn hóa Bắc Ninh\n';
    const dry = await api.multipart('/registry/import', 'officer', { file: { name: 'dung.csv', bytes: utf8(csv) } });
    expect(dry.status).toBe(200);
    const dryHtml = await dry.text();
    expect(dryHtml).toContain('Kết quả chạy thử');
    expect((await (await api.get('/api/v1/works?q=ca%20dao', 'officer')).json()).total).toBe(0);
    const staged = Object.fromEntries([...dryHtml.matchAll(/<input type="hidden" name="(fileKey|fileName|imagesKey|imagesName|signature)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    expect(Object.keys(staged).sort()).toEqual(['fileKey', 'fileName', 'imagesKey', 'imagesName', 'signature']);
    const forged = await api.form('/registry/import/confirm', 'officer', { ...staged, fileName: 'khac.csv' });
    expect(forged.status).toBe(403);
    const other = await api.form('/registry/import/confirm', 'inspector', staged);
    expect(other.status).toBe(403);
    const done = await api.form('/registry/import/confirm', 'officer', staged);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Đã nhập xong');
    expect((await (await api.get('/api/v1/works?q=ca%20dao', 'officer')).json()).total).toBe(1);
  });

  it('registers through the form (Vietnamese errors), and the officer approves through the approval page', async () => {
    const form = await html('/register', 'anonymous');
    expect(form.text).toContain('Đăng ký tài khoản chủ sở hữu quyền');
    const post = (fields: Record<string, string>) => f.app.request('/register', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams(fields) });
    const fields = { name: 'Trần Thị Mai', email: 'mai@tranh.example.vn', password: 'mat-khau-2026', password2: 'mat-khau-2026', partyKind: 'person', claimedOwner: 'Xưởng tranh Mai Trần' };
    const mismatch = await post({ ...fields, password2: 'khac-nhau-2026' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('Hai lần nhập mật khẩu không khớp.');
    const badEmail = await post({ ...fields, email: 'khong-phai-email' });
    expect(await badEmail.text()).toContain('Email không hợp lệ.');
    expect((await post(fields)).status).toBe(201);
    const taken = await post(fields);
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('Email này đã được dùng');
    expect((await login(f.app, 'mai@tranh.example.vn', 'mat-khau-2026')).status).toBe(403);

    expect((await api.get('/accounts', 'holderA')).status).toBe(403);
    const list = await html('/accounts', 'officer');
    expect(list.text).toContain('Trần Thị Mai');
    const id = Number(/href="\/accounts\/(\d+)"/.exec(list.text)![1]);
    const detail = await html(`/accounts/${id}`, 'officer');
    expect(detail.text).toContain('Xưởng tranh Mai Trần');
    const neither = await api.form(`/accounts/${id}/approve`, 'officer', { ownerId: '', newOwnerName: '' });
    expect(neither.status).toBe(400);
    expect(await neither.text()).toContain('Hãy chọn một chủ sở hữu có sẵn');
    const approved = await api.form(`/accounts/${id}/approve`, 'officer', { ownerId: '', newOwnerName: 'Xưởng tranh Mai Trần', note: 'Đã xác minh' });
    expect(approved.status).toBe(303);
    expect((await html(`/accounts/${id}?done=approved`, 'officer')).text).toContain('Đã phê duyệt tài khoản.');
    const signedIn = await login(f.app, 'mai@tranh.example.vn', 'mat-khau-2026');
    expect(signedIn.status).toBe(303);
    const works = await (await f.app.request('/api/v1/works', { headers: { cookie: signedIn.cookie! } })).json();
    expect(works.items).toEqual([]);
  });
});
