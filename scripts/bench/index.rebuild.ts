import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../../core/database/database.ts';
import { WorkRepository } from '../../fingerprints/work.repository.ts';
import { MatchSnapshot, toIndexedFingerprint, type IndexedFingerprint } from '../../matcher/match.index.ts';
import { nowMs } from './bench.util.ts';

/**
 * "Index rebuilt from PostgreSQL at start": the matcher's own load path (WorkRepository.activeFingerprints,
 * toIndexedFingerprint, MatchSnapshot, the first query building the multi-index tables) over `size`
 * synthetic PDQ rows in the real fingerprints.fingerprints table, in a fresh database dropped afterwards.
 */

export interface RebuildFigures {
  rows: number;
  insertS: number;
  selectS: number;
  convertS: number;
  snapshotS: number;
  firstQueryS: number;
  totalS: number;
}

const WORKS = 10_000;
const ASSETS_PER_WORK = 10;

export async function measureRebuild(url: string, size: number, log: (line: string) => void): Promise<RebuildFigures | string> {
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  }
  const name = `ipwatch_bench_rebuild_${process.pid}`;
  const target = new URL(url);
  target.pathname = `/${name}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const handle = await openDatabase({ url: target.toString(), poolSize: 2 });
    try {
      const t0 = nowMs();
      await insertSynthetic(handle.db, size);
      const insertS = (nowMs() - t0) / 1000;
      log(`  rebuild: ${size.toLocaleString('en')} rows inserted in ${insertS.toFixed(1)} s`);
      const t1 = nowMs();
      const rows = await new WorkRepository(handle.db).activeFingerprints();
      const t2 = nowMs();
      const indexed = rows.map(toIndexedFingerprint).filter((f): f is IndexedFingerprint => f !== undefined);
      const t3 = nowMs();
      const snapshot = new MatchSnapshot(indexed, [], Date.now());
      const t4 = nowMs();
      snapshot.query('pdq', indexed[0]!.bits, 31);
      const t5 = nowMs();
      if (snapshot.fingerprintCount !== size) throw new Error(`loaded ${snapshot.fingerprintCount} of ${size} fingerprints`);
      return {
        rows: size,
        insertS,
        selectS: (t2 - t1) / 1000,
        convertS: (t3 - t2) / 1000,
        snapshotS: (t4 - t3) / 1000,
        firstQueryS: (t5 - t4) / 1000,
        totalS: (t5 - t1) / 1000,
      };
    } finally {
      await handle.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

/** Generated server-side: 256 random-looking bits a row from two md5s, 10 regions per asset. */
async function insertSynthetic(db: Database, size: number): Promise<void> {
  const client = { execute: (text: string) => db.execute(sql.raw(text)) };
  const assets = Math.ceil(size / ASSETS_PER_WORK / 10) * ASSETS_PER_WORK;
  await client.execute(`INSERT INTO fingerprints.works (id, title, type) SELECT w, 'bench work ' || w, 'image' FROM generate_series(1, ${WORKS}) AS w`);
  await client.execute(
    `INSERT INTO fingerprints.assets (id, work_id, kind, sha256) SELECT a, 1 + (a % ${WORKS}), 'image', md5(a::text) FROM generate_series(1, ${assets}) AS a`,
  );
  await client.execute(
    `INSERT INTO fingerprints.fingerprints (asset_id, work_id, algorithm, region, value, quality)
     SELECT 1 + i / 10, 1 + ((1 + i / 10) % ${WORKS}), 'pdq', 'r' || (i % 10), md5(i::text) || md5((-i)::text), 80
     FROM generate_series(0, ${size - 1}) AS i`,
  );
  await client.execute('ANALYZE');
}
