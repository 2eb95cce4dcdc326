import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

/** Both drivers give the same query builder; stage repositories only see this type. */
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;
/** The handle inside `db.transaction(async (tx) => …)`; repositories that join a caller's transaction take it. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Human-readable location, for logs and the start banner (no password). */
  where: string;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** A fixed key so that several processes starting at once apply migrations one after another. */
const MIGRATION_LOCK_KEY = 7_413_220_117;

export interface OpenDatabaseOptions {
  /** node-postgres against a server when set. */
  url?: string | undefined;
  /** PGlite data directory; in-memory when undefined (tests). */
  pgliteDir?: string | undefined;
  /** Apply committed migrations (default true). */
  migrate?: boolean;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.url ? await openPostgres(options.url, options.poolSize ?? 10) : await openPglite(options.pgliteDir);
  if (options.migrate !== false) {
    try {
      await applyMigrations(handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

async function openPglite(dir: string | undefined): Promise<DatabaseHandle> {
  if (dir) await fs.mkdir(dir, { recursive: true });
  const client = await PGlite.create(dir ? { dataDir: dir, extensions: { pg_trgm } } : { extensions: { pg_trgm } });
  const db = drizzlePglite(client) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    where: dir ? `PGlite ${path.resolve(dir)}` : 'PGlite (in memory)',
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Database;
  const safe = new URL(url);
  safe.password = '';
  return { db, kind: 'postgres', where: `PostgreSQL ${safe.host}${safe.pathname}`, close: () => pool.end() };
}

export async function applyMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await handle.db.execute(sql`create extension if not exists pg_trgm`);
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  await handle.db.transaction(async (tx) => {
    // Transaction-scoped lock: released on commit even if this process dies half way.
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create extension if not exists pg_trgm`);
    await migratePg(tx as never, { migrationsFolder });
  });
}

export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
