import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BlobRepository } from '../../core/blob/blob.repository.ts';
import { loadConfig } from '../../core/config/config.ts';
import type { StageContext } from '../../core/context.ts';
import { openDatabase } from '../../core/database/database.ts';
import { createLogger } from '../../core/logging/logger.ts';
import type { QueueRepository } from '../../core/queue/queue.repository.ts';
import { CrawlService } from '../../crawler/crawl.service.ts';
import { SourceRepository } from '../../crawler/source.repository.ts';
import { startMarketplace } from '../demo/marketplace/marketplace.ts';
import type { Bench, BenchOptions, BenchResult } from './bench.util.ts';

/**
 * Listing pages crawled per minute on the bundled sample marketplace, with full evidence capture
 * (screenshot, DOM, WARC, images, database rows) and as a dry run (same browser work, nothing captured
 * or stored), plus the peak RSS of this process and its Chromium children read from /proc.
 */

const TARGET_PAGES_PER_MINUTE = 60;

/** Resident memory of a process tree in bytes (Linux /proc; 0 elsewhere). */
function treeRss(root: number): number {
  let children: Map<number, number[]>;
  try {
    children = new Map();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      } catch {
        // the process ended while we looked
      }
    }
  } catch {
    return 0;
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number(rss?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

interface Measured {
  mode: string;
  pages: number;
  listings: number;
  errors: number;
  seconds: number;
  pagesPerMinute: number;
  peakRssMb: number;
}

async function measure(mode: 'evidence' | 'dry run', maxPages: number, log: BenchOptions['log']): Promise<Measured> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-bench-crawl-'));
  const market = await startMarketplace();
  const database = await openDatabase({});
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(process.pid))), 250);
  try {
    const config = loadConfig({ IPWATCH_DATA_DIR: dataDir, IPWATCH_LOG_LEVEL: 'silent' });
    const ctx: StageContext = { config, db: database.db, blobs: new BlobRepository(path.join(dataDir, 'blobs')), queues: undefined as unknown as QueueRepository, logger: createLogger('silent'), now: () => new Date() };
    const sources = new SourceRepository(database.db);
    const source = await sources.upsertSource({ name: `bench ${mode}`, startUrl: `${market.url}/`, maxPages, allowInternal: true });
    const run = await sources.createRun(source.id);
    const started = performance.now();
    const summary = await new CrawlService(ctx).crawl(source, run.id, { dryRun: mode === 'dry run' });
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, treeRss(process.pid));
    const result = { mode, pages: summary.pagesVisited, listings: summary.listingsFound, errors: summary.errors.length, seconds, pagesPerMinute: (summary.pagesVisited / seconds) * 60, peakRssMb: peak / 2 ** 20 };
    log(`[crawl-speed] ${mode}: ${result.pages} pages (${result.listings} listings) in ${seconds.toFixed(1)} s = ${result.pagesPerMinute.toFixed(0)} pages/min, peak RSS ${result.peakRssMb.toFixed(0)} MB`);
    return result;
  } finally {
    clearInterval(sampler);
    await database.close();
    await market.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

export const crawlSpeedBench: Bench = {
  name: 'crawl-speed',
  description: 'pages/min and peak RSS crawling the sample marketplace, with and without evidence capture',
  async run({ quick, log }: BenchOptions): Promise<BenchResult> {
    const maxPages = quick ? 20 : 120;
    const withEvidence = await measure('evidence', maxPages, log);
    const dry = await measure('dry run', maxPages, log);
    const row = (m: Measured) => [m.mode, m.pages, m.listings, m.errors, m.seconds, m.pagesPerMinute, m.peakRssMb];
    const ratio = dry.pagesPerMinute / withEvidence.pagesPerMinute;
    return {
      name: 'crawl-speed',
      tables: [{ title: `Sample marketplace, up to ${maxPages} pages, concurrency ${loadConfig().crawlConcurrency}`, columns: ['mode', 'pages', 'listings', 'errors', 'seconds', 'pages/min', 'peak RSS MB'], rows: [row(withEvidence), row(dry)] }],
      notes: [
        `dry run / evidence speed ratio: ${ratio.toFixed(2)}×`,
        `target ≥ ${TARGET_PAGES_PER_MINUTE} pages/min with evidence: ${withEvidence.pagesPerMinute >= TARGET_PAGES_PER_MINUTE ? 'met' : 'NOT met'}`,
        'times include Chromium start-up and robots.txt; peak RSS is this process plus its Chromium children (/proc), sampled every 250 ms',
        'dry run: same navigation, settling, scrolling and extraction; no screenshot, DOM/WARC, image download or database write',
      ],
      data: { withEvidence, dryRun: dry, ratio },
    };
  },
};
