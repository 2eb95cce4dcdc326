import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/helpers/databases.ts';
import { applyMigrations } from './database.ts';

describe.each(databaseKinds())('database on %s', (kind) => {
  let handle: TestDatabase | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('applies the committed migrations, idempotently', async () => {
    handle = await createTestDatabase(kind);
    await applyMigrations(handle);
    const result = await handle.db.execute(
      sql`select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('fingerprints','crawler','matcher','api','audit') order by 1`,
    );
    const names = (result as unknown as { rows: { name: string }[] }).rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['api.users', 'audit.events', 'crawler.listings', 'fingerprints.marks', 'fingerprints.works', 'matcher.findings']));
  });

  it('has pg_trgm for Vietnamese text search', async () => {
    handle = await createTestDatabase(kind);
    const result = await handle.db.execute(sql`select similarity('tranh đông hồ', 'tranh dong ho') as s`);
    const rows = (result as unknown as { rows: { s: number }[] }).rows;
    expect(Number(rows[0]?.s)).toBeGreaterThan(0);
  });
});
