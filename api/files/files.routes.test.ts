import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { createApiFixture, login, type ApiFixture } from '../test/api.fixture.ts';

describe.each(databaseKinds())('stored files on %s', (kind) => {
  let f: ApiFixture;
  let holderA: string;
  let holderB: string;
  beforeAll(async () => {
    f = await createApiFixture(kind);
    holderA = (await login(f.app, 'dongho@example.vn')).cookie!;
    holderB = (await login(f.app, 'phulang@example.vn')).cookie!;
  });
  afterAll(() => f?.close());

  const get = (path: string, cookie?: string) => f.app.request(path, { headers: cookie ? { cookie } : {} });

  it('serves evidence, images and assets to whom the finding belongs', async () => {
    const shot = await get(`/files/evidence/${f.seeded.evidenceIdA}/screenshot`, holderA);
    expect(shot.status).toBe(200);
    expect(shot.headers.get('content-type')).toBe('image/png');
    expect(shot.headers.get('content-security-policy')).toContain('sandbox');
    const html = await get(`/files/evidence/${f.seeded.evidenceIdA}/html`, holderA);
    expect(html.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(html.headers.get('content-disposition')).toMatch(/^attachment; filename="evidence-\d+-[a-f0-9]{12}\.html"$/);
    expect(await html.text()).toContain('<script>alert(1)</script>');
    expect((await get(`/files/listing-images/${f.seeded.listingImageIdA}`, holderA)).headers.get('content-type')).toBe('image/jpeg');
    expect((await get(`/files/assets/${f.seeded.assetIdA}`, holderA)).status).toBe(200);
  });

  it('hides other owners\' files (404), asks strangers to sign in (401) and rejects bad ids (400)', async () => {
    for (const path of [`/files/evidence/${f.seeded.evidenceIdA}/screenshot`, `/files/evidence/${f.seeded.evidenceIdA}/html`, `/files/listing-images/${f.seeded.listingImageIdA}`, `/files/assets/${f.seeded.assetIdA}`]) {
      const res = await get(path, holderB);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect((await get(path)).status).toBe(401);
    }
    expect((await get(`/files/assets/${f.seeded.assetIdB}`, holderB)).status).toBe(200);
    expect((await get('/files/assets/xyz', holderB)).status).toBe(400);
    expect((await get('/files/assets/999999', holderB)).status).toBe(404);
  });
});
