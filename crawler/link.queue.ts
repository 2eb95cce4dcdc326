import type { DiscoveredLinks } from './extract/links.discover.ts';
import { canonicalizeUrl } from './extract/url.canonical.ts';
import type { RobotsPolicy } from './robots.policy.ts';

export interface LinkRequest {
  url: string;
  uniqueKey: string;
  /** Links followed from the start URL to reach this page (the start URL is 0). */
  userData: { depth: number };
}

export type AddRequests = (requests: LinkRequest[], options: { forefront: boolean }) => Promise<unknown>;

/**
 * Decides which discovered links become requests: each URL once, robots.txt honoured before a page is
 * ever requested, product and pagination links ahead of the rest, and a cap so a site with endless
 * faceted URLs cannot grow the queue without bound.
 */
export class LinkQueue {
  private readonly seen = new Set<string>();

  constructor(
    startUrl: string,
    private readonly robots: RobotsPolicy,
    private readonly cap: number,
  ) {
    this.seen.add(canonicalizeUrl(startUrl));
  }

  get size(): number {
    return this.seen.size;
  }

  async enqueue(links: DiscoveredLinks, add: AddRequests, depth = 1): Promise<void> {
    const pick = async (urls: string[]) => {
      const out: LinkRequest[] = [];
      for (const url of urls) {
        if (this.seen.size >= this.cap || this.seen.has(url)) continue;
        this.seen.add(url);
        if (await this.robots.allowed(url)) out.push({ url, uniqueKey: url, userData: { depth } });
      }
      return out;
    };
    // Forefront keeps listings reachable within max pages even when a site has many menu links.
    const first = await pick([...links.products, ...links.pagination]);
    const rest = await pick(links.other);
    if (first.length) await add(first.reverse(), { forefront: true });
    if (rest.length) await add(rest, { forefront: false });
  }
}
