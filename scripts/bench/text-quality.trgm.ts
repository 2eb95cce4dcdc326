import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The peer: PostgreSQL's pg_trgm out of the box, in PGlite (the embedded engine ipwatch ships), on the
 * texts as given. similarity() is the plain trigram similarity of the issue; word_similarity() (the
 * best-matching extent of the candidate) is pg_trgm's own answer to "a short text inside a long one".
 */

export type TrgmFunction = 'similarity' | 'word_similarity';

export class TrgmPeer {
  private constructor(private readonly db: PGlite) {}

  static async open(): Promise<TrgmPeer> {
    const db = await PGlite.create({ extensions: { pg_trgm } });
    await db.exec('create extension if not exists pg_trgm');
    return new TrgmPeer(db);
  }

  async load(table: string, rows: readonly { id: string; text: string }[], index = false): Promise<void> {
    await this.db.exec(`drop table if exists ${table}; create table ${table} (id text primary key, body text not null)`);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await this.db.query(`insert into ${table} (id, body) select * from unnest($1::text[], $2::text[])`, [chunk.map((r) => r.id), chunk.map((r) => r.text)]);
    }
    if (index) await this.db.exec(`create index on ${table} using gin (body gin_trgm_ops)`);
  }

  /** Every (candidate, work) score above 0: fn(work, candidate) for word_similarity (work inside candidate). */
  async allPairs(fn: TrgmFunction): Promise<Map<string, Map<string, number>>> {
    const { rows } = await this.db.query<{ c: string; w: string; s: number }>(
      `select c.id as c, w.id as w, ${fn}(w.body, c.body)::float8 as s from cands c cross join works w`,
    );
    const out = new Map<string, Map<string, number>>();
    for (const row of rows) {
      if (row.s <= 0) continue;
      let scores = out.get(row.c);
      if (!scores) out.set(row.c, (scores = new Map()));
      scores.set(row.w, row.s);
    }
    return out;
  }

  /** The indexed look-up a deployment would run per candidate: works over the default threshold. */
  async lookup(table: string, text: string, fn: TrgmFunction): Promise<number> {
    const op = fn === 'similarity' ? `body % $1` : `body <% $1`;
    const { rows } = await this.db.query(`select id from ${table} where ${op}`, [text]);
    return rows.length;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
