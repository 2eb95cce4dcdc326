import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/helpers/databases.ts';
import { createApiFixture, type ApiFixture } from '../../test/api.fixture.ts';
import { workPng } from '../../test/images.fixture.ts';
import { PortalClients, type Who } from '../registry/portal.fixture.ts';

const MAX_IMAGE = 200_000;

describe.each(databaseKinds())('REST works on %s', (kind) => {
  let f: ApiFixture;
  let api: PortalClients;
  let workA: number;
  let workB: number;
  beforeAll(async () => {
    f = await createApiFixture(kind, { config: { IPWATCH_MAX_IMAGE_BYTES: String(MAX_IMAGE) } });
    api = await new PortalClients(f).signIn();
    workA = f.seeded.findingA.workId!;
    workB = f.seeded.findingB.workId!;
  });
  afterAll(() => f?.close());

  const titles = async (path: string, who: Who) => (await (await api.get(path, who)).json()).items.map((w: { title: string }) => w.title);

  it('searches titles with or without diacritics, and filters by type, owner, certificate and status', async () => {
    expect(await titles('/api/v1/works?q=dam%20cuoi%20chuot', 'officer')).toEqual(['Tranh Đám cưới chuột']);
    expect(await titles(`/api/v1/works?q=${encodeURIComponent('ĐÁM CƯỚI')}`, 'officer')).toEqual(['Tranh Đám cưới chuột']);
    expect(await titles('/api/v1/works?q=gom%20men', 'inspector')).toEqual(['Bình gốm men da lươn']);
    expect(await titles('/api/v1/works?type=applied_art', 'officer')).toEqual(['Bình gốm men da lươn']);
    expect(await titles(`/api/v1/works?ownerId=${f.seeded.holderA.ownerId}`, 'officer')).toEqual(['Tranh Đám cưới chuột']);
    expect(await titles('/api/v1/works?certificateNo=512%2F2025', 'officer')).toEqual(['Bình gốm men da lươn']);
    expect(await titles('/api/v1/works?status=withdrawn', 'officer')).toEqual([]);
    const page = await (await api.get('/api/v1/works?limit=1&offset=1', 'officer')).json();
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: workB }] });
  });

  it('scopes a rights holder to their own works in every route: another owner’s work is 404', async () => {
    expect(await titles('/api/v1/works', 'holderA')).toEqual(['Tranh Đám cưới chuột']);
    // Asking for B's owner does not widen A's list.
    expect(await titles(`/api/v1/works?ownerId=${f.seeded.holderB.ownerId}`, 'holderA')).not.toContain('Bình gốm men da lươn');
    const png = { name: 'x.png', bytes: await workPng(), type: 'image/png' };
    const attempts: [string, () => Promise<Response>][] = [
      ['get', () => api.get(`/api/v1/works/${workB}`, 'holderA')],
      ['fingerprint', () => api.get(`/api/v1/works/${workB}/fingerprint`, 'holderA')],
      ['history', () => api.get(`/api/v1/works/${workB}/history`, 'holderA')],
      ['patch', () => api.json('PATCH', `/api/v1/works/${workB}`, 'holderA', { title: 'Chiếm' })],
      ['status', () => api.json('POST', `/api/v1/works/${workB}/status`, 'holderA', { status: 'withdrawn' })],
      ['asset', () => api.multipart(`/api/v1/works/${workB}/assets`, 'holderA', { file: png })],
      ['delete asset', () => api.delete(`/api/v1/works/${workB}/assets/${f.seeded.assetIdB}`, 'holderA')],
      ['delete asset via own work', () => api.delete(`/api/v1/works/${workA}/assets/${f.seeded.assetIdB}`, 'holderA')],
      ['file', () => api.get(`/files/assets/${f.seeded.assetIdB}`, 'holderA')],
    ];
    for (const [what, attempt] of attempts) {
      const res = await attempt();
      expect(res.status, what).toBe(404);
      expect(res.headers.get('content-type'), what).toBe('application/problem+json');
    }
    const b = await (await api.get(`/api/v1/works/${workB}`, 'officer')).json();
    expect(b).toMatchObject({ title: 'Bình gốm men da lươn', status: 'active', assets: [{ id: f.seeded.assetIdB }] });
  });

  it('lets inspectors read but never write (403), and anonymous callers nothing (401)', async () => {
    expect((await api.get(`/api/v1/works/${workA}`, 'inspector')).status).toBe(200);
    const writes: [string, () => Promise<Response>][] = [
      ['create', () => api.json('POST', '/api/v1/works', 'inspector', { title: 'X', type: 'folk' })],
      ['patch', () => api.json('PATCH', `/api/v1/works/${workA}`, 'inspector', { title: 'X' })],
      ['status', () => api.json('POST', `/api/v1/works/${workA}/status`, 'inspector', { status: 'draft' })],
      ['asset', () => api.multipart(`/api/v1/works/${workA}/assets`, 'inspector', { text: 'abc', kind: 'text' })],
      ['delete', () => api.delete(`/api/v1/works/${workA}/assets/${f.seeded.assetIdA}`, 'inspector')],
    ];
    for (const [what, attempt] of writes) expect((await attempt()).status, what).toBe(403);
    for (const path of ['/api/v1/works', `/api/v1/works/${workA}`, `/api/v1/works/${workA}/history`]) expect((await api.get(path, 'anonymous')).status).toBe(401);
    expect((await api.json('POST', '/api/v1/works', 'anonymous', { title: 'X', type: 'folk' })).status).toBe(401);
  });

  it('lets a rights holder register a work for their own owner only, then edit it and its status', async () => {
    const res = await api.json('POST', '/api/v1/works', 'holderA', {
      title: 'Tranh Lợn nái',
      type: 'fine_art',
      authors: ['Nghệ nhân Nguyễn Hữu Sam'],
      certificateNo: '4120/2026/QTG',
      certificateDate: '2026-04-02',
      relatedRights: [{ kind: 'performance', holder: 'Nhà hát Quan họ' }],
      text: 'Lợn nái ăn dáy, đàn con quây quần',
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ title: 'Tranh Lợn nái', owners: [{ id: f.seeded.holderA.ownerId }], authors: ['Nghệ nhân Nguyễn Hữu Sam'], status: 'active' });
    expect(created.fingerprint.state).toMatch(/pending|running|ready/);
    expect((await api.get(`/api/v1/works/${created.id}`, 'holderB')).status).toBe(404);
    const patched = await (await api.json('PATCH', `/api/v1/works/${created.id}`, 'holderA', { description: 'Tranh dân gian Đông Hồ', publishedOn: '2025-12-01' })).json();
    expect(patched).toMatchObject({ description: 'Tranh dân gian Đông Hồ', publishedOn: '2025-12-01', certificateNo: '4120/2026/QTG' });
    const draft = await (await api.json('POST', `/api/v1/works/${created.id}/status`, 'holderA', { status: 'draft' })).json();
    expect(draft.status).toBe('draft');
    const history = await (await api.get(`/api/v1/works/${created.id}/history`, 'holderA')).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['work.create', 'work.update', 'work.status']));
    expect(history.items[0].actor).toBe(f.seeded.holderA.email);
    // The same certificate again: a conflict, nothing created.
    const again = await api.json('POST', '/api/v1/works', 'officer', { title: 'Khác', type: 'folk', owners: ['Ai đó'], certificateNo: '4120/2026/QTG' });
    expect(again.status).toBe(409);
    expect((await (await api.get('/api/v1/works?q=khac', 'officer')).json()).total).toBe(0);
  });

  it('stores an uploaded image with its sniffed type, a text excerpt, and removes an asset', async () => {
    const png = await workPng();
    // A JPEG rendition with a misleading name and declared type: the stored type comes from the bytes.
    const jpeg = await sharp(png).jpeg().toBuffer();
    const res = await api.multipart(`/api/v1/works/${workA}/assets`, 'holderA', { file: { name: 'anh.png', bytes: jpeg, type: 'image/png' } });
    expect(res.status).toBe(201);
    const asset = await res.json();
    expect(asset).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 480, height: 360, originalName: 'anh.png', file: `/files/assets/${asset.id}` });
    expect((await api.get(asset.file, 'holderA')).headers.get('content-type')).toBe('image/jpeg');
    const text = await (await api.multipart(`/api/v1/works/${workA}/assets`, 'holderA', { kind: 'text', text: 'Thóc lúa đầy sân, chuột mừng đám cưới' })).json();
    expect(text).toMatchObject({ kind: 'text', content: 'Thóc lúa đầy sân, chuột mừng đám cưới', file: null });
    const progress = await (await api.get(`/api/v1/works/${workA}/fingerprint`, 'holderA')).json();
    expect(progress.state).toMatch(/pending|running|ready/);
    expect((await api.delete(`/api/v1/works/${workA}/assets/${text.id}`, 'holderA')).status).toBe(204);
    const detail = await (await api.get(`/api/v1/works/${workA}`, 'holderA')).json();
    expect(detail.assets.map((a: { id: number }) => a.id)).toEqual([f.seeded.assetIdA, asset.id]);
  });

  it('refuses hostile uploads with 413/415/400 problems and stores nothing', async () => {
    const before = (await (await api.get(`/api/v1/works/${workA}`, 'officer')).json()).assets.length;
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const cases: [string, Promise<Response>, number][] = [
      ['html named .png', api.multipart(`/api/v1/works/${workA}/assets`, 'officer', { file: { name: 'anh.png', bytes: html, type: 'image/png' } }), 415],
      ['oversized', api.multipart(`/api/v1/works/${workA}/assets`, 'officer', { file: { name: 'big.png', bytes: new Uint8Array(MAX_IMAGE + 1).fill(7), type: 'image/png' } }), 413],
      ['bomb', sharp({ create: { width: 12_000, height: 12_000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer().then((bomb) => api.multipart(`/api/v1/works/${workA}/assets`, 'officer', { file: { name: 'bomb.png', bytes: bomb } })), 413],
      ['html as document', api.multipart(`/api/v1/works/${workA}/assets`, 'officer', { kind: 'document', file: { name: 'gcn.pdf', bytes: html, type: 'application/pdf' } }), 415],
      ['no file', api.multipart(`/api/v1/works/${workA}/assets`, 'officer', { name: 'x' }), 400],
      ['empty text', api.multipart(`/api/v1/works/${workA}/assets`, 'officer', { kind: 'text', text: '   ' }), 400],
      ['bad kind', api.multipart(`/api/v1/works/${workA}/assets`, 'officer', { kind: 'video', text: 'x' }), 400],
      ['json instead of multipart', api.json('POST', `/api/v1/works/${workA}/assets`, 'officer', { text: 'x' }), 415],
      ['no csrf token', Promise.resolve(f.app.request(`/api/v1/works/${workA}/assets`, { method: 'POST', headers: api.headers('officer', { origin: 'http://localhost' }), body: (() => { const d = new FormData(); d.set('text', 'x'); return d; })() })), 403],
    ];
    for (const [what, pending, status] of cases) {
      const res = await pending;
      expect(res.status, what).toBe(status);
      expect(res.headers.get('content-type'), what).toBe('application/problem+json');
    }
    const huge = await f.app.request(`/api/v1/works/${workA}/assets`, { method: 'POST', headers: api.headers('officer', { origin: 'http://localhost', 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(500 * 1024 * 1024) }), body: '--x--' });
    expect([403, 413]).toContain(huge.status);
    expect((await (await api.get(`/api/v1/works/${workA}`, 'officer')).json()).assets).toHaveLength(before);
  });

  it('answers bad JSON, unknown fields, bad values and ids past int4 with 400 problems', async () => {
    const bodies: unknown[] = ['{"title":', { title: 'X', type: 'folk', owners: ['A'], role: 'officer' }, { title: '', type: 'folk' }, { title: 'X', type: 'poem' }, { title: 'X', type: 'folk', owners: ['A'], certificateNo: 'ABC' }, { title: 'X', type: 'folk', owners: ['A'], certificateDate: '2026-02-30' }, { title: 'X'.repeat(501), type: 'folk' }, [], null];
    for (const body of bodies) {
      const res = await api.json('POST', '/api/v1/works', 'officer', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).type).toBe('validation-error');
    }
    expect((await api.json('PATCH', `/api/v1/works/${workA}`, 'officer', { id: 5 })).status).toBe(400);
    expect((await api.json('POST', `/api/v1/works/${workA}/status`, 'officer', { status: 'deleted' })).status).toBe(400);
    for (const path of ['/api/v1/works/2147483648', '/api/v1/works/0', '/api/v1/works/12abc', '/api/v1/works?limit=500', '/api/v1/works?ownerId=99999999999', '/api/v1/works?type=poem']) {
      expect((await api.get(path, 'officer')).status, path).toBe(400);
    }
    expect((await api.delete(`/api/v1/works/${workA}/assets/2147483648`, 'officer')).status).toBe(400);
    expect((await api.get('/api/v1/works/2147483647', 'officer')).status).toBe(404);
  });
});
