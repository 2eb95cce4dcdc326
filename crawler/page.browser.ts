import type { ServerEvidence } from './evidence/server.probe.ts';
import type { Page, Response } from 'playwright';
import type { HttpExchange } from './evidence/warc.writer.ts';
import type { ImageSize } from './extract/images.extract.ts';
import { sameRegistrableDomain } from './extract/url.canonical.ts';

const MAX_JSON_BYTES = 3 * 1024 * 1024;
const MAX_JSON_RESPONSES = 40;
/** All JSON bodies of one page together, kept for the WARC: a page cannot make evidence balloon. */
const MAX_JSON_TOTAL_BYTES = 12 * 1024 * 1024;

interface JsonCapture {
  url: string;
  data: unknown;
  exchange: HttpExchange;
}

/** The raw exchanges behind the parsed JSON of each page, for capturePage's WARC. */
const exchangesOf = new WeakMap<Page, Promise<JsonCapture | undefined>[]>();

async function readJson(response: Response, budget: { bytes: number }): Promise<JsonCapture | undefined> {
  const body = await response.body().catch(() => undefined); // the page navigated away before the body arrived
  if (!body || body.byteLength > MAX_JSON_BYTES || budget.bytes + body.byteLength > MAX_JSON_TOTAL_BYTES) return undefined;
  budget.bytes += body.byteLength;
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined; // a "json" response that is not: nothing to read from it
  }
  const request = response.request();
  const [requestHeaders, responseHeaders] = await Promise.all([request.allHeaders().catch(() => request.headers()), response.allHeaders().catch(() => response.headers())]);
  return { url: response.url(), data, exchange: { url: response.url(), method: request.method(), requestHeaders, status: response.status(), statusText: response.statusText(), responseHeaders, body } };
}

/**
 * Collects the JSON the page fetches itself (client-rendered shops): read as embedded state, never by
 * calling the site's APIs ourselves. Same registrable domain only (searchlist-api.sendo.vn for
 * www.sendo.vn), bounded in count and size; the raw exchanges also go into the page's WARC.
 */
export function collectJsonResponses(page: Page, siteUrl: string): () => Promise<{ url: string; data: unknown }[]> {
  const pending: Promise<JsonCapture | undefined>[] = [];
  const budget = { bytes: 0 };
  exchangesOf.set(page, pending);
  page.on('response', (response: Response) => {
    if (pending.length >= MAX_JSON_RESPONSES) return;
    const type = response.headers()['content-type'] ?? '';
    if (!/json/i.test(type) || response.status() !== 200 || !sameRegistrableDomain(response.url(), siteUrl)) return;
    const length = Number(response.headers()['content-length'] ?? 0);
    if (length > MAX_JSON_BYTES) return;
    pending.push(readJson(response, budget));
  });
  return async () => (await Promise.all(pending)).filter((r): r is JsonCapture => r !== undefined).map(({ url, data }) => ({ url, data }));
}

async function quiet(page: Page, timeout: number): Promise<void> {
  // Pages with analytics beacons or long polling never go idle: the wait is bounded, not required.
  await page.waitForLoadState('networkidle', { timeout }).catch(() => undefined);
}

/** Waits for rendering, then scrolls to the bottom in steps so lazy images and infinite lists load. */
export async function settlePage(page: Page): Promise<void> {
  await page.waitForLoadState('load', { timeout: 15_000 }).catch(() => undefined);
  await quiet(page, 8_000);
  let started = 0;
  const count = () => void started++;
  page.on('request', count);
  for (let step = 0; step < 25; step++) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy(0, Math.max(window.innerHeight * 0.9, 400));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 4;
    });
    await page.waitForTimeout(120);
    if (atBottom) break;
  }
  page.off('request', count);
  // Only when scrolling woke lazy loaders does the page need another quiet spell (≥ 500 ms each).
  if (started) await quiet(page, 4_000);
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
  /** The document exchange and the JSON the page fetched, for the WARC. */
  main?: HttpExchange | undefined;
  subresources?: HttpExchange[] | undefined;
  /** Address the browser connected to. */
  serverIp?: string | undefined;
  /** TLS certificate summary when HTTPS. */
  tls?: Record<string, unknown> | undefined;
}

/** Evidence of what the page showed: full-page PNG, rendered DOM, the original exchange, address and certificate. */
export async function capturePage(page: Page, html: string, response: Response | null | undefined, probe?: (url: string) => Promise<ServerEvidence>): Promise<PageCapture> {
  const screenshot = await page.screenshot({ fullPage: true, type: 'png', timeout: 30_000 });
  let responseBody: Buffer | undefined;
  let headers: Record<string, string> = {};
  let main: HttpExchange | undefined;
  let serverIp: string | undefined;
  let tls: Record<string, unknown> | undefined;
  if (response) {
    headers = await response.allHeaders();
    // The original body is unavailable after some redirects and client-side navigations; the DOM still is.
    responseBody = await response.body().catch(() => undefined);
    const request = response.request();
    main = {
      url: response.url(),
      method: request.method(),
      requestHeaders: await request.allHeaders().catch(() => request.headers()),
      status: response.status(),
      statusText: response.statusText(),
      responseHeaders: headers,
      body: responseBody,
    };
    const address = await response.serverAddr().catch(() => null);
    serverIp = address?.ipAddress;
    const security = await response.securityDetails().catch(() => null);
    // Plain HTTP answers an empty object: no certificate to record.
    if (security?.protocol) {
      tls = {
        protocol: security.protocol,
        subjectName: security.subjectName,
        issuer: security.issuer,
        validFrom: security.validFrom ? new Date(security.validFrom * 1000).toISOString() : undefined,
        validTo: security.validTo ? new Date(security.validTo * 1000).toISOString() : undefined,
      };
    }
  }
  if (!serverIp && probe && response) {
    // A response fulfilled by the guarded route: the browser knows no address or certificate for it.
    const probed = await probe(response.url()).catch(() => ({}) as ServerEvidence);
    serverIp = probed.serverIp;
    tls ??= probed.tls;
  }
  const subresources = (await Promise.all(exchangesOf.get(page) ?? [])).filter((c): c is JsonCapture => c !== undefined).map((c) => c.exchange);
  return { screenshot, html, responseBody, status: response?.status(), headers, main, subresources, serverIp, tls };
}
