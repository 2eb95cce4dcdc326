import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startBrowserApp, type BrowserApp } from '../../test/browser.fixture.ts';
import { formatFingerprint } from '../../packets/packet.keys.ts';
import { seedPacketExtras } from '../../packets/packet.fixture.ts';
import { PacketService } from '../../packets/packet.service.ts';
import { verifyPacket } from '../../packets/packet.verify.ts';
import type { ServedApp } from '../../server.ts';
import { PASSWORD, type ApiFixture } from '../../test/api.fixture.ts';
import { runCli } from '../../../test/helpers/cli.ts';

describe('evidence packet download in real Chromium', () => {
  let f: ApiFixture;
  let served: ServedApp;
  let browser: Browser;
  let app: BrowserApp;
  let dir: string;
  beforeAll(async () => {
    app = await startBrowserApp({ seed: (x) => seedPacketExtras(x.deps.db, x.deps.blobs, x.seeded.findingA, new Date('2026-11-21T02:00:00Z')) });
    ({ f, served, browser } = app);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-packet-download-'));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('an inspector opens a finding, downloads its packet, and `ipwatch packet verify` says intact', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${served.url}/login`);
    await page.fill('#email', f.seeded.inspector.email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL('**/findings'), page.click('button[type=submit]')]);
    await page.goto(`${served.url}/findings/${f.seeded.findingA.id}`);
    const button = page.locator('a', { hasText: 'Tải gói chứng cứ' });
    await expect(button.count()).resolves.toBe(1);
    await button.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'packet-button.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`ipwatch-finding-${f.seeded.findingA.id}.wacz`);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const result = await runCli(['packet', 'verify', file], { ...process.env, DATABASE_URL: '', REDIS_URL: '' });
    expect(result).toMatchObject({ code: 0, stdout: 'intact\n' });

    // The key page shows the fingerprint of the key that signed what was just downloaded.
    await Promise.all([page.waitForURL('**/packets/public-key'), page.goto(`${served.url}/findings/${f.seeded.findingA.id}`).then(() => page.click('a[href="/packets/public-key"]'))]);
    const verdict = await verifyPacket(file);
    const keys = await new PacketService(f.deps).publicKey();
    expect(verdict).toMatchObject({ intact: true, fingerprint: keys.fingerprint });
    await expect(page.locator('[data-fingerprint]').textContent()).resolves.toBe(formatFingerprint(keys.fingerprint));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'packet-public-key.png'), fullPage: true });
    await context.close();
  }, 120_000);

  it('a rights holder sees no download button, and the key page is public', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const anonymous = await page.goto(`${served.url}/packets/public-key`);
    expect(anonymous?.status()).toBe(200);
    await page.goto(`${served.url}/login`);
    await page.fill('#email', f.seeded.holderA.email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL('**/findings'), page.click('button[type=submit]')]);
    await page.goto(`${served.url}/findings/${f.seeded.findingA.id}`);
    await expect(page.locator('a', { hasText: 'Tải gói chứng cứ' }).count()).resolves.toBe(0);
    await context.close();
  }, 60_000);
});
