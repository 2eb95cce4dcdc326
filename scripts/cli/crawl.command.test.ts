import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../crawler/test/fixture.site.ts';
import { runCli } from '../../test/helpers/cli.ts';

/** `ipwatch crawl` per DESIGN.md §5, as a separate process on the embedded database. */
describe('ipwatch crawl', () => {
  let dir: string;
  let site: FixtureSite;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-crawl-cli-'));
    site = await startFixtureSite();
    env = { PATH: process.env.PATH, HOME: process.env.HOME, IPWATCH_DATA_DIR: dir, IPWATCH_LOG_LEVEL: 'error' };
  });
  afterAll(async () => {
    await site?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it.each([
    [['crawl', 'http://127.0.0.1:9/'], /use --internal/],
    [['crawl', 'http://169.254.169.254/latest/meta-data/'], /linkLocal/],
    [['crawl', 'http://[::1]:8080/'], /loopback/],
    [['crawl', 'http://localhost:8080/'], /loopback/],
    [['crawl', 'javascript:alert(1)'], /only http and https/],
    [['crawl', 'https://shop.vn/', '--adapter', 'nope'], /unknown adapter nope; known: .*generic/],
    [['crawl', 'https://shop.vn/', '--max-pages', '0'], /--max-pages must be a whole number/],
    [['crawl'], /usage: ipwatch crawl/],
  ])('refuses %j with exit 1 and one line', async (args, message) => {
    const result = await runCli(args, env, 60_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('crawls with --internal --max-pages and prints one JSON summary (same code as scheduled runs)', async () => {
    const result = await runCli(['crawl', `${site.url}/danh-muc/tranh`, '--internal', '--max-pages', '3', '--adapter', 'generic'], env, 180_000);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').pop()!);
    expect(summary).toMatchObject({ status: 'succeeded', pages: 3, run: expect.any(Number) });
    expect(summary.listings).toBeGreaterThanOrEqual(1);
  }, 240_000);
});
