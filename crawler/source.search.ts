import { ValidationError } from '../core/errors/errors.ts';
import { parseHttpUrl } from './url-safety.ts';

/** Search pages of the marketplaces that matter (MARKETPLACES.md); other sites need a template. */
const KNOWN_SEARCH: [RegExp, string][] = [
  [/(^|\.)shopee\.vn$/i, 'https://shopee.vn/search?keyword={query}'],
  [/(^|\.)lazada\.vn$/i, 'https://www.lazada.vn/catalog/?q={query}'],
  [/(^|\.)tiki\.vn$/i, 'https://tiki.vn/search?q={query}'],
  [/(^|\.)sendo\.vn$/i, 'https://www.sendo.vn/tim-kiem?q={query}'],
  [/(^|\.)facebook\.com$/i, 'https://www.facebook.com/marketplace/hanoi/search?query={query}'],
];

export const QUERY_PLACEHOLDER = '{query}';

/**
 * The search URL a "search query" source crawls. `site` is either a URL template with `{query}` or a
 * known marketplace's address; the query is URL-encoded into the template (never into the host).
 */
export function buildSearchUrl(site: string, query: string): { template: string; url: string } {
  const q = query.trim();
  if (!q) throw new ValidationError('the search query is empty');
  if (q.length > 200) throw new ValidationError('the search query is longer than 200 characters');
  let template = site.trim();
  if (!template.includes(QUERY_PLACEHOLDER)) {
    const host = parseHttpUrl(template).hostname;
    const known = KNOWN_SEARCH.find(([pattern]) => pattern.test(host));
    if (!known) throw new ValidationError(`no known search page for ${host}: give a search URL with ${QUERY_PLACEHOLDER} where the query goes, e.g. https://${host}/search?q=${QUERY_PLACEHOLDER}`);
    template = known[1];
  }
  const sentinel = 'qzqzq7';
  if (parseHttpUrl(template.replaceAll(QUERY_PLACEHOLDER, sentinel)).host.includes(sentinel)) {
    throw new ValidationError(`${QUERY_PLACEHOLDER} must be in the path or query of the search URL, not its host`);
  }
  const url = parseHttpUrl(template.replaceAll(QUERY_PLACEHOLDER, encodeURIComponent(q))).toString();
  return { template, url };
}
