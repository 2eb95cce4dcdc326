import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryRepository } from '../../fingerprints/registry/registry.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import { MARK_ALGORITHM } from '../../matcher/mark.signals.ts';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { createApiFixture, login, ORIGIN, type ApiFixture } from '../test/api.fixture.ts';

/** Findings on registered marks (not works): listed, shown and scoped like work findings. */
describe.each(databaseKinds())('findings on marks (%s)', (kind) => {
  let f: ApiFixture;
  let markFindingId: number;
  beforeAll(async () => {
    f = await createApiFixture(kind);
    const ownerA = f.seeded.holderA.ownerId!;
    const mark = await new RegistryRepository(f.deps.db).insertMark({ name: 'Tranh Đông Hồ', kind: 'collective', ownerId: ownerA, certificateNo: '4-0123456-000', niceClasses: [16] });
    const finding = await new FindingRepository(f.deps.db).upsert(
      {
        listingId: f.seeded.findingB.listingId,
        markId: mark.id,
        score: 0.8,
        signals: [{ kind: 'text', algorithm: MARK_ALGORITHM, score: 0.8, explanation: 'mark name in title', spans: [{ field: 'title', text: 'Đông Hồ' }] }],
      },
      new Date(),
    );
    markFindingId = finding.id;
  });
  afterAll(() => f?.close());

  const get = async (email: string, path: string) => {
    const { cookie } = await login(f.app, email);
    return f.app.request(path, { headers: { cookie: cookie!, origin: ORIGIN } });
  };

  it('officers list it with the mark and open its page', async () => {
    const list = await (await get(f.seeded.officer.email, '/api/v1/findings')).json();
    const item = list.items.find((i: { id: number }) => i.id === markFindingId);
    expect(item).toMatchObject({ workId: null, work: null, mark: { name: 'Tranh Đông Hồ', kind: 'collective', certificateNo: '4-0123456-000' } });
    const page = await get(f.seeded.officer.email, `/findings/${markFindingId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Nhãn hiệu đã đăng ký');
    expect(html).toContain('Nhãn hiệu tập thể');
  });

  it('the mark holder sees it, and the listing it is about; another holder does not', async () => {
    const mine = await (await get(f.seeded.holderA.email, '/api/v1/findings')).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toContain(markFindingId);
    expect((await get(f.seeded.holderA.email, `/api/v1/findings/${markFindingId}`)).status).toBe(200);
    expect((await get(f.seeded.holderA.email, `/api/v1/listings/${f.seeded.findingB.listingId}`)).status).toBe(200);
    const theirs = await (await get(f.seeded.holderB.email, '/api/v1/findings')).json();
    expect(theirs.items.map((i: { id: number }) => i.id)).not.toContain(markFindingId);
    expect((await get(f.seeded.holderB.email, `/api/v1/findings/${markFindingId}`)).status).toBe(404);
    expect((await get(f.seeded.holderB.email, `/findings/${markFindingId}`)).status).toBe(404);
  });
});
