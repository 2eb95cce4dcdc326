import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { looksLikePrice, parsePrice, type ParsedPrice } from './price.parse.ts';
import { cleanText, oneLine } from './text.clean.ts';
import { absoluteUrl, sameSite } from './url.canonical.ts';

/** What the rendered DOM alone says about a page: the last fallback, and the one client-rendered shops need. */
export interface DomFields {
  title: string | undefined;
  price: ParsedPrice | undefined;
  description: string | undefined;
  sellerName: string | undefined;
  sellerUrl: string | undefined;
  /** The element holding the heading and its price: images are read from here first. */
  scope: Cheerio<AnyNode>;
  priceNearTitle: boolean;
  hasBuyButton: boolean;
  /** Links to distinct pages that sit in a card with a price or a heading: many of them = a listing page. */
  cardLinks: number;
  /** The same, inside the heading's block only: a product block has none or one. */
  scopeCardLinks: number;
  buyButtons: number;
  articles: number;
  mainText: string | undefined;
}

const NOT_CURRENT_PRICE = /old|original|before|strike|line-through|compare|was|regular|list-price|gia-goc|giagoc/i;
const BUY_BUTTON = /thêm vào giỏ|mua ngay|chọn mua|đặt mua|add to cart|buy now|add to bag/i;
const DESCRIPTION_SELECTORS = ['[itemprop=description]', '#description', '[id*=description i]', '[class*=description i]', '[class*=product-desc i]', '[class*=mo-ta i]', '[class*=product-detail i]', '[class*=product-content i]', '[class*=detail-content i]'];
const ARTICLE_SELECTORS = ['[itemprop=articleBody]', 'article .entry-content', '.entry-content', '.post-content', '.post-body', '.article-content', '.article-body', '[class*=article-content i]', 'article', 'main', '[role=main]'];
const SELLER_SELECTORS = ['[itemprop=seller] [itemprop=name]', '[class*=seller-name i]', '[class*=shop-name i]', '[class*=store-name i]', '[class*=seller i] a', '[class*=shop i] a[href]', '[class*=vendor i]', '[rel=author]', '[class*=author i] a', '[class*=author i]'];

/** Text with a space between elements: "79.000 đ" and "Đã bán" must not fuse into "79.000 đĐã bán". */
export function spacedText($: CheerioAPI, scope: Cheerio<AnyNode>): string {
  return scope
    .find('*')
    .addBack()
    .contents()
    .filter((_, n) => n.type === 'text')
    .map((_, n) => $(n).text())
    .get()
    .join(' ');
}

function ownText($: CheerioAPI, el: Element): string {
  return $(el)
    .contents()
    .filter((_, n) => n.type === 'text')
    .text()
    .trim();
}

/** The current price inside `scope`: price-looking text, preferring elements named "price", never strikethrough. */
export function priceIn($: CheerioAPI, scope: Cheerio<AnyNode>): ParsedPrice | undefined {
  let fallback: ParsedPrice | undefined;
  let found: ParsedPrice | undefined;
  scope.find('*').each((_, node) => {
    if (found || node.type !== 'tag') return;
    const el = node as Element;
    if (['script', 'style', 'del', 's', 'strike', 'noscript', 'option'].includes(el.tagName)) return;
    // Whole text only for small wrappers ("125.000<sup>đ</sup>") that hold no struck-out old price.
    const small = el.children.length <= 3 && $(el).find('del, s, strike, [class*=old i], [class*=original i]').length === 0;
    const text = ownText($, el) || (small ? $(el).text().trim() : '');
    if (!text || !looksLikePrice(text)) return;
    // A price inside a link belongs to a card pointing at another page, not to this page's item.
    if ($(el).closest('a[href]').length) return;
    const names = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''} ${$(el).attr('itemprop') ?? ''}`;
    if (NOT_CURRENT_PRICE.test(names) || $(el).closest('del, s, strike, [class*=old i], [class*=original i]').length) return;
    const parsed = parsePrice(text);
    if (!parsed || parsed.amount <= 0) return;
    if (/price|gia/i.test(names) || $(el).closest('[class*=price i]').length) found = parsed;
    else fallback ??= parsed;
  });
  return found ?? fallback;
}

function heading($: CheerioAPI): Cheerio<Element> | undefined {
  const h1s = $('h1').filter((_, el) => $(el).text().trim().length >= 2);
  const inMain = h1s.filter((_, el) => $(el).closest('main, article, [role=main], [class*=product i]').length > 0);
  if (inMain.length) return inMain.first();
  // Blog themes put the site name in a header h1 and the post title in an h2 inside the article.
  const articleHeading = $('article h1, article h2, main h2, [role=main] h2').filter((_, el) => $(el).text().trim().length >= 2);
  if (articleHeading.length) return articleHeading.first();
  const outsideHeader = h1s.filter((_, el) => $(el).closest('header, nav').length === 0);
  if (!h1s.length) return undefined;
  return (outsideHeader.length ? outsideHeader : h1s).first();
}

/** Smallest ancestor of the heading that also holds a price, climbing at most a few levels. */
function productScope($: CheerioAPI, h1: Cheerio<Element>): { scope: Cheerio<AnyNode>; price: ParsedPrice | undefined } {
  let node: Cheerio<AnyNode> = h1;
  for (let level = 0; level < 6; level++) {
    const parent = node.parent();
    if (!parent.length || parent.is('body, html')) break;
    node = parent;
    const price = priceIn($, node);
    if (price) return { scope: node, price };
  }
  return { scope: node, price: undefined };
}

export function countCardLinks($: CheerioAPI, base: string, scope?: Cheerio<AnyNode>): number {
  const hrefs = new Set<string>();
  (scope ? scope.find('a[href]') : $('a[href]')).each((_, el) => {
    const a = $(el);
    const url = absoluteUrl(a.attr('href'), base);
    if (!url || !sameSite(url, base) || url.split('#')[0] === base.split('#')[0]) return;
    if (a.closest('header, footer, nav').length) return;
    const card = a.closest('li, article, [class*=card i], [class*=item i], [class*=product i], div');
    const inHeading = a.closest('h2, h3, h4').length > 0 || a.find('h2, h3, h4').length > 0;
    const cardText = spacedText($, card.length ? card : a);
    if (inHeading || (cardText.length < 600 && looksLikePriceAnywhere(cardText))) hrefs.add(url.split('#')[0]!);
  });
  return hrefs.size;
}

function looksLikePriceAnywhere(text: string): boolean {
  return /\d[\d.,]*\s?(₫|đ(?![\p{L}\d])|vn[dđ])|₫\s?\d/iu.test(text);
}

function longestText($: CheerioAPI, selectors: string[], min: number): string | undefined {
  let best: string | undefined;
  for (const selector of selectors) {
    $(selector).each((_, el) => {
      const clone = $(el).clone();
      clone.find('script, style, noscript, nav, header, footer, form, button').remove();
      const text = cleanText(clone.html() ?? '');
      if (text && text.length >= min && (!best || text.length > best.length)) best = text;
    });
    if (best) return best;
  }
  return best;
}

function seller($: CheerioAPI, base: string): { name: string | undefined; url: string | undefined } {
  for (const selector of SELLER_SELECTORS) {
    const el = $(selector).first();
    if (!el.length) continue;
    const name = oneLine(el.text(), 200);
    if (!name) continue;
    const href = el.is('a') ? el.attr('href') : el.find('a[href]').first().attr('href') ?? el.closest('a[href]').attr('href');
    return { name, url: absoluteUrl(href, base) };
  }
  return { name: undefined, url: undefined };
}

export function domFields($: CheerioAPI, base: string): DomFields {
  const h1 = heading($);
  const { scope, price } = h1 ? productScope($, h1) : { scope: $('body') as Cheerio<AnyNode>, price: undefined };
  const buttons = $('button, a, input[type=submit], [role=button]')
    .filter((_, el) => $(el).closest('header, nav, footer').length === 0)
    .map((_, el) => `${$(el).text()} ${$(el).attr('value') ?? ''} ${$(el).attr('aria-label') ?? ''}`.slice(0, 100))
    .get()
    .filter((label) => BUY_BUTTON.test(label));
  const s = seller($, base);
  return {
    title: oneLine(h1?.text(), 500),
    price: price ?? (h1 ? undefined : priceIn($, $('main, [role=main]').first())),
    description: longestText($, DESCRIPTION_SELECTORS, 20),
    sellerName: s.name,
    sellerUrl: s.url,
    scope,
    priceNearTitle: Boolean(price),
    hasBuyButton: buttons.length > 0,
    buyButtons: buttons.length,
    cardLinks: countCardLinks($, base),
    scopeCardLinks: h1 ? countCardLinks($, base, scope) : 0,
    articles: $('article').length,
    mainText: longestText($, ARTICLE_SELECTORS, 120),
  };
}
