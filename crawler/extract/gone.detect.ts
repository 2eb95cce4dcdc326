import type { CheerioAPI } from 'cheerio';

/**
 * "This product no longer exists" pages: a takedown that worked. Servers answer 404/410, or HTTP 200
 * with a not-found text (marketplaces render their own error page); both mean the listing is gone.
 */
const GONE_TEXT =
  /không tìm thấy (trang|sản phẩm)|sản phẩm (này )?(không (còn )?tồn tại|đã bị (xóa|xoá|gỡ|ẩn)|không còn (bán|khả dụng|hoạt động))|trang (bạn tìm )?không tồn tại|tin (đăng )?(này )?(đã bị ẩn|không còn|đã hết hạn)|product (is )?(not found|no longer available|unavailable|does not exist)|this (item|listing|product) (is )?(no longer available|has been removed|doesn'?t exist)|page not found|404 not found/i;

export interface GoneInput {
  status?: number | undefined;
  $: CheerioAPI;
  /** True when the page carries product or article data: a "not found" in a related-items box is not a removal. */
  hasContent: boolean;
}

export function detectGone({ status, $, hasContent }: GoneInput): string | undefined {
  if (status === 404 || status === 410) return `HTTP ${status}`;
  if (hasContent) return undefined;
  const title = $('title').first().text().trim();
  if (GONE_TEXT.test(title)) return `page says "${title.slice(0, 80)}"`;
  const heading = $('h1, h2, [class*=not-found i], [class*=notfound i], [class*=not-exist i], [class*=error i]').first().text().replace(/\s+/g, ' ').trim();
  if (GONE_TEXT.test(heading)) return `page says "${heading.slice(0, 80)}"`;
  // A short page that is nothing but the message (client-rendered error states have no heading).
  const body = $('main, #main, [role=main], body').first().text().replace(/\s+/g, ' ').trim();
  const said = body.length < 600 ? GONE_TEXT.exec(body) : null;
  if (said) return `page says "${said[0].slice(0, 80)}"`;
  return undefined;
}

export { GONE_TEXT };
