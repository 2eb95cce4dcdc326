import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../core/config/config.ts';

const KEY_FILE = path.join('secrets', 'session.key');

/**
 * The key sealing browser sessions: IPWATCH_SESSION_KEY when set (production: a secret shared by the
 * roles), else a random key created once in the data directory with owner-only permissions.
 */
export async function loadSessionKey(config: Pick<Config, 'sessionKey' | 'dataDir'>): Promise<Buffer> {
  if (config.sessionKey) return Buffer.from(config.sessionKey, /^[0-9a-fA-F]{64}$/.test(config.sessionKey) ? 'hex' : 'base64');
  const file = path.join(config.dataDir, KEY_FILE);
  try {
    const existing = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'hex');
    if (existing.byteLength === 32) return existing;
    throw new Error(`session key file ${file} is not 32 bytes of hex; remove it only if no session is stored`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    // 'wx': two processes starting at once must not each write their own key.
    await fs.writeFile(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSessionKey(config);
    throw error;
  }
}
