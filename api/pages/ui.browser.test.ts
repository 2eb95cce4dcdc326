import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startBrowserApp, type BrowserApp } from '../test/browser.fixture.ts';
import type { ServedApp } from '../server.ts';
import { PASSWORD, type ApiFixture } from '../test/api.fixture.ts';

describe('web UI in real Chromium', () => {
  let f: ApiFixture;
  let served: ServedApp;
  let browser: Browser;
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
    ({ f, served, browser } = app);
  });
  afterAll(() => app?.close());

  it('an officer signs in, opens a finding, confirms it and switches to English', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (res) => res.status() >= 400 && failed.push(`${res.status()} ${res.url()}`));

    await page.goto(`${served.url}/findings`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#email', f.seeded.officer.email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL('**/findings'), page.click('button[type=submit]')]);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'ipwatch_session')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });

    await expect(page.locator('h1').textContent()).resolves.toBe('Các phát hiện nghi vi phạm');
    await expect(page.locator('tbody tr').count()).resolves.toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'findings-list.png'), fullPage: true });

    await Promise.all([page.waitForURL(`**/findings/${f.seeded.findingA.id}`), page.click(`tr[data-finding-id="${f.seeded.findingA.id}"] a >> nth=0`)]);
    // Every image (work, listing, signal pair, evidence screenshot) must actually load.
    await page.waitForLoadState('networkidle');
    const images = await page.$$eval('img', (els) => els.map((el) => ({ src: el.getAttribute('src'), w: (el as HTMLImageElement).naturalWidth })));
    expect(images.length).toBeGreaterThanOrEqual(5);
    for (const image of images) expect(image.w, image.src ?? '').toBeGreaterThan(0);
    await expect(page.locator('mark').first().textContent()).resolves.toBe('Đám cưới chuột');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'finding-detail.png'), fullPage: true });

    await page.fill('textarea[name=note]', 'Bán bản in trái phép');
    await Promise.all([page.waitForURL(`**/findings/${f.seeded.findingA.id}`), page.click('button[value=confirmed]')]);
    await expect(page.locator('h1 .badge').textContent()).resolves.toBe('Đã xác nhận');
    await expect(page.locator('ol.history li').first().textContent()).resolves.toContain('Bán bản in trái phép');

    await Promise.all([page.waitForURL(/lang=en/), page.click('a[hreflang=en]')]);
    await expect(page.locator('h1 .badge').textContent()).resolves.toBe('Confirmed');
    await expect(page.locator('#work-h').textContent()).resolves.toBe('Registered work');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'finding-detail-en.png'), fullPage: false });
    // The choice sticks without the query parameter.
    await page.goto(`${served.url}/findings`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Suspected infringements');
    await expect(page.locator(`tr[data-finding-id="${f.seeded.findingA.id}"] .badge`).textContent()).resolves.toBe('Confirmed');

    expect(failed).toEqual([]);
    await context.close();
  });
});
