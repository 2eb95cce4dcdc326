import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { detectBlock } from './block.detect.ts';
import { contentHash } from './content.hash.ts';
import { domFields, type DomFields } from './dom.extract.ts';
import { embeddedStates, type EmbeddedState } from './embedded-state.scan.ts';
import { detectGone } from './gone.detect.ts';
import { domImages, uniqueUrls, type ImageSize } from './images.extract.ts';
import { discoverLinks, type DiscoveredLinks } from './links.discover.ts';
import type { ParsedPrice } from './price.parse.ts';
import { readableText } from './readable.text.ts';
import { productCandidates, type StateProduct } from './state.product.ts';
import { articleFromJsonLd, businessContact, jsonLdLooksLikeIndex, jsonLdNodes, microdataProduct, openGraph, productFromJsonLd, type StructuredFields } from './structured.extract.ts';
import { sellerContact } from './seller.contact.ts';
import { cleanText, oneLine } from './text.clean.ts';
import { absoluteUrl, canonicalizeUrl, externalIdFromUrl, platformOf, sameSite } from './url.canonical.ts';

export interface PageInput {
  /** The page's final URL, after redirects. */
  url: string;
  html: string;
  status?: number | undefined;
  /** JSON bodies the page fetched itself (client-rendered shops): read like embedded state. */
  jsonResponses?: { url: string; data: unknown }[] | undefined;
  /** Natural sizes measured in the browser, to drop icons that carry no width attribute. */
  imageSizes?: Record<string, ImageSize> | undefined;
  maxImages?: number | undefined;
}

/** 'removed': the page says the item is gone (404/410, "product not found"): a takedown that worked. */
export type PageKind = 'product' | 'article' | 'index' | 'blocked' | 'removed' | 'other';

export interface ExtractedListing {
  url: string;
  platform: string;
  externalId: string | undefined;
  title: string;
  description: string | undefined;
  price: number | undefined;
  currency: string | undefined;
  priceVnd: number | undefined;
  sellerName: string | undefined;
  sellerUrl: string | undefined;
  /** E.164 (+84…) where the page shows one; not part of the content hash. */
  sellerPhone?: string | undefined;
  sellerAddress?: string | undefined;
  images: string[];
  contentHash: string;
  /** in_stock, out_of_stock, discontinued, preorder… when the page says; not part of the content hash. */
  availability?: string | undefined;
  /** Which fallback gave the title ("state", "json-ld", "microdata", "opengraph", "dom"): for schema-drift alerts. */
  source: string;
}

export interface PageExtraction {
  kind: PageKind;
  blockReason?: string | undefined;
  removedReason?: string | undefined;
  listing?: ExtractedListing | undefined;
  links: DiscoveredLinks;
}

/** What a named adapter's hooks see: the parsed page, its embedded states and the JSON it fetched. */
export interface PlatformContext {
  url: string;
  status: number | undefined;
  $: CheerioAPI;
  states: EmbeddedState[];
}

/** A product read from a platform's known state paths: exact where the generic walk only guesses. */
export type PlatformProduct = Omit<StateProduct, 'score' | 'path'> & { availability?: string | undefined };

/**
 * Site knowledge a named adapter adds to the generic extraction. Each hook may answer undefined, and
 * the generic fallbacks (embedded state walk, JSON-LD, microdata, OpenGraph, DOM) then apply.
 */
export interface PlatformHooks {
  /** Shopee's ×100000 integer prices. */
  scaledPrices?: boolean;
  product?(ctx: PlatformContext): PlatformProduct | undefined;
  /** Product URLs of a grid (search, category, shop) read from its state; any = an index page. */
  productLinks?(ctx: PlatformContext): string[];
  block?(ctx: PlatformContext): string | undefined;
  gone?(ctx: PlatformContext): string | undefined;
}

/** The product of the page's state: one clear candidate (with a description), not a grid of cards. */
function pickStateProduct(candidates: StateProduct[]): { product?: StateProduct; index: boolean } {
  if (!candidates.length) return { index: false };
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const titles = new Set(candidates.map((c) => c.title.toLowerCase()));
  const top = sorted[0]!;
  const rivals = sorted.filter((c) => c.score === top.score && c.title.toLowerCase() !== top.title.toLowerCase());
  if (titles.size === 1) return { product: top, index: false };
  if (top.description && top.description.length > 40 && rivals.length === 0) return { product: top, index: false };
  return { index: titles.size >= 3 };
}

const first = <T>(...values: (T | undefined | null | '')[]): T | undefined => values.find((v): v is T => v !== undefined && v !== null && v !== '');

function canonicalOf($: CheerioAPI, pageUrl: string, ...declared: (string | undefined)[]): string {
  const page = canonicalizeUrl(pageUrl);
  const pagePath = new URL(page).pathname;
  for (const raw of [$('link[rel=canonical]').attr('href'), ...declared]) {
    const url = absoluteUrl(raw, pageUrl);
    if (!url || !sameSite(url, pageUrl)) continue;
    // A canonical pointing at the home page from a deeper page is a theme bug, not the page's identity.
    if (new URL(url).pathname === '/' && pagePath !== '/') continue;
    return canonicalizeUrl(url);
  }
  return page;
}

function classify(state: { product?: StateProduct; index: boolean }, ld: StructuredFields | undefined, ldIndex: boolean, micro: StructuredFields | undefined, ogType: string | undefined, article: StructuredFields | undefined, dom: DomFields): PageKind {
  if (state.product || ld || micro || ogType?.includes('product')) return 'product';
  if (ldIndex || state.index) return 'index';
  // Heading + price in one block, and that block is not a grid of cards (a buy button vouches for a few links).
  const domProduct = dom.title && dom.priceNearTitle && dom.scopeCardLinks < (dom.hasBuyButton ? 3 : 1) && dom.buyButtons <= 3 && (dom.cardLinks < 3 || dom.hasBuyButton);
  if (domProduct) return 'product';
  if (article || ogType === 'article') return 'article';
  const textPage = dom.title && dom.mainText && dom.mainText.length >= 200 && dom.articles <= 1;
  if (textPage && dom.cardLinks < 3) return 'article';
  if (dom.cardLinks >= 3) return 'index';
  if (textPage) return 'article';
  return 'other';
}

function defaultCurrency($: CheerioAPI, url: string): string | undefined {
  const lang = ($('html').attr('lang') ?? '').toLowerCase();
  return lang.startsWith('vi') || /\.vn$/.test(new URL(url).hostname) || /₫|vnđ|\bvnd\b/i.test($('body').text().slice(0, 50_000)) ? 'VND' : undefined;
}

function safeHook<T>(hook: (() => T) | undefined): T | undefined {
  try {
    return hook?.();
  } catch {
    return undefined; // a state shape the adapter did not expect: schema drift, the generic path still runs
  }
}

/** Pure: rendered HTML (+ what the page fetched) in, a classified page and maybe a listing out. */
export function extractPage(input: PageInput, hooks: PlatformHooks = {}): PageExtraction {
  const $ = cheerio.load(input.html);
  const url = input.url;
  const links = discoverLinks($, url);
  const scaled = hooks.scaledPrices ?? /(^|\.)shopee\./i.test(new URL(url).hostname);
  const states = [...embeddedStates($), ...(input.jsonResponses ?? []).map((r) => ({ source: r.url, data: r.data }))];
  const pctx: PlatformContext = { url, status: input.status, $, states };
  const known = safeHook(hooks.product && (() => hooks.product!(pctx)));
  const gridLinks = (safeHook(hooks.productLinks && (() => hooks.productLinks!(pctx))) ?? []).filter((u) => sameSite(u, url));
  if (gridLinks.length) links.products = [...new Set([...gridLinks.map((u) => canonicalizeUrl(u)), ...links.products])];
  const state = known
    ? { product: { ...known, score: 100, path: 'adapter' }, index: false }
    : gridLinks.length >= 2
      ? { index: true }
      : pickStateProduct(states.flatMap((s) => productCandidates(s.data, { scaledPrices: scaled })));
  const ld = jsonLdNodes($);
  const ldProduct = productFromJsonLd(ld);
  const ldArticle = articleFromJsonLd(ld);
  const og = openGraph($);
  const micro = microdataProduct($);
  const dom = domFields($, url);
  let kind = classify(state, ldProduct, jsonLdLooksLikeIndex(ld), micro, og.type, ldArticle, dom);
  const hasContent = kind === 'product' || kind === 'article';
  const blockReason = safeHook(hooks.block && (() => hooks.block!(pctx))) ?? detectBlock({ url, status: input.status, $, hasContent });
  if (blockReason) return { kind: 'blocked', blockReason, links };
  const removedReason = safeHook(hooks.gone && (() => hooks.gone!(pctx))) ?? detectGone({ status: input.status, $, hasContent });
  if (removedReason) return { kind: 'removed', removedReason, links };
  if (kind !== 'product' && kind !== 'article') return { kind, links };

  const sp = state.product;
  const docTitle = oneLine($('title').first().text(), 500);
  const sources: [string, StructuredFields | undefined][] =
    kind === 'product'
      ? [['state', sp ? { ...sp, images: sp.images } : undefined], ['json-ld', ldProduct], ['microdata', micro], ['opengraph', og], ['dom', { ...dom, images: [] }]]
      : [['json-ld', ldArticle], ['opengraph', og], ['dom', { ...dom, images: [] }]];
  if (known) sources[0]![0] = 'adapter';
  const readable = kind === 'article' ? readableText(input.html, url) : undefined;
  const titleSource = sources.find(([, s]) => s?.title?.trim());
  const title = oneLine(titleSource?.[1]?.title, 500) ?? oneLine(readable?.title, 500) ?? docTitle;
  if (!title) return { kind: 'other', links };

  const description =
    kind === 'article'
      ? cleanText(first(ldArticle?.description && ldArticle.description.length >= 200 ? ldArticle.description : undefined, readable?.text, dom.mainText, ldArticle?.description, og.description))
      : cleanText(first(sp?.description, ldProduct?.description, micro?.description, dom.description, og.description));
  const price: ParsedPrice | undefined = kind === 'product' ? first(sp?.price, ldProduct?.price, micro?.price, og.price, dom.price) : undefined;
  const currency = price ? (price.currency?.toUpperCase() ?? defaultCurrency($, url)) : undefined;
  const scopeImages = domImages($, dom.scope, url, input.imageSizes);
  const pageImages = scopeImages.length ? [] : domImages($, $(kind === 'article' ? 'article, main, body' : 'main, body').first(), url, input.imageSizes);
  const images = uniqueUrls([...(sp?.images ?? []), ...(ldProduct?.images ?? []), ...(ldArticle?.images ?? []), ...(micro?.images ?? []), ...og.images, ...scopeImages, ...pageImages], url, input.maxImages ?? 12);
  const canonical = canonicalOf($, url, og.url, ldProduct?.url, ldArticle?.url);
  const priceVnd = price && currency === 'VND' ? price.amount : undefined;
  const sellerName = oneLine(first(sp?.sellerName, ldProduct?.sellerName, ldArticle?.sellerName, micro?.sellerName, dom.sellerName), 200);
  const sellerUrl = absoluteUrl(first(sp?.sellerUrl, ldProduct?.sellerUrl, ldArticle?.sellerUrl, dom.sellerUrl), url);
  const fields = { title, description, priceVnd, currency, sellerName, sellerUrl, images };
  const availability = kind === 'product' ? first(known?.availability, ldProduct?.availability, micro?.availability) : undefined;
  const contact = sellerContact(
    $,
    [{ telephone: sp?.sellerPhone, address: sp?.sellerAddress }, { telephone: ldProduct?.sellerTelephone, address: ldProduct?.sellerAddress }, businessContact(ld) ?? {}],
    description,
  );
  return {
    kind,
    links,
    listing: {
      ...fields,
      url: canonical,
      platform: platformOf(canonical),
      externalId: first(externalIdFromUrl(canonical), externalIdFromUrl(url), sp?.externalId, ldProduct?.externalId, micro?.externalId),
      price: price?.amount,
      contentHash: contentHash(fields),
      availability,
      sellerPhone: contact.phone,
      sellerAddress: contact.address,
      source: titleSource?.[0] ?? 'title',
    },
  };
}
