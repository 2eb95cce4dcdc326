import type { ListingChange, ListingSnapshot } from './crawler.schema.ts';

/** Fields compared between two captures, in the order an officer reads them. */
const FIELDS: ListingChange['field'][] = ['title', 'priceVnd', 'currency', 'availability', 'images', 'description', 'sellerName', 'sellerUrl'];
/** Long descriptions are kept whole in the snapshot; a change record shows enough to see what moved. */
const CHANGE_TEXT_MAX = 2_000;
const SNAPSHOT_TEXT_MAX = 50_000;

export interface SnapshotInput {
  title: string;
  description?: string | null | undefined;
  priceVnd?: number | null | undefined;
  currency?: string | null | undefined;
  sellerName?: string | null | undefined;
  sellerUrl?: string | null | undefined;
  images?: string[] | undefined;
  availability?: string | null | undefined;
  contentHash: string;
}

export function snapshotOf(input: SnapshotInput): ListingSnapshot {
  return {
    title: input.title,
    description: input.description?.slice(0, SNAPSHOT_TEXT_MAX) ?? null,
    priceVnd: input.priceVnd ?? null,
    currency: input.currency ?? null,
    sellerName: input.sellerName ?? null,
    sellerUrl: input.sellerUrl ?? null,
    images: input.images ?? [],
    availability: input.availability ?? null,
    contentHash: input.contentHash,
  };
}

const clip = (value: unknown) => (typeof value === 'string' && value.length > CHANGE_TEXT_MAX ? `${value.slice(0, CHANGE_TEXT_MAX)}…` : value);

/**
 * What differs from the previous capture. A field the previous capture did not know (an old row without
 * a snapshot, an availability the page stopped showing) is not reported as a change: absence of a
 * signal is not a change of the listing.
 */
export function diffSnapshots(before: ListingSnapshot | undefined, after: ListingSnapshot): ListingChange[] {
  if (!before) return [];
  const changes: ListingChange[] = [];
  for (const field of FIELDS) {
    const from = before[field];
    const to = after[field];
    if (field === 'availability' && to === null) continue;
    if (field === 'images') {
      const a = from as string[];
      const b = to as string[];
      if (a.length === b.length && a.every((u, i) => u === b[i])) continue;
      changes.push({ field, from: a, to: b });
      continue;
    }
    if (from !== to) changes.push({ field, from: clip(from), to: clip(to) });
  }
  return changes;
}
