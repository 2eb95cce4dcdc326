import pg from 'pg';
import { bitsToHex } from '../../fingerprints/hash/hash-plugin.ts';

/**
 * The PostgreSQL peer of the Hamming index: `bit_count(h # q)` over a bit(256) column (bit_count on
 * bit strings exists since PostgreSQL 14). Everything lives in a fresh schema dropped at the end,
 * so a crashed run leaves at most one stray `ipwatch_bench_*` schema behind.
 */

export const DEFAULT_BENCH_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = 25_000;

export class PgHammingPeer {
  private constructor(
    private readonly client: pg.Client,
    readonly schema: string,
    readonly serverVersion: string,
  ) {}

  /** The reason as a string when the server is unreachable or too old, so the bench can skip it. */
  static async open(url: string): Promise<PgHammingPeer | string> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined); // a dropped connection surfaces on the next query instead
    try {
      await client.connect();
    } catch (error) {
      return `PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} unreachable (${(error as Error).message})`;
    }
    const { rows } = await client.query<{ num: string; version: string }>(
      "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version",
    );
    const version = rows[0]!.version;
    if (Number(rows[0]!.num) < 140000) {
      await client.end();
      return `PostgreSQL ${version} has no bit_count (needs 14+)`;
    }
    const schema = `ipwatch_bench_${process.pid}_${Date.now().toString(36)}`;
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`CREATE TABLE ${schema}.hashes (id integer NOT NULL, h bit(256) NOT NULL)`);
    // One core, like the JavaScript scans it is compared with.
    await client.query('SET max_parallel_workers_per_gather = 0');
    return new PgHammingPeer(client, schema, version);
  }

  /** Appends rows from..to of the packed hashes (32 bytes each); ids are the row numbers. */
  async load(packed: Uint8Array, from: number, to: number): Promise<void> {
    for (let start = from; start < to; start += BATCH) {
      const end = Math.min(to, start + BATCH);
      const ids: number[] = [];
      const hex: string[] = [];
      for (let i = start; i < end; i++) {
        ids.push(i);
        hex.push(bitsToHex(packed.subarray(i * 32, i * 32 + 32)));
      }
      await this.client.query(
        `INSERT INTO ${this.schema}.hashes (id, h) SELECT i, ('x' || x)::bit(256) FROM unnest($1::int[], $2::text[]) AS t(i, x)`,
        [ids, hex],
      );
    }
    await this.client.query(`VACUUM ANALYZE ${this.schema}.hashes`);
  }

  async tableBytes(): Promise<number> {
    const r = await this.client.query<{ bytes: string }>(`SELECT pg_total_relation_size('${this.schema}.hashes') AS bytes`);
    return Number(r.rows[0]!.bytes);
  }

  async query(bits: Uint8Array, maxDistance: number): Promise<{ id: number; distance: number }[]> {
    const r = await this.client.query<{ id: number; d: number }>({
      name: 'ipwatch-bench-hamming',
      text: `SELECT id, bit_count(h # q) AS d FROM ${this.schema}.hashes, (SELECT ('x' || $1::text)::bit(256) AS q) AS p
             WHERE bit_count(h # q) <= $2 ORDER BY d, id`,
      values: [bitsToHex(bits), maxDistance],
    });
    return r.rows.map((row) => ({ id: row.id, distance: Number(row.d) }));
  }

  async close(): Promise<void> {
    try {
      await this.client.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    } finally {
      await this.client.end();
    }
  }
}
