import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCase, seedPacketExtras, tamper, zipOf } from '../../api/packets/packet.fixture.ts';
import { PacketService } from '../../api/packets/packet.service.ts';
import { verifyPacket } from '../../api/packets/packet.verify.ts';
import { createApiFixture, type ApiFixture } from '../../api/test/api.fixture.ts';
import { repoRoot, runCli } from '../../test/helpers/cli.ts';
import { CliError } from './cli-error.ts';
import { packetCommand } from './packet.command.ts';
import { databaseKinds } from '../../test/helpers/databases.ts';

/** Unreachable services: `packet verify` must not need them (it would hang or fail if it tried). */
const offline = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none', REDIS_URL: 'redis://127.0.0.1:9', IPWATCH_DATA_DIR: '/nonexistent/ipwatch' };

describe('ipwatch packet verify (no database, no network)', () => {
  let fx: ApiFixture;
  let dir: string;
  let good: string;
  let shot: string;

  beforeAll(async () => {
    fx = await createApiFixture('pglite');
    await seedPacketExtras(fx.deps.db, fx.deps.blobs, fx.seeded.findingA, new Date('2026-11-21T02:00:00Z'));
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-packet-cli-'));
    const packet = await new PacketService(fx.deps).export({ kind: 'finding', id: fx.seeded.findingA.id }, { userId: null, label: 'cli:test' });
    good = path.join(dir, 'good.zip');
    await fs.copyFile(packet.file, good);
    await packet.cleanup();
    shot = `screenshots/capture-${fx.seeded.evidenceIdA}.png`;
  }, 120_000);
  afterAll(async () => {
    await fx?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('prints intact and exits 0 for an untouched packet', async () => {
    const result = await runCli(['packet', 'verify', good], offline);
    expect(result).toMatchObject({ code: 0, stdout: 'intact\n', stderr: '' });
  }, 60_000);

  it('exits 1 naming the first altered file, in one line', async () => {
    const bad = path.join(dir, 'bad.zip');
    for (const [name, at] of [[shot, undefined], ['archive/data.warc.gz', undefined], ['datapackage.json', (d: Buffer) => d.indexOf('"bytes"') + 3], ['datapackage-digest.json', (d: Buffer) => d.indexOf('"signature": "') + 20]] as const) {
      await fs.writeFile(bad, await tamper(await fs.readFile(good), name, at));
      const result = await runCli(['packet', 'verify', bad], offline);
      expect(result.code, name).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n'), name).toEqual([expect.stringContaining(`ipwatch packet verify: ${name}: `)]);
    }
  }, 120_000);

  it('gives one clear line for ../ paths, a ZIP bomb, a missing digest and a non-ZIP, and writes nothing outside', async () => {
    const evil = `ipwatch-evil-${process.pid}-${Date.now()}.txt`;
    const cases: [string, Buffer, RegExp][] = [
      ['traversal.zip', await zipOf([[`../../${evil}`, Buffer.from('owned')], ['datapackage.json', Buffer.from('{}')]]), /unsafe path in archive: \.\.\/\.\.\/ipwatch-evil/],
      ['bomb.zip', await zipOf([['datapackage-digest.json', Buffer.from('{}')], ['archive/zeros.warc.gz', Buffer.alloc(64 * 1024 ** 2)]], true), /ZIP bomb/],
      ['nodigest.zip', await zipOf([['datapackage.json', Buffer.from('{}')]]), /datapackage-digest\.json is missing/],
      ['text.zip', Buffer.from('hello'), /not a readable ZIP/],
    ];
    for (const [name, bytes, message] of cases) {
      const file = path.join(dir, name);
      await fs.writeFile(file, bytes);
      const result = await runCli(['packet', 'verify', file], offline);
      expect(result.code, name).toBe(1);
      expect(result.stderr.trim().split('\n'), name).toEqual([expect.stringMatching(message)]);
    }
    for (const base of [dir, repoRoot, os.tmpdir()]) expect(existsSync(path.resolve(base, '../..', evil))).toBe(false);
    const written = new Set(['good.zip', 'bad.zip', ...cases.map(([name]) => name)]);
    expect((await fs.readdir(dir)).filter((n) => !written.has(n))).toEqual([]);
    expect(await runCli(['packet', 'verify', path.join(dir, 'missing.zip')], offline)).toMatchObject({ code: 1, stderr: expect.stringMatching(/missing\.zip: cannot read/) });
  }, 120_000);
});

// `packet export` opens the database in its own process: it needs the server kind to share one with the test.
describe.runIf(databaseKinds().includes('postgres'))('ipwatch packet export', () => {
  let fx: ApiFixture;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fx = await createApiFixture('postgres');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-packet-export-'));
    env = { ...process.env, DATABASE_URL: fx.db.url, REDIS_URL: '', IPWATCH_DATA_DIR: fx.deps.config.dataDir, IPWATCH_LOG_LEVEL: 'silent' };
  }, 120_000);
  afterAll(async () => {
    await fx?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('exports a finding and a case that verify intact, with the Department key of the data directory', async () => {
    const caseId = await insertCase(fx.deps.db, 'Vụ việc thử', [fx.seeded.findingA.id, fx.seeded.findingB.id]);
    for (const [flag, id] of [['--finding', fx.seeded.findingA.id], ['--case', caseId]] as const) {
      const out = path.join(dir, `${flag.slice(2)}.zip`);
      const result = await runCli(['packet', 'export', flag, String(id), '--out', out], env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ out, bytes: (await fs.stat(out)).size, datapackageHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
      expect(await runCli(['packet', 'verify', out], offline)).toMatchObject({ code: 0, stdout: 'intact\n' });
      const keys = await new PacketService(fx.deps).publicKey();
      expect(await verifyPacket(out, { publicKey: keys.publicKeySpki })).toMatchObject({ intact: true, fingerprint: keys.fingerprint });
    }
    expect((await fs.readdir(dir)).sort()).toEqual(['case.zip', 'finding.zip']);
  }, 180_000);

  it('refuses bad arguments and unknown ids with one line and exit 1', async () => {
    const out = path.join(dir, 'x.zip');
    // Argument errors are caught before anything opens: checked in-process, one spawn for the database path.
    for (const [args, message] of [
      [['export', '--finding', 'abc', '--out', out], /must be a positive id/],
      [['export', '--finding', '1', '--case', '1', '--out', out], /exactly one of/],
      [['export', '--finding', '1'], /--out/],
      [['export', '--finding', '1', '--out', '/nonexistent/dir/x.zip'], /folder does not exist/],
      [['frobnicate'], /use: ipwatch packet/],
    ] as const) {
      await expect(packetCommand([...args]), args.join(' ')).rejects.toThrow(message);
      await expect(packetCommand([...args])).rejects.toBeInstanceOf(CliError);
    }
    const result = await runCli(['packet', 'export', '--finding', '999999', '--out', out], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/finding 999999 not found/)]);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
