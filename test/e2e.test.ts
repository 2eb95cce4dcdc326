import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../core/services/free-port.ts';
import { startMarketplace } from '../scripts/demo/marketplace/marketplace.ts';
import { demoUsers, demoWorks } from '../scripts/demo/registry/demo-registry.ts';
import type { FindingLine } from '../scripts/cli/findings.command.ts';
import { runCli, startCli } from './helpers/cli.ts';

type Truth = Awaited<ReturnType<typeof startMarketplace>>['truth'];

const pathOf = (url: string) => new URL(url).pathname;
const titleOfKey = (key: string) => demoWorks.find((w) => w.key === key)!.title;

function parseFindings(stdout: string): FindingLine[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FindingLine);
}

/**
 * The whole product as a user meets it: `ipwatch start --once` on embedded defaults (PGlite, its own
 * redis-server, the sample marketplace), `ipwatch findings`, then the web UI in real Chromium.
 */
describe('end to end on the sample marketplace', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let truth: Truth;
  let first: FindingLine[] = [];
  let firstSummary: Record<string, number>;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-e2e-'));
    env = {
      ...process.env,
      IPWATCH_DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      IPWATCH_DEMO_MARKETPLACE_PORT: String(await freePort()),
    };
    // The ground truth is the marketplace's own: which listing copies which demo work.
    const market = await startMarketplace({ port: 0 });
    truth = market.truth;
    await market.close();
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('start --once crawls and matches: every planted infringement is a finding, no innocent listing is', async () => {
    const result = await runCli(['start', '--once'], env, 600_000);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    firstSummary = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(firstSummary.failed_runs).toBe(0);
    expect(firstSummary.listings).toBeGreaterThanOrEqual(truth.plantedIds.length + truth.innocentIds.length - 3);

    const listed = await runCli(['findings', '--format', 'jsonl'], env);
    expect(listed.code).toBe(0);
    first = parseFindings(listed.stdout);
    for (const line of first) {
      expect(Object.keys(line).sort()).toEqual(['certificate_no', 'id', 'listing', 'score', 'status', 'title', 'url', 'work']);
      expect(line.status).toBe('new');
    }
    const byPath = new Map<string, FindingLine[]>();
    for (const line of first) byPath.set(pathOf(line.url!), [...(byPath.get(pathOf(line.url!)) ?? []), line]);

    const missed: string[] = [];
    for (const id of truth.plantedIds) {
      const listing = truth.listings.find((l) => l.id === id)!;
      const titles = (byPath.get(pathOf(listing.url)) ?? []).map((f) => f.title);
      for (const key of listing.infringes) if (!titles.includes(titleOfKey(key))) missed.push(`${listing.url} → ${key} (${listing.edits.join('+')})`);
    }
    expect(missed).toEqual([]);

    const accused = truth.innocentIds
      .map((id) => truth.listings.find((l) => l.id === id)!)
      .filter((l) => byPath.has(pathOf(l.url)))
      .map((l) => `${l.url}: ${byPath.get(pathOf(l.url))!.map((f) => f.title).join(', ')}`);
    expect(accused).toEqual([]);

    // robots.txt is honoured: the listing behind a disallowed path is never crawled.
    for (const listing of truth.listings.filter((l) => l.robotsDisallowed)) expect(byPath.has(pathOf(listing.url))).toBe(false);
  }, 700_000);

  it('a second run reuses the stored data: nothing duplicated, nothing lost', async () => {
    const result = await runCli(['start', '--once'], env, 600_000);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(summary.listings).toBe(firstSummary.listings);
    expect(result.stdout).toMatch(/11 tác phẩm\/works \(0 mới\/new\)/);
    const again = parseFindings((await runCli(['findings'], env)).stdout);
    expect(again.map((f) => f.id).sort()).toEqual(first.map((f) => f.id).sort());
  }, 700_000);

  describe('web UI in Chromium', () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof startCli>>;
    let base: string;

    beforeAll(async () => {
      const port = await freePort();
      server = await startCli(['serve'], { ...env, IPWATCH_PORT: String(port) }, /ipwatch: http/);
      base = `http://127.0.0.1:${port}`;
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
    });
    afterAll(async () => {
      await browser?.close();
      expect(await server?.stop()).toBe(0);
    });

    async function logIn(email: string) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.fill('#email', email);
      await page.fill('#password', demoUsers.find((u) => u.email === email)!.password);
      await Promise.all([page.waitForURL(`${base}/findings`), page.click('button[type=submit]')]);
      return page;
    }

    it('a rights holder sees the findings about their own works and no others', async () => {
      const holder = demoUsers.find((u) => u.role === 'rights_holder')!;
      const ownTitles = new Set(demoWorks.filter((w) => w.owners.includes(holder.ownerName!)).map((w) => w.title));
      const own = first.filter((f) => ownTitles.has(f.title!));
      const foreign = first.find((f) => !ownTitles.has(f.title!))!;
      expect(own.length).toBeGreaterThan(0);
      expect(foreign).toBeDefined();

      const page = await logIn(holder.email);
      const rows = page.locator('tr[data-finding-id]');
      const shown = (await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-finding-id'))))).sort((a, b) => a - b);
      expect(shown).toEqual(own.map((f) => f.id).sort((a, b) => a - b));
      await page.screenshot({ path: path.join(os.tmpdir(), 'ipwatch-e2e-rights-holder.png'), fullPage: true });

      const response = await page.goto(`${base}/findings/${foreign.id}`);
      expect(response?.status()).toBe(404);
      await page.context().close();
    });

    it('an officer opens a finding and confirms it', async () => {
      const target = first[0]!;
      const page = await logIn('canbo@ipwatch.local');
      await page.goto(`${base}/findings/${target.id}`);
      await page.screenshot({ path: path.join(os.tmpdir(), 'ipwatch-e2e-finding.png'), fullPage: true });
      await Promise.all([page.waitForLoadState('load'), page.click('#confirm-button')]);
      await expect.poll(async () => page.locator('body').innerText()).toContain('Đã xác nhận');
      await page.context().close();

      // The embedded database belongs to one process at a time: stop the server before the CLI reads it.
      expect(await server.stop()).toBe(0);
      const confirmed = parseFindings((await runCli(['findings', '--status', 'confirmed'], { ...env, IPWATCH_DATA_DIR: dataDir })).stdout);
      expect(confirmed.map((f) => f.id)).toEqual([target.id]);
    });
  });
});
