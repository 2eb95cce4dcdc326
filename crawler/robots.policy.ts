import robotsParserModule from 'robots-parser';
import { errorMessage } from '../core/errors/errors.ts';
import { safeFetch } from './http.client.ts';
import type { UrlGuard } from './url-safety.ts';

export const USER_AGENT = 'ipwatch/0.1 (+Sở VHTTDL Bắc Ninh)';

/**
 * HTTP header values must be Latin-1, so the agent goes out with its marks folded. Robots.txt groups
 * match on the "ipwatch" token either way. The browser form keeps a browser prefix so shops render normally.
 */
export function httpUserAgent(browser = false): string {
  const ascii = USER_AGENT.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  return browser ? `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 ${ascii}` : ascii;
}

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// The package is CommonJS (`module.exports = fn`) while its types declare an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Robots;

interface OriginRules {
  robots: Robots | undefined;
  /** RFC 9309 §2.3.1: an unreachable robots.txt means "disallow everything" for now. */
  unreachable: string | undefined;
  /** The host could not be reached at all (refused, unresolvable, timed out). */
  networkError: string | undefined;
}

/** robots.txt of every origin met in one run, fetched once each and honoured for pages and images alike. */
export class RobotsPolicy {
  private readonly origins = new Map<string, Promise<OriginRules>>();

  constructor(
    private readonly guard: UrlGuard,
    private readonly userAgent = USER_AGENT,
    private readonly signal?: AbortSignal,
    /** False when an officer overrode robots.txt for the source (recorded in the audit log). */
    private readonly honour = true,
  ) {}

  private rules(url: URL): Promise<OriginRules> {
    let rules = this.origins.get(url.origin);
    if (!rules) {
      rules = this.load(url.origin);
      this.origins.set(url.origin, rules);
    }
    return rules;
  }

  private async load(origin: string): Promise<OriginRules> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const res = await safeFetch(robotsUrl, { guard: this.guard, userAgent: httpUserAgent(), maxBytes: 500 * 1024, timeoutMs: 15_000, accept: 'text/plain', signal: this.signal });
      if (res.status >= 200 && res.status < 300) return { robots: robotsParser(res.url, res.body.toString('utf8')), unreachable: undefined, networkError: undefined };
      // 4xx: no robots.txt, everything allowed; 5xx: the server cannot say, so nothing is.
      if (res.status >= 400 && res.status < 500) return { robots: undefined, unreachable: undefined, networkError: undefined };
      return { robots: undefined, unreachable: `robots.txt answered HTTP ${res.status}`, networkError: undefined };
    } catch (error) {
      return { robots: undefined, unreachable: errorMessage(error), networkError: errorMessage(error) };
    }
  }

  /** Undefined when allowed, else why not. */
  async refusal(raw: string): Promise<string | undefined> {
    const url = new URL(raw);
    if (url.pathname === '/robots.txt' || !this.honour) return undefined;
    const { robots, unreachable } = await this.rules(url);
    if (unreachable) return `robots.txt of ${url.origin} unavailable (${unreachable})`;
    // isAllowed is undefined for a URL outside the file's origin (redirected robots.txt): not ours to judge.
    if (robots && robots.isAllowed(url.toString(), this.userAgent) === false) return `disallowed by robots.txt of ${url.origin}`;
    return undefined;
  }

  /** Why the origin of `raw` could not be reached when its robots.txt was fetched, if it could not. */
  async originError(raw: string): Promise<string | undefined> {
    return (await this.rules(new URL(raw))).networkError;
  }

  async allowed(raw: string): Promise<boolean> {
    return (await this.refusal(raw)) === undefined;
  }

  /** Crawl-delay for our agent, capped: a site asking for minutes between pages is honoured at 30 s. */
  async crawlDelaySeconds(raw: string): Promise<number | undefined> {
    const { robots } = await this.rules(new URL(raw));
    const delay = robots?.getCrawlDelay(this.userAgent);
    return delay === undefined ? undefined : Math.min(Math.max(delay, 0), 30);
  }
}
