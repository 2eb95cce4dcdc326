import { eq } from 'drizzle-orm';
import { ListingRepository } from '../../../crawler/listing.repository.ts';
import { marks, owners } from '../../../fingerprints/fingerprints.schema.ts';
import { FindingRepository } from '../../../matcher/finding.repository.ts';
import { caseFindings, cases, noticeListings, notices } from '../../cases/case.schema.ts';
import type { ApiFixture } from '../../test/api.fixture.ts';

export const HOSTILE_TITLE = '<script>alert("x")</script> Tranh "Đông Hồ" & \'rẻ\'\u0007 giá sốc';

/**
 * Adds to the API fixture a year whose figures are known (2026, Vietnam time):
 * findings A (Nov, shopee, fine_art, owner A), B (Nov, lazada, applied_art, owner B), C (Jan, tiktok, a mark
 * of owner A), D (1 Jan 01:00 Vietnam = 31 Dec UTC, shopee, fine_art, owner A; hostile title), E (1 Jan
 * 2027 00:30 Vietnam: not in 2026). Case 1 {A, D} removed, case 2 {B} open. Notice 1 (March) names A and
 * D, removed after 10 h and 30 h; notice 2 (Nov) names B, still online; a draft notice counts for nothing.
 */
export async function seedReportYear(f: ApiFixture) {
  const db = f.deps.db;
  const listings = new ListingRepository(db);
  const findings = new FindingRepository(db);
  const { findingA, findingB } = f.seeded;
  const ownerA = f.seeded.holderA.ownerId!;
  const ownerB = f.seeded.holderB.ownerId!;
  await db.update(owners).set({ address: 'Thôn Đông Khê, Xã Song Hồ, tỉnh Bắc Ninh' }).where(eq(owners.id, ownerA));
  await db.update(owners).set({ address: 'xã Phù Lãng huyện Quế Võ, Bắc Ninh' }).where(eq(owners.id, ownerB));
  const [mark] = await db.insert(marks).values({ name: 'Tranh Đông Hồ', kind: 'collective', ownerId: ownerA, certificateNo: '12345' }).returning();

  const listing = async (platform: string, url: string, title: string) => (await listings.upsert({ platform, url, title, contentHash: url }, new Date('2026-01-01T00:00:00Z'))).listing;
  const lc = await listing('tiktok', 'https://tiktok.example.vn/c', 'Tranh Đông Hồ chính hãng');
  const ld = await listing('shopee', 'https://shopee.example.vn/d', HOSTILE_TITLE);
  const le = await listing('lazada', 'https://lazada.example.vn/e', 'Bình gốm 2027');
  const findingC = await findings.upsert({ listingId: lc.id, markId: mark!.id, score: 0.9, signals: [] }, new Date('2026-01-15T18:00:00Z'));
  const findingD = await findings.upsert({ listingId: ld.id, workId: findingA.workId, score: 0.8, signals: [] }, new Date('2025-12-31T18:00:00Z'));
  await findings.upsert({ listingId: le.id, workId: findingB.workId, score: 0.8, signals: [] }, new Date('2026-12-31T17:30:00Z'));

  const [case1] = await db.insert(cases).values({ title: 'Shop Tranh Đẹp 68', groupedBy: 'seller', status: 'closed', outcome: 'removed' }).returning();
  const [case2] = await db.insert(cases).values({ title: 'Gốm Việt', groupedBy: 'seller' }).returning();
  await db.insert(caseFindings).values([
    { caseId: case1!.id, findingId: findingA.id },
    { caseId: case1!.id, findingId: findingD.id },
    { caseId: case2!.id, findingId: findingB.id },
  ]);
  const sent1 = new Date('2026-03-10T02:00:00Z');
  const [n1] = await db.insert(notices).values({ caseId: case1!.id, basis: 'art113', status: 'closed', recipient: 'Shopee', sentAt: sent1 }).returning();
  const [n2] = await db.insert(notices).values({ caseId: case2!.id, basis: 'art114', status: 'sent', recipient: 'Lazada', sentAt: new Date('2026-11-20T05:00:00Z') }).returning();
  const [n3] = await db.insert(notices).values({ caseId: case2!.id, basis: 'art113', status: 'draft', recipient: 'Lazada' }).returning();
  await db.insert(noticeListings).values([
    { noticeId: n1!.id, listingId: findingA.listingId, findingId: findingA.id, removedAt: new Date(sent1.getTime() + 10 * 3_600_000) },
    { noticeId: n1!.id, listingId: ld.id, findingId: findingD.id, removedAt: new Date(sent1.getTime() + 30 * 3_600_000) },
    { noticeId: n2!.id, listingId: findingB.listingId, findingId: findingB.id },
    { noticeId: n3!.id, listingId: findingB.listingId },
  ]);
  return { findingC, findingD, markName: 'Tranh Đông Hồ (12345)' };
}
