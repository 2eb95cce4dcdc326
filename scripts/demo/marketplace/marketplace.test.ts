import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorks } from '../registry/demo-registry.ts';
import { startMarketplace, type Marketplace } from './marketplace.ts';

let market: Marketplace;
let browser: Browser | undefined;

beforeAll(async () => {
  market = await startMarketplace();
});

afterAll(async () => {
  await browser?.close();
  await market?.close();
});

const get = (path: string) => fetch(market.url + path);
const byHostile = (kind: string) => market.truth.listings.find((l) => l.hostile === kind)!;
const pathOf = (url: string) => new URL(url).pathname;

describe('demo marketplace over HTTP', () => {
  it('tells the truth about every listing', () => {
    const { listings, plantedIds, innocentIds } = market.truth;
    expect(listings.length).toBeGreaterThanOrEqual(40);
    expect(plantedIds.length).toBeGreaterThanOrEqual(10);
    expect(innocentIds.length).toBeGreaterThanOrEqual(30);
    const keys = new Set(demoWorks.map((w) => w.key));
    for (const l of listings) {
      expect(new URL(l.url).search).toBe('');
      for (const key of l.infringes) expect(keys.has(key)).toBe(true);
      expect(l.infringes.length > 0).toBe(l.edits.length > 0);
    }
    for (const w of demoWorks) expect(existsSync(w.imageFile)).toBe(true);
  });

  it('serves robots.txt that forbids the cart, the account and the hidden products', async () => {
    const text = await (await get('/robots.txt')).text();
    expect(text).toMatch(/^Disallow: \/gio-hang$/m);
    expect(text).toMatch(/^Disallow: \/tai-khoan$/m);
    const hidden = market.truth.listings.find((l) => l.robotsDisallowed)!;
    expect(text).toContain(`Disallow: ${pathOf(hidden.url).slice(0, pathOf(hidden.url).indexOf('/', 1) + 1)}`);
    expect((await get(pathOf(hidden.url))).status).toBe(200);
  });

  it('paginates categories and search, with tracking parameters on search links', async () => {
    const first = await (await get('/danh-muc/tat-ca')).text();
    expect(first).toContain('href="/danh-muc/tat-ca?page=2"');
    const second = await (await get('/danh-muc/tat-ca?page=2')).text();
    const ids = (html: string) => [...html.matchAll(/-i(\d+)"/g)].map((m) => m[1]);
    expect(ids(second).length).toBeGreaterThan(0);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    expect((await get('/danh-muc/tat-ca?page=99')).status).toBe(404);

    const search = await (await get('/tim-kiem?q=tranh')).text();
    expect(search).toContain('sp_atk=');
    expect(search).toContain('/tim-kiem?q=tranh&amp;page=2');
    const folded = await (await get(`/tim-kiem?q=${encodeURIComponent('dam cuoi chuot')}`)).text();
    expect(folded).toContain('Đám cưới chuột');
  });

  it('serves product JSON, a shell page without the title, and hostile cases', async () => {
    const plain = market.truth.listings.find((l) => !l.infringes.length && !l.hostile && !l.robotsDisallowed && !l.jsonLd)!;
    const shell = await (await get(pathOf(plain.url))).text();
    expect(shell).not.toContain(plain.title);
    expect(shell).toContain(`<link rel="canonical" href="${plain.url}">`);
    const data = (await (await get(`/api/san-pham/${plain.id}`)).json()) as { item: { name: string; images: string[] } };
    expect(data.item.name).toBe(plain.title);

    const withLd = await (await get(pathOf(market.truth.listings.find((l) => l.jsonLd)!.url))).text();
    expect(withLd).toContain('application/ld+json');

    const malformed = await (await get(`/api/san-pham/${byHostile('json-malformed').id}`)).text();
    expect(() => JSON.parse(malformed)).toThrow();
    const missing = (await (await get(`/api/san-pham/${byHostile('image-404').id}`)).json()) as { item: { images: string[] } };
    expect((await get(missing.item.images[0]!)).status).toBe(404);
    const htmlImage = (await (await get(`/api/san-pham/${byHostile('image-html').id}`)).json()) as { item: { images: string[] } };
    const fake = await get(htmlImage.item.images[0]!);
    expect(fake.headers.get('content-type')).toBe('image/jpeg');
    expect((await fake.text()).startsWith('<!doctype html>')).toBe(true);
    const long = (await (await get(`/api/san-pham/${byHostile('long-description').id}`)).json()) as { item: { description: string } };
    expect(long.item.description.length).toBeGreaterThan(30_000);
  });
});

describe('demo marketplace in Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  it('renders a product page client-side with lazy images', async () => {
    const planted = market.truth.listings.find((l) => l.infringes.length && l.signals.includes('image') && !l.robotsDisallowed)!;
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(planted.url);
    await expect.poll(() => page.locator('h1.title').textContent()).toBe(planted.title);
    expect(await page.title()).toContain(planted.title);
    const main = page.locator('img.main');
    await expect.poll(() => main.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    expect(await main.getAttribute('src')).toMatch(/^\/img\/[0-9a-f]+\.jpg$/);
    // Related products sit below the fold: their pictures stay placeholders until scrolled into view.
    const related = page.locator('.related img').first();
    expect(await related.getAttribute('src')).toMatch(/^data:image\/gif/);
    await page.mouse.wheel(0, 5000);
    await expect.poll(() => related.getAttribute('src')).toMatch(/^\/img\//);
    await page.screenshot({ path: join(tmpdir(), 'ipwatch-demo-product.png'), fullPage: true });
    await page.close();
  });

  it('shows an error instead of a product when the API answers malformed JSON', async () => {
    const page = await browser!.newPage();
    await page.goto(byHostile('json-malformed').url);
    await expect.poll(() => page.locator('#app').getAttribute('data-loaded')).toBe('error');
    expect(await page.locator('.error').textContent()).toContain('Không tải được');
    await page.close();
  });

  it('renders a category page with its cards', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${market.url}/danh-muc/tranh-trang-tri`);
    expect(await page.locator('.card').count()).toBeGreaterThan(4);
    await page.screenshot({ path: join(tmpdir(), 'ipwatch-demo-category.png'), fullPage: true });
    await page.close();
  });
});
