import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/helpers/databases.ts';
import { AuditRepository } from './audit.repository.ts';

// drizzle wraps the driver's error: the trigger's message is the cause.
const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };

describe.each(databaseKinds())('audit log on %s', (kind) => {
  let handle: TestDatabase | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('records events linked by hash, lists them by entity, and verifies the chain', async () => {
    handle = await createTestDatabase(kind);
    const audit = new AuditRepository(handle.db);
    expect(await audit.verify()).toMatchObject({ intact: true, checked: 0 });
    await audit.record(handle.db, { actor: { userId: null, label: 'cli' }, action: 'work.create', entity: { type: 'work', id: 1 }, after: { title: 'Đám cưới chuột', n: 1.5, nested: { z: 1, a: [true, null] } } });
    await audit.record(handle.db, { actor: { label: 'officer@example' }, action: 'work.update', entity: { type: 'work', id: '1' }, before: { title: 'Đám cưới chuột' }, after: { title: 'Đám cưới chuột (bản in)', at: new Date('2026-01-01T00:00:00Z') } });
    await audit.record(handle.db, { actor: { userId: 7, label: 'holder' }, action: 'mark.create', entity: { type: 'mark', id: 2 } });
    const work = await audit.list({ entityType: 'work', entityId: 1 });
    expect(work.map((e) => e.action)).toEqual(['work.create', 'work.update']);
    expect(work[1]!.prevHash).toBe(work[0]!.hash);
    expect(work[1]!.after).toEqual({ title: 'Đám cưới chuột (bản in)', at: '2026-01-01T00:00:00.000Z' });
    expect(await audit.list({ actorUserId: 7 })).toHaveLength(1);
    expect(await audit.verify()).toMatchObject({ intact: true, checked: 3 });
  });

  it('rolls the event back with the caller’s transaction', async () => {
    handle = await createTestDatabase(kind);
    const audit = new AuditRepository(handle.db);
    await expect(
      handle.db.transaction(async (tx) => {
        await audit.record(tx, { actor: { label: 'x' }, action: 'a', entity: { type: 't', id: 1 } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await audit.list()).toHaveLength(0);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    handle = await createTestDatabase(kind);
    const audit = new AuditRepository(handle.db);
    await audit.record(handle.db, { actor: { label: 'u' }, action: 'work.update', entity: { type: 'work', id: 1 }, after: { v: 1 } });
    const [event] = await audit.list();
    await expect(handle.db.execute(sql`update audit.events set after = '{"v": 99}'::jsonb where id = ${event!.id}`)).rejects.toMatchObject(refused);
    await expect(handle.db.execute(sql`delete from audit.events where id = ${event!.id}`)).rejects.toMatchObject(refused);
    await expect(handle.db.execute(sql`truncate audit.events`)).rejects.toMatchObject(refused);
    expect(await audit.list()).toEqual([event]);
    expect(await audit.verify()).toMatchObject({ intact: true, checked: 1 });
  });

  it('still detects an UPDATE or DELETE by a role that disabled the guard', async () => {
    handle = await createTestDatabase(kind);
    const audit = new AuditRepository(handle.db);
    for (let i = 1; i <= 4; i++) await audit.record(handle.db, { actor: { userId: i, label: `u${i}` }, action: 'work.update', entity: { type: 'work', id: i }, after: { v: i } });
    const ids = (await audit.list()).map((e) => e.id);
    // The table owner can switch the trigger off; the hash chain is what still gives it away.
    await handle.db.execute(sql`alter table audit.events disable trigger user`);
    await handle.db.execute(sql`update audit.events set after = '{"v": 99}'::jsonb where id = ${ids[1]}`);
    expect(await audit.verify()).toMatchObject({ intact: false, firstBrokenId: ids[1] });
    await handle.db.execute(sql`update audit.events set after = '{"v": 2}'::jsonb where id = ${ids[1]}`);
    expect((await audit.verify()).intact).toBe(true);
    await handle.db.execute(sql`delete from audit.events where id = ${ids[2]}`);
    expect(await audit.verify()).toMatchObject({ intact: false, firstBrokenId: ids[3] });
  });

  it('keeps a single chain under concurrent writers', async () => {
    handle = await createTestDatabase(kind);
    const audit = new AuditRepository(handle.db);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        handle!.db.transaction(async (tx) => {
          await audit.record(tx, { actor: { label: `w${i}` }, action: 'a', entity: { type: 't', id: i } });
        }),
      ),
    );
    expect(await audit.verify()).toMatchObject({ intact: true, checked: 20 });
  });
});
