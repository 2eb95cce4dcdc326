import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startBrowserApp, type BrowserApp } from '../../test/browser.fixture.ts';
import { seedReportYear } from '../../reports/test/report.seed.ts';
import type { ServedApp } from '../../server.ts';
import { PASSWORD, type ApiFixture } from '../../test/api.fixture.ts';

describe('yearly report page in real Chromium', () => {
  let f: ApiFixture;
  let served: ServedApp;
  let browser: Browser;
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ seed: seedReportYear });
    ({ f, served, browser } = app);
  });
  afterAll(() => app?.close());

  it('an inspector opens the report: charts drawn without any script, figures in tables, downloads work', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    // (Chromium asks for /favicon.ico by itself; the app has none.)
    page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && problems.push(`${m.text()} ${m.location().url}`));
    page.on('response', (res) => res.status() >= 400 && problems.push(`${res.status()} ${res.url()}`));
    await page.goto(`${served.url}/login?next=${encodeURIComponent('/reports?year=2026')}`);
    await page.fill('#email', f.seeded.inspector.email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL('**/reports?year=2026'), page.click('button[type=submit]')]);

    await expect(page.locator('h1').textContent()).resolves.toContain('năm 2026');
    expect(await page.locator('svg.rep-chart').count()).toBe(4);
    const bars = await page.$$eval('svg.rep-chart rect', (els) => els.filter((el) => Number(el.getAttribute('height')) > 0).length);
    expect(bars).toBeGreaterThan(8);
    // Month table: total row.
    await expect(page.locator('#rep-month tfoot td').allTextContents()).resolves.toEqual(['Tổng cộng', '4', '2', '2', '20', '20']);
    await expect(page.locator('#rep-commune tbody td:first-child').allTextContents()).resolves.toEqual(['Xã Phù Lãng', 'Xã Song Hồ']);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'yearly-report.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href*="yearly.xlsx"]')]);
    expect(download.suggestedFilename()).toBe('ipwatch-bao-cao-2026.xlsx');
    // The year form is a plain GET form.
    await page.fill('input[name=year]', '2027');
    await Promise.all([page.waitForURL('**/reports?year=2027'), page.click('.rep-head button[type=submit]')]);
    await expect(page.locator('.rep-card b').first().textContent()).resolves.toBe('1');
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  });
});
