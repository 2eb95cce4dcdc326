import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/helpers/databases.ts';
import { sourceSessions } from '../crawler.schema.ts';
import { SourceRepository } from '../source.repository.ts';
import { openSession, sealSession, SessionUnreadableError } from './session.crypto.ts';
import { loadSessionKey } from './session.key.ts';
import { SessionRepository } from './session.repository.ts';

const state = {
  cookies: [{ name: 'SPC_EC', value: 'secret-cookie-value', domain: '.shopee.vn', path: '/', expires: -1, httpOnly: true, secure: true, sameSite: 'Lax' }],
  origins: [{ origin: 'https://shopee.vn', localStorage: [{ name: 'token', value: 'secret-local-value' }] }],
};

describe('session crypto', () => {
  const key = randomBytes(32);

  it('round-trips, with a fresh IV each time', () => {
    const a = sealSession('hello', key, 1);
    const b = sealSession('hello', key, 1);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toContain('hello');
    expect(openSession(a, key, 1)).toBe('hello');
  });

  it('fails clearly on tampering, a swapped row, a wrong key or a truncated tag', () => {
    const sealed = sealSession(JSON.stringify(state), key, 7);
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[3]! ^= 1;
    expect(() => openSession({ ...sealed, ciphertext: flipped.toString('base64') }, key, 7)).toThrow(/failed its integrity check/);
    expect(() => openSession(sealed, key, 8)).toThrow(SessionUnreadableError);
    expect(() => openSession({ ...sealed, tag: sealed.tag.slice(0, 8) }, key, 7)).toThrow(/integrity check/);
    expect(() => openSession(sealed, randomBytes(32), 7)).toThrow(/sealed with another key/);
    try {
      openSession({ ...sealed, ciphertext: flipped.toString('base64') }, key, 7);
    } catch (error) {
      expect(String(error)).not.toContain('secret');
    }
  });
});

describe('session key', () => {
  it('uses IPWATCH_SESSION_KEY, else creates one owner-only key file and reuses it', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-key-'));
    try {
      const hex = randomBytes(32).toString('hex');
      expect((await loadSessionKey({ sessionKey: hex, dataDir })).toString('hex')).toBe(hex);
      const [a, b] = await Promise.all([loadSessionKey({ sessionKey: undefined, dataDir }), loadSessionKey({ sessionKey: undefined, dataDir })]);
      expect(a.equals(b)).toBe(true);
      expect((await loadSessionKey({ sessionKey: undefined, dataDir })).equals(a)).toBe(true);
      const stat = await fs.stat(path.join(dataDir, 'secrets', 'session.key'));
      expect(stat.mode & 0o777).toBe(0o600);
      await fs.writeFile(path.join(dataDir, 'secrets', 'session.key'), 'short');
      await expect(loadSessionKey({ sessionKey: undefined, dataDir })).rejects.toThrow(/not 32 bytes/);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(databaseKinds())('session repository on %s', (kind) => {
  let db: TestDatabase;
  let sourceId: number;
  const key = randomBytes(32);
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    sourceId = (await new SourceRepository(db.db).upsertSource({ name: 'shopee', startUrl: 'https://shopee.vn/shop/1', maxPages: 5, allowInternal: false })).id;
  });
  afterAll(async () => db?.close());

  it('stores only ciphertext and a value-free summary, and loads the state back', async () => {
    const repo = new SessionRepository(db.db, key);
    const summary = await repo.save(sourceId, JSON.stringify(state));
    expect(summary).toMatchObject({ sourceId, cookies: 1, domains: ['shopee.vn'], origins: ['https://shopee.vn'] });
    const rows = await db.db.select().from(sourceSessions);
    expect(JSON.stringify(rows)).not.toMatch(/secret-cookie-value|secret-local-value|SPC_EC/);
    expect(await repo.load(sourceId)).toMatchObject(state);
    expect(await repo.summary(sourceId)).toMatchObject({ cookies: 1 });
    // A replacement overwrites, never duplicates.
    await repo.save(sourceId, { cookies: [], origins: state.origins });
    expect((await repo.load(sourceId))!.cookies).toEqual([]);
    expect(await repo.load(999_999)).toBeUndefined();
  });

  it('rejects uploads that are not a storage state, without echoing values', async () => {
    const repo = new SessionRepository(db.db, key);
    await expect(repo.save(sourceId, 'not json')).rejects.toThrow(/not JSON/);
    await expect(repo.save(sourceId, { cookies: 'x' })).rejects.toThrow(/not a Playwright storage state/);
    await expect(repo.save(sourceId, { cookies: [], origins: [] })).rejects.toThrow(/no cookies/);
    await expect(repo.save(sourceId, { origins: [{ origin: 'javascript:alert(1)', localStorage: [] }] })).rejects.toThrow(/origins.0.origin/);
    const err = await repo.save(sourceId, { cookies: [{ name: 'a', value: 'secret-zzz', domain: '' }] }).catch((e: unknown) => e);
    expect(String(err)).not.toContain('secret-zzz');
    await expect(repo.save(sourceId, 'x'.repeat(6 * 1024 * 1024))).rejects.toThrow(/larger than/);
  });

  it('reports a tampered row or a changed key clearly', async () => {
    await new SessionRepository(db.db, key).save(sourceId, state);
    await expect(new SessionRepository(db.db, randomBytes(32)).load(sourceId)).rejects.toThrow(/sealed with another key/);
    const [row] = await db.db.select().from(sourceSessions);
    const bytes = Buffer.from(row!.ciphertext, 'base64');
    bytes[0]! ^= 0xff;
    await db.db.update(sourceSessions).set({ ciphertext: bytes.toString('base64') });
    await expect(new SessionRepository(db.db, key).load(sourceId)).rejects.toThrow(SessionUnreadableError);
    expect(await new SessionRepository(db.db, key).remove(sourceId)).toBe(true);
    expect(await new SessionRepository(db.db, key).load(sourceId)).toBeUndefined();
  });
});
