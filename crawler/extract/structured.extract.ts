import type { CheerioAPI } from 'cheerio';
import { parsePrice, type ParsedPrice } from './price.parse.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields a structured-data block can give; every one optional, merged by the extractor in order. */
export interface StructuredFields {
  title?: string | undefined;
  description?: string | undefined;
  price?: ParsedPrice | undefined;
  images: string[];
  sellerName?: string | undefined;
  sellerUrl?: string | undefined;
  /** schema.org telephone and address of the seller (raw; seller.contact.ts normalises). */
  sellerTelephone?: unknown;
  sellerAddress?: unknown;
  externalId?: string | undefined;
  url?: string | undefined;
  availability?: string | undefined;
}

/** schema.org ItemAvailability ("https://schema.org/InStock") as a short stable word. */
export function availabilityWord(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const name = value.trim().replace(/^.*[/#]/, '').toLowerCase();
  if (/^(instock|instoreonly|onlineonly|limitedavailability)$/.test(name)) return 'in_stock';
  if (/^(outofstock|soldout)$/.test(name)) return 'out_of_stock';
  if (name === 'discontinued') return 'discontinued';
  if (/^(preorder|presale|backorder)$/.test(name)) return 'preorder';
  return name.slice(0, 40);
}

function offerAvailability(offers: unknown): string | undefined {
  for (const offer of Array.isArray(offers) ? offers : [offers]) {
    if (!isObject(offer)) continue;
    const word = availabilityWord(offer.availability) ?? (Array.isArray(offer.offers) ? offerAvailability(offer.offers) : undefined);
    if (word) return word;
  }
  return undefined;
}

/** Every JSON-LD node of the page, with @graph and arrays flattened; broken blocks are skipped. */
export function jsonLdNodes($: CheerioAPI): Json[] {
  const nodes: Json[] = [];
  const add = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(add);
    else if (isObject(value)) {
      nodes.push(value);
      if (Array.isArray(value['@graph'])) value['@graph'].forEach(add);
    }
  };
  $('script[type="application/ld+json"]').each((_, el) => {
    const text = $(el).text().trim();
    try {
      add(JSON.parse(text));
    } catch {
      // Sites ship JSON-LD with raw newlines in strings; one repair attempt, else the block is ignored.
      try {
        add(JSON.parse(text.replace(/[\n\r\t]+/g, ' ')));
      } catch {
        /* unusable block: other sources still apply */
      }
    }
  });
  return nodes;
}

export function hasType(node: Json, type: string): boolean {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.some((x) => typeof x === 'string' && x.replace(/^.*[/#]/, '').toLowerCase() === type.toLowerCase());
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);

function images(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(images);
  if (typeof value === 'string') return [value];
  if (isObject(value)) return images(value.url ?? value.contentUrl);
  return [];
}

function offerPrice(offers: unknown): { price?: ParsedPrice; seller?: Json } {
  const list = Array.isArray(offers) ? offers : [offers];
  for (const offer of list) {
    if (!isObject(offer)) continue;
    const raw = offer.price ?? offer.lowPrice ?? (isObject(offer.priceSpecification) ? offer.priceSpecification.price : undefined);
    const price = parsePrice(typeof raw === 'number' ? raw : str(raw));
    const currency = str(offer.priceCurrency) ?? (isObject(offer.priceSpecification) ? str(offer.priceSpecification.priceCurrency) : undefined);
    const seller = isObject(offer.seller) ? offer.seller : undefined;
    if (price) return { price: { amount: price.amount, currency: currency ?? price.currency }, ...(seller ? { seller } : {}) };
    if (Array.isArray(offer.offers)) return offerPrice(offer.offers);
  }
  return {};
}

export function productFromJsonLd(nodes: Json[]): StructuredFields | undefined {
  const products = nodes.filter((n) => hasType(n, 'Product') || hasType(n, 'ProductGroup'));
  if (products.length !== 1) return undefined;
  const node = products[0]!;
  const { price, seller } = offerPrice(node.offers);
  const brandSeller = isObject(node.seller) ? node.seller : seller;
  return {
    title: str(node.name),
    description: str(node.description),
    price,
    images: images(node.image),
    sellerName: brandSeller ? str(brandSeller.name) : undefined,
    sellerUrl: brandSeller ? str(brandSeller.url) : undefined,
    sellerTelephone: brandSeller?.telephone,
    sellerAddress: brandSeller?.address,
    externalId: str(node.productID) ?? str(node.sku) ?? str(node.mpn),
    url: str(node.url),
    availability: offerAvailability(node.offers),
  };
}

const ARTICLE_TYPES = ['Article', 'BlogPosting', 'NewsArticle', 'CreativeWork', 'CreativeWorkSeries', 'Book', 'Poem', 'MusicComposition', 'VisualArtwork', 'Photograph'];

export function articleFromJsonLd(nodes: Json[]): StructuredFields | undefined {
  const node = nodes.find((n) => ARTICLE_TYPES.some((t) => hasType(n, t)));
  if (!node) return undefined;
  const author = Array.isArray(node.author) ? node.author[0] : node.author;
  return {
    title: str(node.headline) ?? str(node.name),
    description: str(node.articleBody) ?? str(node.text) ?? str(node.description),
    images: images(node.image),
    sellerName: isObject(author) ? str(author.name) : str(author),
    sellerUrl: isObject(author) ? str(author.url) : undefined,
    url: str(node.url) ?? str(node.mainEntityOfPage),
  };
}

const BUSINESS_TYPES = ['Organization', 'LocalBusiness', 'Store', 'OnlineStore', 'Corporation'];

/** The shop's own contact on its own site: a JSON-LD Organization / LocalBusiness node. */
export function businessContact(nodes: Json[]): { telephone?: unknown; address?: unknown } | undefined {
  const node = nodes.find((n) => BUSINESS_TYPES.some((t) => hasType(n, t)) && (n.telephone !== undefined || n.address !== undefined));
  return node ? { telephone: node.telephone, address: node.address } : undefined;
}

/** A page listing items: JSON-LD ItemList, or several Product nodes. */
export function jsonLdLooksLikeIndex(nodes: Json[]): boolean {
  if (nodes.some((n) => hasType(n, 'ItemList') && Array.isArray(n.itemListElement) && n.itemListElement.length > 1)) return true;
  return nodes.filter((n) => hasType(n, 'Product')).length > 1;
}

export function metaContent($: CheerioAPI, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = $(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`).first().attr('content');
    if (value && value.trim()) return value.trim();
  }
  return undefined;
}

export function openGraph($: CheerioAPI): StructuredFields & { type?: string | undefined } {
  const amount = metaContent($, 'product:price:amount', 'og:price:amount', 'product:sale_price:amount');
  const currency = metaContent($, 'product:price:currency', 'og:price:currency', 'product:sale_price:currency');
  const price = amount ? parsePrice(amount) : undefined;
  return {
    type: metaContent($, 'og:type')?.toLowerCase(),
    title: metaContent($, 'og:title', 'twitter:title'),
    description: metaContent($, 'og:description', 'twitter:description', 'description'),
    price: price ? { amount: price.amount, currency: currency ?? price.currency } : undefined,
    images: $('meta[property="og:image"], meta[property="og:image:url"], meta[property="og:image:secure_url"], meta[name="twitter:image"]')
      .map((_, el) => $(el).attr('content') ?? '')
      .get()
      .filter(Boolean),
    url: metaContent($, 'og:url'),
  };
}

/** schema.org microdata (itemprop), common on server-rendered shop themes without JSON-LD. */
export function microdataProduct($: CheerioAPI): StructuredFields | undefined {
  const scopes = $('[itemscope][itemtype*="schema.org/Product" i]');
  if (scopes.length !== 1) return undefined;
  const scope = scopes.first();
  const prop = (name: string) => {
    const el = scope.find(`[itemprop="${name}"]`).first();
    if (!el.length) return undefined;
    return (el.attr('content') ?? el.attr('href') ?? el.attr('src') ?? el.text()).trim() || undefined;
  };
  const amount = prop('price') ?? prop('lowPrice');
  const price = amount ? parsePrice(amount) : undefined;
  const currency = prop('priceCurrency');
  return {
    title: prop('name'),
    description: prop('description'),
    price: price ? { amount: price.amount, currency: currency ?? price.currency } : undefined,
    images: scope
      .find('[itemprop="image"]')
      .map((_, el) => $(el).attr('content') ?? $(el).attr('src') ?? $(el).attr('href') ?? '')
      .get()
      .filter(Boolean),
    sellerName: scope.find('[itemprop="seller"] [itemprop="name"]').first().text().trim() || undefined,
    externalId: prop('sku') ?? prop('productID'),
    availability: availabilityWord(scope.find('[itemprop="availability"]').first().attr('href') ?? scope.find('[itemprop="availability"]').first().attr('content')),
  };
}
