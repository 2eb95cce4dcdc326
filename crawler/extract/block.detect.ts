import type { CheerioAPI } from 'cheerio';

/**
 * Marketplaces answer bots with HTTP 200 pages (MARKETPLACES.md §6): recognise them by URL, title and
 * challenge widgets so an empty wall is reported as blocked, never stored as a listing.
 */
const BLOCK_URL = /\/verify\/(traffic|captcha)|\/buyer\/login|[/_.-]punish|captcha|\/cdn-cgi\/challenge|\/checkpoint\/|\/login(\.php)?(\?|$|\/)|\/signin(\?|$|\/)|\/accounts\/login/i;
const BLOCK_TITLE = /security check|xác minh|xac minh|captcha|access denied|just a moment|attention required|are you a robot|verify you are human|bot detection|truy cập bị từ chối|request blocked|too many requests|pardon our interruption|đăng nhập để tiếp tục|log in to continue|log into facebook|please log in|log in or sign up|đăng nhập hoặc đăng ký|sign in to continue|unusual traffic|lưu lượng truy cập bất thường|traffic verification|one more step/i;
const CHALLENGE_SELECTOR = '.g-recaptcha, .h-captcha, #cf-challenge-running, #challenge-form, iframe[src*="captcha" i], iframe[src*="recaptcha" i], [id*=captcha i], [class*=captcha i], [class*=slider-verify i], #nc_1_wrapper, .baxia-dialog, [class*=punish i]';

export interface BlockInput {
  url: string;
  status?: number | undefined;
  $: CheerioAPI;
  /** True when the page carries product or article data: a captcha widget beside real data is not a wall. */
  hasContent: boolean;
}

export function detectBlock({ url, status, $, hasContent }: BlockInput): string | undefined {
  let path = url;
  try {
    const u = new URL(url);
    path = `${u.pathname}${u.search}`;
  } catch {
    /* keep the raw string */
  }
  if (BLOCK_URL.test(path)) return `block page (URL ${path.slice(0, 80)})`;
  if (status === 401 || status === 403 || status === 429) return `block page (HTTP ${status})`;
  const title = $('title').first().text().trim();
  if (BLOCK_TITLE.test(title)) return `block page (title "${title.slice(0, 80)}")`;
  if (!hasContent) {
    if ($(CHALLENGE_SELECTOR).length) return 'block page (captcha or verification widget)';
    const passwordWall = $('input[type=password]').length > 0 && $('body').text().trim().length < 3000;
    if (passwordWall) return 'block page (login wall)';
    const h = $('h1, h2').first().text().trim();
    if (BLOCK_TITLE.test(h)) return `block page (heading "${h.slice(0, 80)}")`;
  }
  return undefined;
}
