import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface StoredBlob {
  sha256: string;
  /** Path relative to the blob root, stable across machines (stored in the database). */
  key: string;
  bytes: number;
}

const KEY_PATTERN = /^[a-f0-9]{2}\/[a-f0-9]{64}(\.[a-z0-9]{1,8})?$/;

/**
 * Content-addressed file store under the data directory: evidence and images are kept by their SHA-256,
 * so a second capture of the same bytes costs nothing and a file can never be silently replaced.
 */
export class BlobRepository {
  constructor(readonly root: string) {}

  static sha256(data: Uint8Array | string): string {
    return createHash('sha256').update(data).digest('hex');
  }

  async put(data: Uint8Array | string, extension: string): Promise<StoredBlob> {
    const ext = extension.replace(/^\./, '').toLowerCase();
    if (!/^[a-z0-9]{1,8}$/.test(ext)) throw new Error(`bad blob extension: ${extension}`);
    const sha256 = BlobRepository.sha256(data);
    const key = `${sha256.slice(0, 2)}/${sha256}.${ext}`;
    const target = this.resolve(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.access(target);
    } catch {
      // Write then rename: a crash mid-write never leaves a truncated file under a valid hash.
      const temp = `${target}.${randomUUID()}.tmp`;
      await fs.writeFile(temp, data);
      await fs.rename(temp, target);
    }
    return { sha256, key, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength };
  }

  resolve(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`bad blob key: ${key}`);
    return path.join(this.root, key);
  }

  read(key: string): Promise<Buffer> {
    return fs.readFile(this.resolve(key));
  }
}
