import fs from 'node:fs';
import path from 'node:path';
import { ConflictError } from '../errors/errors.ts';

/**
 * PGlite is a single-process database: a second process opening the same directory would corrupt it.
 * A pid file makes the second `ipwatch` say so instead (a stale file of a dead process is taken over).
 */
export function lockDataDir(dir: string, what: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'ipwatch.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n${what}\n`, { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8').startsWith(`${process.pid}\n`)) fs.unlinkSync(file);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText, holder] = fs.readFileSync(file, 'utf8').split('\n');
      const pid = Number(pidText);
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new ConflictError(
          `the embedded database in ${dir} is in use by process ${pid} (${holder || 'ipwatch'}); stop it, or use a PostgreSQL server (DATABASE_URL) to run several processes`,
        );
      }
      fs.unlinkSync(file);
    }
  }
  throw new ConflictError(`cannot lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
