import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startBrowserApp, type BrowserApp } from '../test/browser.fixture.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import type { ServedApp } from '../server.ts';
import { PASSWORD, type ApiFixture } from '../test/api.fixture.ts';

describe('review queue in real Chromium', () => {
  let f: ApiFixture;
  let served: ServedApp;
  let browser: Browser;
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
    ({ f, served, browser } = app);
  });
  afterAll(() => app?.close());

  it('an officer filters the queue, confirms one finding with "c" and dismisses another with "d" and a reason', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const problems: string[] = [];
    // Failed loads are caught with their URL below (the browser's own favicon request is not a page response).
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
    page.on('response', (res) => res.status() >= 400 && problems.push(`${res.status()} ${res.url()}`));
    await page.goto(`${served.url}/login`);
    await page.fill('#email', f.seeded.officer.email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL('**/findings'), page.click('button[type=submit]')]);

    await page.selectOption('#f-status', 'new');
    await page.fill('input[name=minScore]', '0.7');
    await Promise.all([page.waitForURL(/status=new/), page.click('#queue-filters button[type=submit]')]);
    await expect(page.locator('#queue tbody tr').count()).resolves.toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'review-queue.png'), fullPage: true });

    // j selects the first row (the newest: finding B); c confirms it through the bulk form.
    await page.keyboard.press('j');
    await expect(page.locator('#queue tbody tr.current').getAttribute('data-finding-id')).resolves.toBe(String(f.seeded.findingB.id));
    await Promise.all([page.waitForURL(/done=1/), page.keyboard.press('c')]);
    await expect(page.locator('.notice').textContent()).resolves.toContain('1');
    await expect(page.locator('#queue tbody tr').count()).resolves.toBe(1);

    // d focuses the reason; Enter dismisses the selected finding with it.
    await page.keyboard.press('j');
    await page.keyboard.press('d');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('bulk-reason');
    await page.keyboard.type('Tranh tự vẽ, không sao chép');
    // The URL already says done=1: wait for the load of the document the POST redirects to (a response
    // alone can arrive before that navigation commits, and a later goto would be cut short by it).
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await expect(page.locator('#queue tbody tr').count()).resolves.toBe(0);

    const repo = new FindingRepository(f.deps.db);
    expect(await repo.get(f.seeded.findingB.id)).toMatchObject({ status: 'confirmed' });
    expect(await repo.get(f.seeded.findingA.id)).toMatchObject({ status: 'dismissed', dismissReason: 'Tranh tự vẽ, không sao chép' });

    // The finding's page: regions outlined, text highlighted, explanations in Vietnamese.
    await page.goto(`${served.url}/findings/${f.seeded.findingA.id}`);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.signal .frame .region').count()).toBeGreaterThanOrEqual(2);
    await expect(page.locator('.signal mark').first().textContent()).resolves.toBe('Đám cưới chuột');
    await expect(page.locator('.signal p.explain').first().textContent()).resolves.toMatch(/^Ảnh 1 của tin đăng/);
    await expect(page.locator('#review-h + p').textContent()).resolves.toContain('Tranh tự vẽ');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'review-finding.png'), fullPage: true });
    // c on the finding's page confirms it (the dismissed finding can be re-decided).
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('c')]);
    await expect(page.locator('h1 .badge').textContent()).resolves.toBe('Đã xác nhận');
    expect(problems, problems.join("\n")).toEqual([]);
    await context.close();
  });

  it('works without the script: the plain form dismisses with a reason', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${served.url}/login`);
    await page.fill('#email', f.seeded.officer.email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL('**/findings'), page.click('button[type=submit]')]);
    await page.check(`input[name=ids][value="${f.seeded.findingB.id}"]`);
    await page.fill('#bulk-reason', 'Trùng lặp');
    await Promise.all([page.waitForURL(/done=1/), page.click('#bulk-dismiss')]);
    expect(await new FindingRepository(f.deps.db).get(f.seeded.findingB.id)).toMatchObject({ status: 'dismissed', dismissReason: 'Trùng lặp' });
    await context.close();
  });
});
