import { NotFoundError } from '../../core/errors/errors.ts';
import type { Listing } from '../../crawler/crawler.schema.ts';
import type { ListingRepository } from '../../crawler/listing.repository.ts';
import type { WorkRepository } from '../../fingerprints/work.repository.ts';
import type { FindingRepository } from '../../matcher/finding.repository.ts';
import type { Finding } from '../../matcher/matcher.schema.ts';
import type { AccessPolicy } from '../access/access.policy.ts';
import type { SessionUser } from '../app.types.ts';
import type { Case } from '../cases/case.schema.ts';
import { namesMatch } from './seller.keys.ts';
import type { SellerRepository } from './seller.repository.ts';
import type { SellerKeyKind } from './seller.schema.ts';

/** How far links are followed from the listing asked about, and how many listings a profile holds. */
const MAX_HOPS = 3;
const MAX_LISTINGS = 300;

export interface LinkedListing {
  listing: Listing;
  /** Why it belongs to this seller: the key it shares with a listing found before (none: the start). */
  via: { kind: SellerKeyKind; value: string; from: number } | undefined;
  findings: (Finding & { subject: string })[];
}

export interface SellerProfile {
  startListingId: number;
  listings: LinkedListing[];
  names: string[];
  shops: string[];
  phones: string[];
  banks: string[];
  platforms: string[];
  cases: (Case & { findingIds: number[] })[];
}

export interface SellerServiceDeps {
  sellers: SellerRepository;
  listings: ListingRepository;
  findings: FindingRepository;
  works: WorkRepository;
  access: AccessPolicy;
}

/**
 * Repeat offenders: the seller behind a listing, found across listings and platforms by shared shop
 * URL, phone number, bank account, or a near-identical name (seller.keys.ts), following links a few
 * hops. A rights holder sees only the listings and findings that concern their own works and marks.
 */
export class SellerService {
  constructor(private readonly deps: SellerServiceDeps) {}

  async profile(user: SessionUser, listingId: number): Promise<SellerProfile> {
    await this.deps.access.assertListing(user, listingId, `seller of listing ${listingId}`);
    if (!(await this.deps.listings.get(listingId))) throw new NotFoundError(`seller of listing ${listingId} not found`);
    await this.deps.sellers.sync();
    const via = new Map<number, LinkedListing['via']>([[listingId, undefined]]);
    let frontier = [listingId];
    for (let hop = 0; hop < MAX_HOPS && frontier.length && via.size < MAX_LISTINGS; hop++) {
      const keys = await this.deps.sellers.keysOf(frontier);
      const next: number[] = [];
      const link = (id: number, kind: SellerKeyKind, value: string, from: number) => {
        if (via.has(id) || via.size >= MAX_LISTINGS) return;
        via.set(id, { kind, value, from });
        next.push(id);
      };
      for (const kind of ['shop', 'phone', 'bank'] as const) {
        const mine = keys.filter((k) => k.kind === kind);
        for (const hit of await this.deps.sellers.listingsWith(kind, [...new Set(mine.map((k) => k.value))])) {
          link(hit.listingId, kind, hit.value, mine.find((k) => k.value === hit.value)!.listingId);
        }
      }
      for (const key of keys.filter((k) => k.kind === 'name')) {
        for (const hit of await this.deps.sellers.similarNames(key.value)) if (namesMatch(key.value, hit.value)) link(hit.listingId, 'name', hit.value, key.listingId);
      }
      frontier = next;
    }
    const ids = [...via.keys()];
    const [listings, allFindings, scope] = await Promise.all([this.deps.listings.getMany(ids), this.deps.findings.ofListings(ids), this.deps.access.findingScope(user)]);
    const visible = scope ? allFindings.filter((f) => (f.workId !== null && scope.workIds.includes(f.workId)) || (f.markId !== null && scope.markIds.includes(f.markId))) : allFindings;
    const [works, marks] = await Promise.all([
      this.deps.works.getMany([...new Set(visible.flatMap((f) => (f.workId === null ? [] : [f.workId])))]),
      this.deps.works.getMarks([...new Set(visible.flatMap((f) => (f.markId === null ? [] : [f.markId])))]),
    ]);
    const subject = (f: Finding) => (f.workId !== null ? (works.get(f.workId)?.title ?? `#${f.workId}`) : `® ${marks.get(f.markId!)?.name ?? f.markId}`);
    const linked: LinkedListing[] = [];
    for (const id of ids) {
      const listing = listings.get(id);
      const findings = visible.filter((f) => f.listingId === id).map((f) => ({ ...f, subject: subject(f) }));
      // A rights holder does not learn about the seller's listings that concern others.
      if (!listing || (scope && !findings.length)) continue;
      linked.push({ listing, via: via.get(id), findings });
    }
    const keys = await this.deps.sellers.keysOf(linked.map((l) => l.listing.id));
    const distinct = (kind: SellerKeyKind) => [...new Set(keys.filter((k) => k.kind === kind).map((k) => k.value))].sort();
    return {
      startListingId: listingId,
      listings: linked,
      names: [...new Set(linked.flatMap((l) => (l.listing.sellerName ? [l.listing.sellerName] : [])))],
      shops: distinct('shop'),
      phones: distinct('phone'),
      banks: distinct('bank'),
      platforms: [...new Set(linked.map((l) => l.listing.platform))].sort(),
      cases: user.role === 'rights_holder' ? [] : await this.deps.sellers.casesOf(visible.map((f) => f.id)),
    };
  }
}
