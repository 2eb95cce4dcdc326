import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../core/services/free-port.ts';

const run = promisify(execFile);

export interface PostgresProcess {
  url: string;
  stop(): Promise<void>;
}

function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/**
 * A throw-away PostgreSQL cluster for a machine that runs none (a user's fresh machine): initdb in a
 * temp folder, trust auth on loopback. initdb refuses root, so as root it runs as the postgres user.
 */
export async function startPostgresServer(): Promise<PostgresProcess | undefined> {
  const bin = findBinDir();
  if (!bin) return undefined;
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ipwatch-pg-'));
  const asRoot = process.getuid?.() === 0;
  const wrap = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  if (asRoot) await run('chown', ['postgres', dir]);
  const [initCmd, initArgs] = wrap(path.join(bin, 'initdb'), ['-D', dir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  await run(initCmd, initArgs);
  const port = await freePort();
  const pgCtl = path.join(bin, 'pg_ctl');
  // pg_ctl, not a child we signal: runuser does not pass signals on, and -w waits until it accepts connections.
  const [cmd, args] = wrap(pgCtl, ['-D', dir, '-l', path.join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  await run(cmd, args);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      const [stopCmd, stopArgs] = wrap(pgCtl, ['-D', dir, '-m', 'immediate', '-w', 'stop']);
      await run(stopCmd, stopArgs).catch(() => undefined);
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}
