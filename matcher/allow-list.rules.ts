import { foldVietnamese } from '../fingerprints/text/vietnamese.ts';
import type { AllowRule, AllowRuleKind } from './matcher.schema.ts';

/** What of a listing the allow rules look at. */
export interface ListingIdentity {
  url: string;
  sellerName: string | null;
  sellerUrl: string | null;
}

/** Folded, lowercase, single spaces: "Gốm  Phù Lãng" and "gom phu lang" are one seller. */
export function normalizeSellerName(name: string): string {
  return foldVietnamese(name.normalize('NFC')).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function parseUrl(value: string): URL | undefined {
  const text = value.trim();
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
}

/** Lowercase host without "www." and a trailing dot. */
export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

/** Host and path, no scheme, "www.", fragment or trailing slash; the query only when `keepQuery`. */
export function normalizeUrl(value: string, keepQuery = true): string | undefined {
  const url = parseUrl(value);
  if (!url || !url.hostname) return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  return `${normalizeHost(url.hostname)}${url.port ? `:${url.port}` : ''}${path}${keepQuery ? url.search : ''}`;
}

/** The stored form of a rule's value; undefined when it cannot be one (an empty name, not a URL). */
export function normalizeRuleValue(kind: AllowRuleKind, value: string): string | undefined {
  let out: string | undefined;
  if (kind === 'seller') out = normalizeSellerName(value);
  else if (kind === 'shop') out = normalizeUrl(value, false);
  else if (kind === 'url') out = normalizeUrl(value, true);
  else {
    const url = parseUrl(value);
    out = url?.hostname ? normalizeHost(url.hostname) : undefined;
    if (out && !out.includes('.')) out = undefined;
  }
  return out || undefined;
}

/** Whether one rule covers a listing: the licensed seller, shop, domain (and its subdomains) or page. */
export function ruleCovers(rule: Pick<AllowRule, 'kind' | 'value'>, listing: ListingIdentity): boolean {
  switch (rule.kind) {
    case 'seller':
      return listing.sellerName !== null && normalizeSellerName(listing.sellerName) === rule.value;
    case 'shop':
      return listing.sellerUrl !== null && normalizeUrl(listing.sellerUrl, false) === rule.value;
    case 'url':
      return normalizeUrl(listing.url, true) === rule.value;
    case 'domain': {
      const host = parseUrl(listing.url)?.hostname;
      if (!host) return false;
      const h = normalizeHost(host);
      return h === rule.value || h.endsWith(`.${rule.value}`);
    }
  }
}

export function coveringRule<R extends Pick<AllowRule, 'kind' | 'value'>>(rules: readonly R[], listing: ListingIdentity): R | undefined {
  return rules.find((r) => ruleCovers(r, listing));
}
