import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../api/app.ts';
import { serveApp } from '../../api/server.ts';
import { loadConfig } from '../../core/config/config.ts';
import { createLogger } from '../../core/logging/logger.ts';
import { JobName } from '../../core/queue/job-names.ts';
import { SourceRepository } from '../../crawler/source.repository.ts';
import { interruptActiveRuns } from '../../crawler/run.control.ts';
import { crawlJobId, reconcileCrawler } from '../../crawler/schedule.service.ts';
import { startMarketplace } from '../demo/marketplace/marketplace.ts';
import { CliError } from './cli-error.ts';
import { seedDemo } from './demo.seed.ts';
import { crawlsFinished, formatProgress, readProgress } from './progress.ts';
import { openRuntime } from './runtime.ts';
import { loadPacketKeys } from '../../api/packets/packet.keys.ts';
import { waitForShutdownSignal } from './shutdown.ts';
import { startWorkers } from './workers.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** The main job: everything in one process on embedded defaults, then serve until Ctrl-C. */
export async function startCommand(argv: string[]): Promise<number> {
  let values: { once?: boolean; 'no-demo'?: boolean };
  try {
    values = parseArgs({ args: argv, options: { once: { type: 'boolean' }, 'no-demo': { type: 'boolean' } }, strict: true }).values;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const config = loadConfig();
  const logFile = path.join(config.dataDir, 'ipwatch.log');
  fs.mkdirSync(config.dataDir, { recursive: true });
  const logger = createLogger(config.logLevel, { file: logFile });
  const started = Date.now();
  out(`ipwatch: khởi động / starting — dữ liệu/data: ${config.dataDir} · nhật ký/log: ${logFile}`);

  const runtime = await openRuntime(config, { purpose: 'ipwatch start', logger });
  const stops: (() => Promise<void>)[] = [() => runtime.close()];
  const stopAll = async () => {
    interruptActiveRuns();
    for (const stop of stops.splice(0).reverse()) await stop().catch((error) => logger.warn({ err: error }, 'shutdown step failed'));
  };
  const interrupted = waitForShutdownSignal();
  try {
    out(`  cơ sở dữ liệu/database: ${runtime.database.where}`);
    out(`  hàng đợi/queues: ${runtime.redisProcess ? `redis-server riêng/private ${runtime.redisProcess.url}` : 'REDIS_URL'}`);
    // The Department's packet-signing key pair is made on first start (DESIGN §5), not at the first export.
    const keys = await loadPacketKeys(config.dataDir);
    out(`  khoá ký gói chứng cứ/packet signing key: SHA-256 ${keys.fingerprint.slice(0, 16)}…`);

    const sources = new SourceRepository(runtime.db);
    let accounts: { email: string; password: string; role: string }[] = [];
    if (!values['no-demo']) {
      const seeded = await seedDemo(runtime);
      accounts = seeded.accounts;
      out(`  sổ đăng ký mẫu/demo registry: ${seeded.works} tác phẩm/works (${seeded.created} mới/new)`);
      const market = await startMarketplace({ host: '127.0.0.1', port: config.demoMarketplacePort }).catch((error: Error) => {
        throw new CliError(`cannot start the sample marketplace on port ${config.demoMarketplacePort} (${error.message}); set IPWATCH_DEMO_MARKETPLACE_PORT`);
      });
      stops.push(() => market.close());
      await sources.upsertSource({
        name: 'Chợ mẫu (demo marketplace)',
        startUrl: `${market.url}/`,
        adapter: 'generic',
        maxPages: config.crawlMaxPages,
        allowInternal: true,
      });
      out(`  chợ mẫu/sample marketplace: ${market.url}/`);
    }

    // The embedded database is this process's alone (data-dir lock): any run still "running" is a leftover.
    await reconcileCrawler(runtime, config.databaseUrl ? {} : { staleBefore: runtime.now() });
    const runIds: number[] = [];
    for (const source of (await sources.listSources()).filter((s) => s.enabled && s.kind !== 'manual')) {
      const { run, created } = await sources.claimRun(source.id, { trigger: 'start' });
      if (created) await runtime.queues.add(JobName.CrawlSource, { sourceId: source.id, runId: run.id }, { jobId: crawlJobId(run.id) });
      runIds.push(run.id);
    }
    startWorkers(runtime, ['crawler', 'matcher', 'notifier']);

    let url: string | undefined;
    if (!values.once) {
      const server = await serveApp(createApp(runtime), { host: config.host, port: config.port });
      stops.push(() => server.close());
      url = config.publicUrl ?? server.url.replace('127.0.0.1', 'localhost');
      printWhereToLook(url, accounts);
    }

    const progress = await followProgress(runtime, runIds, interrupted);
    if (!progress) {
      out('ipwatch: đang dừng / stopping…');
      await stopAll();
      return 130;
    }
    const seconds = (Date.now() - started) / 1000;
    const summary = {
      sources: runIds.length,
      pages: progress.runs.reduce((a, r) => a + r.pages, 0),
      listings: progress.listings,
      matched: progress.matched,
      findings: progress.findings,
      crawl_errors: progress.runs.reduce((a, r) => a + r.errors, 0),
      failed_runs: progress.runs.filter((r) => r.status === 'failed').length,
      seconds: Math.round(seconds * 10) / 10,
    };
    out(`ipwatch: xong / done in ${summary.seconds}s — ${formatProgress(progress)}`);
    if (values.once) {
      out(JSON.stringify(summary));
      await stopAll();
      return 0;
    }
    out(`ipwatch: xem kết quả tại / see the findings at ${url}/findings — Ctrl-C để dừng / to stop`);
    await interrupted;
    out('ipwatch: đang dừng / stopping…');
    await stopAll();
    return 0;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Follows the figures until every crawl is over and no job is left; undefined if interrupted. On a
 * terminal one line is rewritten in place; in a log (non-TTY) a line at most every 5 s.
 */
async function followProgress(runtime: Awaited<ReturnType<typeof openRuntime>>, runIds: number[], interrupted: Promise<unknown>) {
  let stop = false;
  void interrupted.then(() => (stop = true));
  const tty = process.stdout.isTTY === true;
  let last = '';
  let printedAt = 0;
  for (;;) {
    if (stop) return undefined;
    const progress = await readProgress(runtime.db, runIds);
    const line = formatProgress(progress);
    const finished = crawlsFinished(progress) && (await runtime.queues.idle());
    if (tty) {
      if (line !== last) process.stdout.write(`\r\x1b[K  ${line}${finished ? '\n' : ''}`);
    } else if (line !== last && (finished || Date.now() - printedAt >= 5_000)) {
      out(`  ${line}`);
      printedAt = Date.now();
    }
    last = line;
    if (finished) return progress;
    await Promise.race([new Promise((r) => setTimeout(r, 1_000)), interrupted]);
  }
}

function printWhereToLook(url: string, accounts: { email: string; password: string; role: string }[]): void {
  out('');
  out(`  ▶ Giao diện web / web UI: ${url}   (REST: ${url}/api/v1, OpenAPI: ${url}/api/v1/openapi.json)`);
  if (accounts.length) {
    out('  ▶ Tài khoản mẫu / demo accounts:');
    for (const a of accounts) out(`      ${a.role.padEnd(14)} ${a.email.padEnd(28)} ${a.password}`);
  }
  out('');
}
