import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startBrowserApp, type BrowserApp } from '../../test/browser.fixture.ts';
import { QueueName } from '../../../core/queue/job-names.ts';
import { recheckJobId } from '../../cases/notice.service.ts';
import type { ServedApp } from '../../server.ts';
import { PASSWORD, type ApiFixture } from '../../test/api.fixture.ts';

describe('cases and notices in real Chromium', () => {
  let f: ApiFixture;
  let served: ServedApp;
  let browser: Browser;
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ config: { IPWATCH_NOTICE_SIGNATORY: 'Nguyễn Văn Giám' } });
    ({ f, served, browser } = app);
  });
  afterAll(() => app?.close());

  it('an officer confirms a finding, opens a case from it, drafts an Art. 113 notice, downloads its PDF and marks it sent', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (res) => res.status() >= 400 && failed.push(`${res.status()} ${res.url()}`));
    const id = f.seeded.findingA.id;

    await page.goto(`${served.url}/findings/${id}`);
    await page.fill('#email', f.seeded.officer.email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(`**/findings/${id}`), page.click('button[type=submit]')]);
    await page.fill('#confirm-form textarea[name=note]', 'Bán bản in trái phép');
    await Promise.all([page.waitForURL(`**/findings/${id}*`), page.click('#confirm-form button[value=confirmed]')]);

    await page.goto(`${served.url}/findings`);
    await Promise.all([page.waitForURL('**/cases/new'), page.click('#open-case')]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Mở vụ việc');
    // Only the confirmed finding is offered.
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await page.check(`tr[data-finding-id="${id}"] input[type=checkbox]`);
    await page.selectOption('#groupedBy', 'seller');
    await Promise.all([page.waitForURL(/\/cases\/\d+$/), page.click('form.case-form button[type=submit]')]);
    const caseId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect(page.locator('h1').textContent()).resolves.toContain('Người bán: Shop Tranh Đẹp 68');

    await Promise.all([page.waitForURL(`**/cases/${caseId}/notices/new`), page.click(`a[href="/cases/${caseId}/notices/new"]`)]);
    await expect(page.inputValue('#issuingAuthority')).resolves.toBe('Sở Văn hoá, Thể thao và Du lịch tỉnh Bắc Ninh');
    await page.selectOption('#basis', 'art113');
    await page.fill('#recipient', 'Công ty TNHH Shopee Việt Nam');
    await page.fill('#recipientContact', 'legal@shopee.example.vn');
    await Promise.all([page.waitForURL(`**/cases/${caseId}`), page.click('form.case-form button[type=submit]')]);
    const card = page.locator('article.notice');
    await expect(card.locator('.badge').first().textContent()).resolves.toBe('Bản nháp');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-download=pdf]')]);
    const file = path.join(SCREENSHOT_DIR, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^yeu-cau-dieu-113-\d+\.pdf$/);
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain('Kính gửi: Công ty TNHH Shopee Việt Nam');
    expect(text).toContain('Tranh Đông Hồ Đám cưới chuột in canvas khổ lớn');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(SCREENSHOT_DIR, 'notice-page')]);

    // Sent on paper two days ago and entered now (Vietnam time in the form): the 24-hour deadline has passed.
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000 + 7 * 3600_000).toISOString().slice(0, 16);
    await page.fill('article.notice form:has(button[value=sent]) input[name=at]', twoDaysAgo);
    await Promise.all([page.waitForURL(`**/cases/${caseId}`), page.click('article.notice form button[value=sent]')]);
    await expect(card.locator('.badge').first().textContent()).resolves.toBe('Đã gửi');
    await expect(card.locator('.badge.overdue').textContent()).resolves.toBe('Quá hạn');
    await expect(card.locator('table.deadlines tbody tr').count()).resolves.toBe(2);
    await expect(page.locator(`tr[data-finding-id="${id}"] .badge`).textContent()).resolves.toBe('Đã gửi yêu cầu');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'case-detail.png'), fullPage: true });
    expect(await f.queues.queues.queue(QueueName.Capture).getJob(recheckJobId(Number(await card.getAttribute('data-notice-id')), 'takedown'))).toBeTruthy();

    await page.goto(`${served.url}/cases`);
    await expect(page.locator(`tr[data-case-id="${caseId}"].overdue`).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'cases-list.png'), fullPage: true });
    await page.goto(`${served.url}/cases/calendar`);
    await expect(page.locator('tr[data-day="2026-09-02"]').count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar.png'), fullPage: false });
    expect(failed).toEqual([]);
    await context.close();
  });
});
