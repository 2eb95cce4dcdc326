/** Canonical URLs: the identity of a listing across crawls, so tracking parameters must not split it. */

const TRACKING_PARAMS = new Set(['sp_atk', 'xptdk', 'extraparams', 'fbclid', 'gclid', 'dclid', 'msclkid', 'yclid', 'ttclid', 'spm', 'scm', 'clicktrackinfo', 'trackinfo', 'search', '_gl', 'mc_cid', 'mc_eid']);

export function isTrackingParam(name: string, value: string): boolean {
  const key = name.toLowerCase();
  if (key.startsWith('utm_')) return true;
  // "?search=1" marks a search-result click on Lazada; a real search term is kept.
  if (key === 'search') return value === '1';
  return TRACKING_PARAMS.has(key);
}

/** Absolute http(s) URL or undefined; resolves relative references against the page. */
export function absoluteUrl(href: string | undefined | null, base: string): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  if (!trimmed || /^(javascript|mailto|tel|data|blob|about):/i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.toString();
  } catch {
    return undefined;
  }
}

/** Drops the fragment, tracking parameters and default ports; sorts the rest so order does not matter. */
export function canonicalizeUrl(input: string): string {
  const url = new URL(input);
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  const kept = [...url.searchParams.entries()].filter(([k, v]) => !isTrackingParam(k, v));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  return url.toString();
}

/** Same site: same host once a leading "www." and "m." are ignored (mobile and www mirrors). */
export function siteKey(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^(www\d*|m)\./, '');
}

export function sameSite(a: string, b: string): boolean {
  try {
    return siteKey(a) === siteKey(b);
  } catch {
    return false;
  }
}

/** Platform of a listing: its host without "www.". */
export function platformOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}

/** Marketplace item ids found in the URL itself (see MARKETPLACES.md); the most stable key there is. */
export function externalIdFromUrl(url: string): string | undefined {
  const u = new URL(url);
  const path = decodeURIComponent(u.pathname);
  const patterns: RegExp[] = [
    /-i\.(\d+)\.(\d+)/, // shopee slug-i.shop.item
    /\/product\/(\d+)\/(\d+)/, // shopee /product/shop/item
    /-i(\d+)(?:-s(\d+))?\.html/, // lazada
    /-p(\d+)\.html/, // tiki
    /\/pdp\/(?:[^/]+\/)?(\d{6,})/, // tiktok
    /\/marketplace\/item\/(\d+)/, // facebook
    /\/(\d{6,})\.htm$/, // cho tot
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(path);
    if (m) return m.slice(1).filter(Boolean).join('.');
  }
  return undefined;
}

/** Second-level registries under which a site owns the third label ("shop.com.vn"). */
const SECOND_LEVEL = /^(com|net|org|edu|gov|ac|co|info|biz|name|pro|health|int)\.[a-z]{2}$/;

/** The domain a site owns ("sendo.vn" for searchlist-api.sendo.vn); an IP address stays itself. */
export function registrableDomain(url: string): string {
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[')) return host;
  const labels = host.split('.');
  const lastTwo = labels.slice(-2).join('.');
  return labels.slice(SECOND_LEVEL.test(lastTwo) ? -3 : -2).join('.');
}

export function sameRegistrableDomain(a: string, b: string): boolean {
  try {
    return registrableDomain(a) === registrableDomain(b);
  } catch {
    return false;
  }
}
