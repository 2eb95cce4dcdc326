import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { createApp } from '../../api/app.ts';
import { AuthService } from '../../api/auth/auth.service.ts';
import { serveApp } from '../../api/server.ts';
import { SessionRepository } from '../../api/session.repository.ts';
import { UserRepository } from '../../api/user.repository.ts';
import { SESSION_COOKIE } from '../../api/middleware/session/session.middleware.ts';
import { BlobRepository } from '../../core/blob/blob.repository.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openDatabase, type DatabaseHandle } from '../../core/database/database.ts';
import { createLogger } from '../../core/logging/logger.ts';
import type { Bench, BenchResult, Cell } from './bench.util.ts';
import { DEFAULT_BENCH_PG_URL } from './index.pg.ts';

/**
 * The review queue's REST list under load: N synthetic findings (generate_series in SQL, one statement
 * per table), the app served on loopback, autocannon at a fixed 200 requests/s on a filtered first page
 * and on a page deep in the keyset. PostgreSQL (a fresh database on the server) and PGlite (in this
 * process, so the server shares its one thread with the load tool).
 */

const RATE = 200;
const PASSWORD = 'bench-mat-khau-2026';

async function seed(db: DatabaseHandle['db'], findings: number, log: (l: string) => void): Promise<void> {
  // Ten findings per listing; a multiple of 100 so that g % 100 is fixed for a listing (see the work id).
  const listings = Math.max(1000, Math.round(findings / 1000) * 100);
  const started = Date.now();
  await db.execute(sql.raw(`insert into fingerprints.works (title, type) select 'Tác phẩm ' || g, 'fine_art' from generate_series(1, 1000) g`));
  await db.execute(sql.raw(`insert into crawler.listings (platform, url, title, seller_name, seller_url, content_hash)
    select (array['shopee','lazada','tiki','facebook','sendo'])[1 + g % 5], 'https://bench.example/p/' || g, 'Tranh Đông Hồ mẫu ' || g,
           'Shop ' || (g % 997), 'https://bench.example/shop/' || (g % 997), md5(g::text)
    from generate_series(1, ${listings}) g`));
  // (listing, work) must be unique: for one listing (g mod L fixed) the block g / L differs, so does the work.
  await db.execute(sql.raw(`insert into matcher.findings (listing_id, work_id, score, signals, status, content_hash, created_at, updated_at, platform)
    select 1 + g % ${listings}, 1 + ((g / ${listings}) * 100 + g % 100) % 1000,
           (0.5 + ((g::bigint * 7919) % 500) / 1000.0)::real,
           case when g % 3 = 0 then '[{"kind":"text","algorithm":"title-words","score":0.8,"explanation":"title","spans":[{"field":"title","text":"Đông Hồ"}]}]'::jsonb
                else '[{"kind":"image","algorithm":"pdq","score":0.9,"distance":20,"threshold":70,"explanation":"listing image 1"}]'::jsonb end,
           (array['new','new','new','new','new','new','confirmed','confirmed','dismissed','notice_sent'])[1 + (g * 31) % 10],
           md5((g % ${listings})::text),
           date_trunc('milliseconds', timestamptz '2026-11-20 00:00:00+00' - g * interval '17 seconds'),
           timestamptz '2026-11-20 00:00:00+00',
           -- The listing's platform, as FindingRepository.upsert copies it (listing g has platform 1 + g % 5).
           (array['shopee','lazada','tiki','facebook','sendo'])[1 + (1 + g % ${listings}) % 5]
    from generate_series(1, ${findings}) g`));
  await db.execute(sql.raw('analyze'));
  log(`  seeded ${findings} findings, ${listings} listings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function pgDatabase(log: (l: string) => void): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> } | string> {
  const adminUrl = loadConfig().databaseUrl ?? DEFAULT_BENCH_PG_URL;
  const admin = await openDatabase({ url: adminUrl, migrate: false }).catch((e: Error) => e.message);
  if (typeof admin === 'string') return `PostgreSQL unavailable: ${admin}`;
  const name = `ipwatch_bench_rq_${process.pid}`;
  await admin.db.execute(sql.raw(`drop database if exists ${name}`));
  await admin.db.execute(sql.raw(`create database ${name}`));
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  log(`  PostgreSQL database ${name}`);
  const handle = await openDatabase({ url: url.toString(), poolSize: 10 });
  return {
    handle,
    drop: async () => {
      await handle.close();
      const again = await openDatabase({ url: adminUrl, migrate: false });
      await again.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await again.close();
    },
  };
}

interface Measured {
  scenario: string;
  p50: number;
  p99: number;
  rps: number;
  errors: number;
}

async function measure(handle: DatabaseHandle, seconds: number, log: (l: string) => void): Promise<Measured[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ipwatch-bench-rq-'));
  try {
    const config = loadConfig({ IPWATCH_DATA_DIR: dataDir, IPWATCH_LOG_LEVEL: 'silent', IPWATCH_COOKIE_SECURE: 'false' });
    // The list endpoint touches neither Redis nor the queues; the session is made directly, not by /login.
    const deps = { config, db: handle.db, blobs: new BlobRepository(path.join(dataDir, 'blobs')), queues: {} as never, redis: {} as never, logger: createLogger('silent'), now: () => new Date() };
    const users = new UserRepository(handle.db);
    await users.createUser({ email: 'bench@example.vn', name: 'Bench officer', role: 'officer', password: PASSWORD });
    const { token } = await new AuthService(users, new SessionRepository(handle.db), deps.now).login('bench@example.vn', PASSWORD);
    const served = await serveApp(createApp(deps), { host: '127.0.0.1', port: 0 });
    const headers = { cookie: `${SESSION_COOKIE}=${token}` };
    try {
      const filter = 'status=new&minScore=0.7&limit=50';
      // A page deep in the keyset: follow nextCursor 40 pages (2 000 findings) in.
      let cursor: string | null = null;
      for (let i = 0; i < 40; i++) {
        const res: Response = await fetch(`${served.url}/api/v1/findings?${filter}${cursor ? `&cursor=${cursor}` : ''}`, { headers });
        if (res.status !== 200) throw new Error(`list answered ${res.status}: ${await res.text()}`);
        cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
      }
      const scenarios: [string, string][] = [
        [`?${filter}`, 'status=new, score ≥ 0.7, first page'],
        [`?${filter}&cursor=${cursor}`, 'same, page 41 (keyset cursor)'],
        ['?platform=shopee&sort=score&limit=50', 'platform=shopee, by score, first page'],
      ];
      // Warm up (JIT, connection pool, PostgreSQL buffers) so that the first scenario is not penalised.
      await autocannon({ url: `${served.url}/api/v1/findings${scenarios[0]![0]}`, headers, connections: 10, overallRate: RATE, duration: 3 });
      const out: Measured[] = [];
      for (const [query, label] of scenarios) {
        // One worker thread: the load tool does not share the server's event loop (overallRate is per worker).
        const result = await autocannon({ url: `${served.url}/api/v1/findings${query}`, headers, connections: 10, overallRate: RATE, duration: seconds, workers: 1 } as autocannon.Options);
        const errors = result.errors + result.non2xx + result.timeouts;
        log(`  ${label}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.average} req/s, ${errors} errors`);
        out.push({ scenario: label, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors });
      }
      return out;
    } finally {
      await served.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const reviewQueueBench: Bench = {
  name: 'review-queue',
  description: `review queue REST list (filter + keyset page) over 1 M synthetic findings, autocannon at ${RATE} req/s (PostgreSQL, PGlite)`,
  async run({ quick, log }): Promise<BenchResult> {
    const findings = quick ? 50_000 : 1_000_000;
    const seconds = quick ? 8 : 20;
    const rows: Cell[][] = [];
    const notes: string[] = [`${RATE} requests/s from 10 autocannon connections on loopback, ${seconds} s per scenario; latency in ms.`];
    const pg = await pgDatabase(log);
    if (typeof pg === 'string') notes.push(pg);
    else {
      try {
        log(`PostgreSQL: seeding ${findings} findings`);
        await seed(pg.handle.db, findings, log);
        for (const m of await measure(pg.handle, seconds, log)) rows.push(['PostgreSQL', findings, m.scenario, m.p50, m.p99, m.rps, m.errors]);
      } finally {
        await pg.drop();
      }
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ipwatch-bench-rq-pglite-'));
    try {
      const handle = await openDatabase({ pgliteDir: path.join(dir, 'db') });
      try {
        log(`PGlite: seeding ${findings} findings`);
        await seed(handle.db, findings, log);
        for (const m of await measure(handle, seconds, log)) rows.push(['PGlite', findings, m.scenario, m.p50, m.p99, m.rps, m.errors]);
      } finally {
        await handle.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    notes.push('The app (and PGlite) run in the bench process; autocannon runs in a worker thread of it, on the same 2 cores.');
    return {
      name: 'review-queue',
      tables: [{ title: `GET /api/v1/findings at ${RATE} req/s`, columns: ['database', 'findings', 'scenario', 'p50 ms', 'p99 ms', 'req/s', 'errors'], rows }],
      notes,
    };
  },
};
