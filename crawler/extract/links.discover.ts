import type { CheerioAPI } from 'cheerio';
import { absoluteUrl, canonicalizeUrl, sameSite } from './url.canonical.ts';

export interface DiscoveredLinks {
  /** Links that look like product or article pages: visited first. */
  products: string[];
  /** Next pages of the same listing. */
  pagination: string[];
  /** Other pages of the site (categories, shop pages), visited while the page budget lasts. */
  other: string[];
}

const SKIP_PATH = /\.(jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?|pdf|zip|rar|7z|gz|mp[34]|m4a|avi|mov|webm|docx?|xlsx?|pptx?|css|js|json|xml|rss|atom|woff2?|ttf|exe|apk|dmg)$/i;
const SKIP_AREA = /\/(cart|checkout|gio-hang|thanh-toan|login|logout|signin|signup|register|dang-nhap|dang-ky|account|tai-khoan|my-account|wishlist|compare|wp-admin|wp-login|feed|cdn-cgi)(\/|$|\?|\.)/i;
const PRODUCT_PATH = /-i\.\d+\.\d+|\/product\/\d+\/\d+|-i\d+(-s\d+)?\.html|-p\d+\.html|\/pdp\/|\/marketplace\/item\/|\/\d{6,}\.htm$|\/(products?|san-pham|sp|item|items|p|dp|chi-tiet|detail)\/[^/]+|\/\d{4}\/\d{2}\/[^/]+|\/(post|posts|bai-viet|tin-tuc|blog|news|article)s?\/[^/]+/i;
const PAGINATION_PARAM = /[?&](page|p|pg|trang|paged|pageNumber|offset|start)=\d+/i;
const PAGINATION_PATH = /\/(page|trang|p)\/\d+\/?$/i;
const PAGINATION_TEXT = /^(\d{1,4}|next|tiếp|tiếp theo|sau|trang sau|»|›|>|→|older posts|bài cũ hơn|xem thêm)$/i;

/** Same-site links of a category, search or home page, sorted into what to visit first. */
export function discoverLinks($: CheerioAPI, pageUrl: string): DiscoveredLinks {
  const products = new Set<string>();
  const pagination = new Set<string>();
  const other = new Set<string>();
  const self = safeCanonical(pageUrl);
  $('a[href], link[rel=next]').each((_, el) => {
    const node = $(el);
    const url = absoluteUrl(node.attr('href'), pageUrl);
    if (!url || !sameSite(url, pageUrl)) return;
    const canonical = safeCanonical(url);
    if (!canonical || canonical === self) return;
    const { pathname, search } = new URL(canonical);
    if (SKIP_PATH.test(pathname) || SKIP_AREA.test(`${pathname}${search}`) || node.attr('rel')?.includes('nofollow')) return;
    const text = node.text().replace(/\s+/g, ' ').trim();
    const rel = (node.attr('rel') ?? '').toLowerCase();
    if (rel.includes('next') || PAGINATION_PARAM.test(search) || PAGINATION_PATH.test(pathname) || (PAGINATION_TEXT.test(text) && node.closest('[class*=pag i], nav, [class*=pager i]').length)) {
      pagination.add(canonical);
    } else if (PRODUCT_PATH.test(pathname) || node.closest('[class*=product i], [class*=card i], [class*=item i], article, h2, h3').length) {
      products.add(canonical);
    } else if (!node.closest('footer').length) other.add(canonical);
  });
  for (const url of [...products, ...pagination]) other.delete(url);
  for (const url of pagination) products.delete(url);
  return { products: [...products], pagination: [...pagination], other: [...other] };
}

function safeCanonical(url: string): string | undefined {
  try {
    return canonicalizeUrl(url);
  } catch {
    return undefined;
  }
}
