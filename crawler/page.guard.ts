import type { APIResponse, Page, Route } from 'playwright';
import { errorMessage } from '../core/errors/errors.ts';

const MAX_REDIRECTS = 10;
/**
 * route.fetch buffers a whole body: no page or image ipwatch keeps is larger than this, and a hostile
 * server must not make the crawler hold hundreds of megabytes (the browser's own path is capped elsewhere).
 */
export const MAX_GUARDED_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface RouteChecks {
  guard?: { check(url: string): Promise<unknown> } | undefined;
  robots: { allowed(url: string): Promise<boolean> };
  /** Told about every request refused by the guard, so the run can report it rather than drop it silently. */
  onRefused?: ((url: string, message: string) => Promise<void>) | undefined;
}

/** Where the main document really came from, when the guarded route followed its redirects itself. */
const redirectedDocuments = new WeakMap<Page, string>();

/** The URL of the page's document: after guarded redirects, the last hop rather than the URL asked for. */
export function documentUrl(page: Page): string {
  return redirectedDocuments.get(page) ?? page.url();
}

/**
 * Every request the page makes passes here. Without internal addresses allowed, each is checked against
 * the URL guard, so a public page cannot make the browser reach into the local network; and images
 * disallowed by robots.txt are not loaded by the browser either, not only by our own downloads.
 *
 * Redirects: Playwright calls a route handler only for the first URL of a request and lets Chromium
 * follow 3xx hops on its own (checked with real Chromium in crawl.ssrf.test.ts; this holds even for a 3xx
 * we fulfil ourselves). A public page redirecting to 169.254.169.254 would get through a plain
 * `route.continue()`. So when the guard is on, requests are made by `route.fetch({ maxRedirects: 0 })`,
 * each Location is checked before it is requested, and the final response is fulfilled to the browser.
 */
export async function routeSubrequests(page: Page, checks: RouteChecks): Promise<void> {
  await page.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    if (!/^https?:/i.test(url)) return route.continue();
    const isImage = request.resourceType() === 'image';
    const refusal = await refusalOf(url, checks, isImage);
    if (refusal) return refuse(route, url, refusal, checks);
    if (!checks.guard) return route.continue();
    return fetchGuarded(page, route, checks, isImage);
  });
}

async function refusalOf(url: string, checks: RouteChecks, isImage: boolean): Promise<string | undefined> {
  if (checks.guard) {
    const error = await checks.guard.check(url).then(() => undefined, (e: unknown) => errorMessage(e));
    if (error) return error;
  }
  if (isImage && !(await checks.robots.allowed(url))) return 'robots'; // robots.txt refusals are not run errors
  return undefined;
}

async function refuse(route: Route, url: string, refusal: string, checks: RouteChecks): Promise<void> {
  if (refusal !== 'robots') await checks.onRefused?.(url, refusal).catch(() => undefined);
  await route.abort('blockedbyclient').catch(() => undefined);
}

async function fetchGuarded(page: Page, route: Route, checks: RouteChecks, isImage: boolean): Promise<void> {
  const request = route.request();
  let current = request.url();
  let method = request.method();
  let postData = request.postDataBuffer() ?? undefined;
  let response: APIResponse;
  try {
    for (let hop = 0; ; hop++) {
      response = await route.fetch({ url: current, method, ...(postData ? { postData } : {}), maxRedirects: 0, timeout: 30_000 });
      const location = response.headers()['location'];
      if (response.status() < 300 || response.status() > 399 || !location) break;
      await response.dispose();
      if (hop >= MAX_REDIRECTS) return refuse(route, current, `more than ${MAX_REDIRECTS} redirects`, checks);
      const next = new URL(location, current).href;
      const refusal = await refusalOf(next, checks, isImage);
      if (refusal) return refuse(route, next, `redirect from ${current} refused: ${refusal}`, checks);
      // As browsers do: 303, and 301/302 after a POST, become a GET without a body.
      if (response.status() === 303 || ((response.status() === 301 || response.status() === 302) && method === 'POST')) {
        method = 'GET';
        postData = undefined;
      }
      current = next;
    }
  } catch {
    // The page closed, the host did not answer: the browser sees a failed request, as it would have.
    await route.abort('failed').catch(() => undefined);
    return;
  }
  const declared = Number(response.headers()['content-length']);
  const size = Number.isFinite(declared) ? declared : (await response.body().catch(() => Buffer.alloc(0))).length;
  if (size > MAX_GUARDED_RESPONSE_BYTES) {
    await response.dispose();
    return refuse(route, current, `response of ${size} bytes is over the ${MAX_GUARDED_RESPONSE_BYTES}-byte limit`, checks);
  }
  if (current !== request.url() && request.isNavigationRequest() && isMainFrame(page, route)) redirectedDocuments.set(page, current);
  await route.fulfill({ response }).catch(() => undefined);
}

function isMainFrame(page: Page, route: Route): boolean {
  try {
    return route.request().frame() === page.mainFrame();
  } catch {
    return false; // service-worker requests have no frame
  }
}
