/** Shapes of the sample marketplace's catalogue (demo only) and of the ground truth it hands to tests. */

/** Image edits applied with sharp to a registered work's image before a listing shows it. */
export type ImageEdit = 'resize' | 'crop80' | 'mirror' | 'brightness' | 'watermark' | 'card' | 'jpeg';

/** How a listing's text reuses a work's text. */
export type TextEdit = 'title-copied' | 'text-verbatim' | 'text-folded' | 'text-reordered' | 'text-embedded';

export type EditKind = ImageEdit | TextEdit;

/** Pages a crawler has to survive without storing garbage or stopping. */
export type HostileKind = 'image-404' | 'image-html' | 'json-malformed' | 'long-description';

/** Ways the three Vietnamese marketplaces write prices: "125.000 ₫", "1.250.000đ", "89.000 đ". */
export type PriceStyle = 'symbol' | 'suffix' | 'word';

export type ImageSpec =
  | { innocent: string }
  | { work: string; edits: ImageEdit[] }
  | { broken: 'missing' | 'html' };

export interface ListingSpec {
  title: string;
  price: number;
  priceStyle: PriceStyle;
  category: string;
  shop: string;
  description: string;
  images: ImageSpec[];
  sold: number;
  /** Server-rendered schema.org Product JSON-LD in the page head. */
  jsonLd?: boolean;
  /** Demo work keys this listing infringes. */
  infringes?: string[];
  textEdits?: TextEdit[];
  hostile?: HostileKind;
  /** Served under a path robots.txt disallows: a crawler that honours robots never sees it. */
  robotsDisallowed?: boolean;
  /** Shares a work's vocabulary or subject without copying it: must not become a finding. */
  nearMiss?: boolean;
}

export interface Listing extends ListingSpec {
  id: number;
  slug: string;
  /** Path of the product page, without query: the canonical path. */
  path: string;
}

export interface Shop {
  slug: string;
  name: string;
  location: string;
  joined: string;
  rating: number;
  /** Shown on the shop's pages as written; two shops sharing one is the same seller (repeat offenders). */
  phone?: string;
  address?: string;
}

export interface Category {
  slug: string;
  name: string;
}

export interface TruthListing {
  id: number;
  /** Canonical absolute URL: no tracking parameters. */
  url: string;
  title: string;
  shop: string;
  infringes: string[];
  /** Image and text edits between the registered work and the listing; empty for innocent listings. */
  edits: EditKind[];
  /** Which evidence points at the work: the image, the text, or both. */
  signals: ('image' | 'text')[];
  robotsDisallowed: boolean;
  hostile: HostileKind | null;
  nearMiss: boolean;
  /** Whether the page head carries schema.org Product JSON-LD (the rest are client-rendered only). */
  jsonLd: boolean;
}

export interface GroundTruth {
  baseUrl: string;
  listings: TruthListing[];
  /** Listings a robots-honouring crawler can reach that infringe at least one work. */
  plantedIds: number[];
  /** Reachable listings that infringe nothing (near misses and hostile pages included). */
  innocentIds: number[];
}
