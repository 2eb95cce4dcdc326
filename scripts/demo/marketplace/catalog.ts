import { categories, shops } from './catalog.shops.ts';
import { innocentListings } from './catalog.innocent.ts';
import { plantedListings } from './catalog.planted.ts';
import { slugify } from './catalog.text.ts';
import type { EditKind, GroundTruth, Listing, ListingSpec, TruthListing } from './catalog.types.ts';

/** The demo marketplace's catalogue: specs turned into listings with stable ids, slugs and paths. */

/** Product pages robots.txt forbids: a listing planted there proves the crawler honours robots. */
export const HIDDEN_PREFIX = '/san-pham-an/';

/** Spreads planted listings among innocent ones so no page of a category is all infringements. */
function interleave(planted: ListingSpec[], innocent: ListingSpec[]): ListingSpec[] {
  const out: ListingSpec[] = [];
  let p = 0;
  innocent.forEach((spec, i) => {
    out.push(spec);
    if (i % 3 === 1 && p < planted.length) out.push(planted[p++]!);
  });
  while (p < planted.length) out.push(planted[p++]!);
  return out;
}

export const listings: Listing[] = interleave(plantedListings, innocentListings).map((spec, i) => {
  // Large, non-sequential ids as on real marketplaces, but fixed so URLs are stable across runs.
  const id = 2_318_400_000 + i * 7919;
  const slug = slugify(spec.title);
  const path = `${spec.robotsDisallowed ? HIDDEN_PREFIX : '/san-pham/'}${slug}-i${id}`;
  return { ...spec, id, slug, path };
});

const byId = new Map(listings.map((l) => [l.id, l]));

export function listingById(id: number): Listing | undefined {
  return byId.get(id);
}

/** Listings a visitor can browse to: hidden ones are reached only through an explicit link. */
export const publicListings = listings.filter((l) => !l.robotsDisallowed);

export function listingsOfCategory(slug: string): Listing[] {
  return publicListings.filter((l) => l.category === slug);
}

export function listingsOfShop(slug: string): Listing[] {
  return publicListings.filter((l) => l.shop === slug);
}

export { categories, shops };

function editsOf(l: Listing): EditKind[] {
  const image = l.images.flatMap((img) => ('work' in img ? img.edits : []));
  return [...new Set<EditKind>([...image, ...(l.textEdits ?? [])])];
}

export function groundTruth(baseUrl: string): GroundTruth {
  const truth: TruthListing[] = listings.map((l) => {
    const signals: TruthListing['signals'] = [];
    if (l.images.some((img) => 'work' in img)) signals.push('image');
    // A copied title alone is too short to count as text reuse; the image has to carry such a listing.
    if ((l.textEdits ?? []).some((e) => e !== 'title-copied')) signals.push('text');
    return {
      id: l.id,
      url: baseUrl + l.path,
      title: l.title,
      shop: l.shop,
      infringes: l.infringes ?? [],
      edits: editsOf(l),
      signals,
      robotsDisallowed: l.robotsDisallowed ?? false,
      hostile: l.hostile ?? null,
      nearMiss: l.nearMiss ?? false,
      jsonLd: l.jsonLd ?? false,
    };
  });
  const reachable = truth.filter((t) => !t.robotsDisallowed);
  return {
    baseUrl,
    listings: truth,
    plantedIds: reachable.filter((t) => t.infringes.length).map((t) => t.id),
    innocentIds: reachable.filter((t) => !t.infringes.length).map((t) => t.id),
  };
}
