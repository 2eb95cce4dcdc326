import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../core/audit/audit.repository.ts';
import { FingerprintService } from '../fingerprints/fingerprint.service.ts';
import type { Work } from '../fingerprints/fingerprints.schema.ts';
import { databaseKinds } from '../test/helpers/databases.ts';
import { AllowListRepository } from './allow-list.repository.ts';
import { normalizeRuleValue } from './allow-list.rules.ts';
import { FindingRepository } from './finding.repository.ts';
import { MatchService } from './match.service.ts';
import { addListing, createStageTestContext, FIXTURE_POEM } from './matcher.fixture.ts';

const lines = FIXTURE_POEM.split('\n');

describe.each(databaseKinds())('review rules in the matcher on %s', (kind) => {
  let env: Awaited<ReturnType<typeof createStageTestContext>>;
  let service: MatchService;
  let findings: FindingRepository;
  let poem: Work;
  beforeAll(async () => {
    env = await createStageTestContext(kind);
    poem = (await new FingerprintService(env.ctx).registerWork({ title: 'Bến sông làng tranh', type: 'literary', authors: ['Trần Văn E'], owners: ['Trần Văn E'], text: FIXTURE_POEM, images: [] })).work;
    service = new MatchService(env.ctx);
    findings = new FindingRepository(env.ctx.db);
  });
  afterAll(() => env.close());

  const copy = (url: string, extra: string, sellerName?: string) =>
    addListing(env.ctx, { url, title: 'Thơ hay về làng quê', description: `${extra}\n${lines.slice(0, 6).join('\n')}` }).then(async (l) => {
      if (sellerName) await env.ctx.db.execute(`update crawler.listings set seller_name = '${sellerName}' where id = ${l.id}` as never);
      return { ...l, sellerName: sellerName ?? null };
    });

  it('keeps a dismissed finding dismissed on a rematch of the same content, reopens it when the listing changed', async () => {
    const listing = await copy('https://blog.example/tho-1', 'Sưu tầm:');
    const [finding] = (await service.matchListing(listing.id, 'w')).findings;
    expect(finding).toMatchObject({ workId: poem.id, status: 'new', contentHash: listing.contentHash });
    await findings.setStatus(finding!.id, 'new', 'dismissed', 1, env.ctx.now(), { reason: 'trích dẫn hợp lệ', contentHash: listing.contentHash });

    // Matched again without a change (a registry change re-matches every listing): still dismissed.
    const again = await service.matchListing(listing.id, 'w', { reason: 'registry-v99' });
    expect(again.findings[0]).toMatchObject({ id: finding!.id, status: 'dismissed', dismissReason: 'trích dẫn hợp lệ' });

    // The crawler stores a changed listing (new content hash): matched again, the finding is back to new.
    const changed = await copy('https://blog.example/tho-1', 'Bản mới, bán kèm tranh in:');
    expect(changed.contentHash).not.toBe(listing.contentHash);
    const reopened = await service.matchListing(listing.id, 'w');
    expect(reopened.findings[0]).toMatchObject({ id: finding!.id, status: 'new', dismissReason: null, reviewerId: null });
    const events = await new AuditRepository(env.ctx.db).list({ entityType: 'finding', entityId: finding!.id });
    expect(events.map((e) => e.action)).toEqual(['finding.reopened']);
    expect(events[0]).toMatchObject({ actorLabel: 'matcher', before: { status: 'dismissed' }, after: { status: 'new' } });
  });

  it('writes a finding an allow rule covers as dismissed "allow-listed", and leaves other sellers alone', async () => {
    const rules = new AllowListRepository(env.ctx.db);
    const rule = await rules.add({ workId: poem.id, kind: 'seller', value: normalizeRuleValue('seller', 'Nhà sách Cấp Phép')! });
    const licensed = await copy('https://sach.example/p/9', 'Bản quyền đã mua:', 'NHÀ SÁCH  cấp phép');
    const [allowed] = (await service.matchListing(licensed.id, 'w')).findings;
    expect(allowed).toMatchObject({ status: 'dismissed', dismissReason: 'allow-listed', allowRuleId: rule.id });
    const events = await new AuditRepository(env.ctx.db).list({ entityType: 'finding', entityId: allowed!.id });
    expect(events.map((e) => e.action)).toEqual(['finding.allow-listed']);

    const other = await copy('https://sach.example/p/10', 'Không rõ nguồn:', 'Shop Khác');
    const [open] = (await service.matchListing(other.id, 'w')).findings;
    expect(open).toMatchObject({ status: 'new', allowRuleId: null });

    // A domain rule covers subdomains too; an existing open finding is dismissed on its next match.
    await rules.add({ workId: poem.id, kind: 'domain', value: normalizeRuleValue('domain', 'https://www.Sach.example/')! });
    const changed = await copy('https://sach.example/p/10', 'Đổi mô tả:', 'Shop Khác');
    const [now] = (await service.matchListing(changed.id, 'w')).findings;
    expect(now).toMatchObject({ id: open!.id, status: 'dismissed', dismissReason: 'allow-listed' });
  });
});
