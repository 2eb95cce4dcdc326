import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveApp, type ServedApp } from '../server.ts';
import { createApiFixture, PASSWORD, type ApiFixture } from './api.fixture.ts';

/** Every browser test writes its screenshots here, so one run's pictures are in one place to look at. */
export const SCREENSHOT_DIR = path.join(os.tmpdir(), 'ipwatch-ui-screenshots');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserApp {
  f: ApiFixture;
  served: ServedApp;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The seeded app on a loopback port with Debian's Chromium. Secure cookies as in production (Chromium
 * treats 127.0.0.1 as a secure context); `seed` runs before the app starts serving.
 */
export async function startBrowserApp(options: { config?: Record<string, string>; seed?: (f: ApiFixture) => Promise<unknown> } = {}): Promise<BrowserApp> {
  const f = await createApiFixture('pglite', { config: { IPWATCH_COOKIE_SECURE: 'true', ...options.config } });
  await options.seed?.(f);
  const served = await serveApp(f.app, { host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: f.deps.config.chromiumPath, args: CHROMIUM_ARGS });
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    f,
    served,
    browser,
    close: async () => {
      await browser.close();
      await served.close();
      await f.close();
    },
  };
}

/** Fills the login form the page is on and waits for where it leads. */
export async function submitLogin(page: Page, email: string, next: string, password = PASSWORD): Promise<void> {
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(next), page.click('button[type=submit]')]);
}
