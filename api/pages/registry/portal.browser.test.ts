import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startBrowserApp, type BrowserApp } from '../../test/browser.fixture.ts';
import { JobName } from '../../../core/queue/job-names.ts';
import { createMatcherJobs } from '../../../matcher/match.jobs.ts';
import { addListing, watermarkedCopy } from '../../../matcher/matcher.fixture.ts';
import type { ServedApp } from '../../server.ts';
import { PASSWORD, type ApiFixture } from '../../test/api.fixture.ts';
import { workPng } from '../../test/images.fixture.ts';

describe('rights-holder portal in real Chromium', () => {
  let f: ApiFixture;
  let served: ServedApp;
  let browser: Browser;
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
    ({ f, served, browser } = app);
  });
  afterAll(() => app?.close());

  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto(`${served.url}/login`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')]);
  };

  it('a rights holder registers, an officer approves, the holder adds a work with an image, sees only their own works, then a finding on it', async () => {
    const failed: string[] = [];
    const track = (page: Page) => page.on('response', (res) => res.status() >= 400 && failed.push(`${res.status()} ${res.url()}`));

    // 1. Registration, without an account.
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const reg = await visitor.newPage();
    await reg.goto(`${served.url}/login`);
    await Promise.all([reg.waitForURL('**/register'), reg.click('a[href="/register"]')]);
    await reg.fill('#name', 'Nguyễn Thị Hoa');
    await reg.fill('#email', 'hoa@dongho.example.vn');
    await reg.fill('#password', 'hoa-mat-khau-2026');
    await reg.fill('#password2', 'hoa-mat-khau-2026');
    await reg.check('input[name=partyKind][value=organisation]');
    await reg.fill('#organisation', 'Làng tranh Đông Hồ');
    await reg.fill('#claimedOwner', 'Làng tranh Đông Hồ');
    await reg.fill('#phone', '0912 000 111');
    await Promise.all([reg.waitForLoadState('load'), reg.click('main button[type=submit]')]);
    await expect(reg.locator('.notice').textContent()).resolves.toContain('đang chờ cán bộ phê duyệt');
    // Pending: the sign-in form says so.
    await signIn(reg, 'hoa@dongho.example.vn', 'hoa-mat-khau-2026');
    await expect(reg.locator('.alert').textContent()).resolves.toContain('đang chờ cán bộ phê duyệt');
    await visitor.close();

    // 2. The officer approves, linking the account to the existing owner the applicant named.
    const officerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const officer = await officerContext.newPage();
    track(officer);
    await signIn(officer, f.seeded.officer.email, PASSWORD);
    await officer.goto(`${served.url}/accounts`);
    await Promise.all([officer.waitForLoadState('load'), officer.click('a:has-text("Nguyễn Thị Hoa")')]);
    await officer.selectOption('#ownerId', String(f.seeded.holderA.ownerId));
    await officer.screenshot({ path: path.join(SCREENSHOT_DIR, 'portal-approval.png'), fullPage: true });
    await Promise.all([officer.waitForURL(/done=approved/), officer.click('button:has-text("Phê duyệt")')]);
    await expect(officer.locator('.notice').textContent()).resolves.toContain('Đã phê duyệt');
    await officerContext.close();

    // 3. The holder signs in, registers a work, uploads its image.
    const holderContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const holder = await holderContext.newPage();
    track(holder);
    await signIn(holder, 'hoa@dongho.example.vn', 'hoa-mat-khau-2026');
    await holder.goto(`${served.url}/registry`);
    await Promise.all([holder.waitForURL('**/registry/works/new'), holder.click('a[href="/registry/works/new"]')]);
    await holder.fill('#title', 'Tranh Đánh ghen');
    await holder.selectOption('#type', 'fine_art');
    await holder.fill('#authors', 'Nghệ nhân Nguyễn Hữu Sam');
    await holder.fill('#certificateNo', '7001/2026/QTG');
    await Promise.all([holder.waitForURL(/\/registry\/works\/\d+\?done=created/), holder.click('main form.stack button[type=submit]')]);
    await expect(holder.locator('.notice').textContent()).resolves.toBe('Đã tạo tác phẩm.');
    const workId = Number(/\/registry\/works\/(\d+)/.exec(holder.url())![1]);
    await holder.setInputFiles('#file', { name: 'danh-ghen.png', mimeType: 'image/png', buffer: await workPng() });
    await Promise.all([holder.waitForURL(/done=saved/), holder.click('form[enctype="multipart/form-data"]:has(#file) button[type=submit]')]);
    await holder.waitForLoadState('networkidle');
    const images = await holder.$$eval('.thumbs img', (els) => els.map((el) => (el as HTMLImageElement).naturalWidth));
    expect(images).toEqual([480]);
    await expect(holder.locator('[data-fingerprint]').getAttribute('data-fingerprint')).resolves.toMatch(/pending|running|ready/);
    await holder.screenshot({ path: path.join(SCREENSHOT_DIR, 'portal-work-detail.png'), fullPage: true });

    // 4. Only the holder's own works are listed.
    await holder.goto(`${served.url}/registry`);
    const titles = await holder.$$eval('tbody tr td:first-child a', (els) => els.map((el) => el.textContent));
    expect(new Set(titles)).toEqual(new Set(['Tranh Đánh ghen', 'Tranh Đám cưới chuột']));
    await holder.screenshot({ path: path.join(SCREENSHOT_DIR, 'portal-works.png'), fullPage: true });
    const other = await holder.goto(`${served.url}/registry/works/${f.seeded.findingB.workId}`);
    expect(other?.status()).toBe(404);
    failed.splice(failed.indexOf(`404 ${served.url}/registry/works/${f.seeded.findingB.workId}`), 1);

    // 5. A copy of the image turns up in a listing; once the work is fingerprinted and the listing matched
    //    (the matcher's own job handlers, in-process), the holder finds it among their findings.
    const jobs = createMatcherJobs(f.deps, { workerName: 'portal-test' });
    await jobs[JobName.FingerprintWork]({ workId }, undefined as never);
    const listing = await addListing(f.deps, { url: 'https://shop.example.vn/tranh-danh-ghen-canvas', title: 'Tranh dân gian in canvas giá rẻ', images: [{ bytes: await watermarkedCopy(await workPng()) }] });
    await jobs[JobName.MatchListing]({ listingId: listing.id }, undefined as never);
    await holder.goto(`${served.url}/findings`);
    const row = holder.locator('tbody tr', { hasText: 'Tranh Đánh ghen' });
    await expect(row.count()).resolves.toBe(1);
    await Promise.all([holder.waitForLoadState('load'), row.locator('a').first().click()]);
    await expect(holder.locator('main').textContent()).resolves.toContain('Tranh dân gian in canvas giá rẻ');
    await holder.screenshot({ path: path.join(SCREENSHOT_DIR, 'portal-finding.png'), fullPage: true });
    expect(failed).toEqual([]);
    await holderContext.close();
  });
});
