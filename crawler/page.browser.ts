import type { Page, Response } from 'playwright';
import type { ImageSize } from './extract/images.extract.ts';
import { sameSite } from './extract/url.canonical.ts';

const MAX_JSON_BYTES = 3 * 1024 * 1024;
const MAX_JSON_RESPONSES = 40;

/**
 * Collects the JSON the page fetches itself (client-rendered shops): read as embedded state, never by
 * calling the site's APIs ourselves. Same-site only, bounded in count and size.
 */
export function collectJsonResponses(page: Page, siteUrl: string): () => Promise<{ url: string; data: unknown }[]> {
  const pending: Promise<{ url: string; data: unknown } | undefined>[] = [];
  page.on('response', (response: Response) => {
    if (pending.length >= MAX_JSON_RESPONSES) return;
    const type = response.headers()['content-type'] ?? '';
    if (!/json/i.test(type) || response.status() !== 200 || !sameSite(response.url(), siteUrl)) return;
    const length = Number(response.headers()['content-length'] ?? 0);
    if (length > MAX_JSON_BYTES) return;
    pending.push(
      response.body().then(
        (body) => {
          if (body.byteLength > MAX_JSON_BYTES) return undefined;
          try {
            return { url: response.url(), data: JSON.parse(body.toString('utf8')) as unknown };
          } catch {
            return undefined; // a "json" response that is not: nothing to read from it
          }
        },
        () => undefined, // the page navigated away before the body arrived
      ),
    );
  });
  return async () => (await Promise.all(pending)).filter((r): r is { url: string; data: unknown } => r !== undefined);
}

async function quiet(page: Page, timeout: number): Promise<void> {
  // Pages with analytics beacons or long polling never go idle: the wait is bounded, not required.
  await page.waitForLoadState('networkidle', { timeout }).catch(() => undefined);
}

/** Waits for rendering, then scrolls to the bottom in steps so lazy images and infinite lists load. */
export async function settlePage(page: Page): Promise<void> {
  await page.waitForLoadState('load', { timeout: 15_000 }).catch(() => undefined);
  await quiet(page, 8_000);
  for (let step = 0; step < 25; step++) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy(0, Math.max(window.innerHeight * 0.9, 400));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 4;
    });
    await page.waitForTimeout(120);
    if (atBottom) break;
  }
  await quiet(page, 4_000);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Natural sizes of loaded images, so icons without width attributes can be told from product pictures. */
export async function measureImages(page: Page): Promise<Record<string, ImageSize>> {
  return page.evaluate(() => {
    const sizes: Record<string, { width: number; height: number }> = {};
    for (const img of Array.from(document.images)) {
      if (img.currentSrc && img.naturalWidth) sizes[img.currentSrc] = { width: img.naturalWidth, height: img.naturalHeight };
    }
    return sizes;
  });
}

export interface PageCapture {
  screenshot: Buffer;
  html: string;
  responseBody: Buffer | undefined;
  status: number | undefined;
  headers: Record<string, string>;
}

/** Evidence of what the page showed: full-page PNG, rendered DOM, the original response and its headers. */
export async function capturePage(page: Page, html: string, response: Response | null | undefined): Promise<PageCapture> {
  const screenshot = await page.screenshot({ fullPage: true, type: 'png', timeout: 30_000 });
  let responseBody: Buffer | undefined;
  let headers: Record<string, string> = {};
  if (response) {
    headers = await response.allHeaders();
    // The original body is unavailable after some redirects and client-side navigations; the DOM still is.
    responseBody = await response.body().catch(() => undefined);
  }
  return { screenshot, html, responseBody, status: response?.status(), headers };
}

/**
 * Every request the page makes passes here. Without internal addresses allowed, each is checked against
 * the URL guard, so a public page cannot make the browser reach into the local network; and images
 * disallowed by robots.txt are not loaded by the browser either, not only by our own downloads.
 */
export async function routeSubrequests(page: Page, checks: { guard?: { check(url: string): Promise<unknown> } | undefined; robots: { allowed(url: string): Promise<boolean> } }): Promise<void> {
  await page.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    if (!/^https?:/i.test(url)) return route.continue();
    const safe = checks.guard ? await checks.guard.check(url).then(() => true, () => false) : true;
    const allowed = safe && (request.resourceType() !== 'image' || (await checks.robots.allowed(url)));
    return allowed ? route.continue() : route.abort('blockedbyclient');
  });
}
