import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReportYear } from '../../reports/test/report.seed.ts';
import { serveApp, type ServedApp } from '../../server.ts';
import { createApiFixture, PASSWORD, type ApiFixture } from '../../test/api.fixture.ts';

/** Same folder as the other UI screenshots (api/pages/ui.browser.test.ts), so a person finds them together. */
const SCREENSHOT_DIR = path.join(os.tmpdir(), 'ipwatch-ui-screenshots');

describe('yearly report page in real Chromium', () => {
  let f: ApiFixture;
  let served: ServedApp;
  let browser: Browser;
  beforeAll(async () => {
    f = await createApiFixture('pglite', { config: { IPWATCH_COOKIE_SECURE: 'true' } });
    await seedReportYear(f);
    served = await serveApp(f.app, { host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await f?.close();
  });

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
