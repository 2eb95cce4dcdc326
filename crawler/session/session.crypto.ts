import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ValidationError } from '../../core/errors/errors.ts';

export interface SealedSession {
  ciphertext: string;
  iv: string;
  tag: string;
  keyId: string;
}

/** The key's fingerprint (never the key): tells "sealed with another key" from "tampered with". */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('ipwatch-session-key').update(key).digest('hex').slice(0, 16);
}

function checkKey(key: Buffer): void {
  if (key.byteLength !== 32) throw new Error('session key must be 32 bytes');
}

/** AES-256-GCM with a fresh 96-bit IV; the source id is bound as associated data so rows cannot be swapped. */
export function sealSession(plaintext: string, key: Buffer, sourceId: number): SealedSession {
  checkKey(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`source:${sourceId}`));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { ciphertext: ciphertext.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), keyId: keyId(key) };
}

/** Typed so the API shows a clear problem and the crawl reports it; never includes the plaintext. */
export class SessionUnreadableError extends ValidationError {}

export function openSession(sealed: SealedSession, key: Buffer, sourceId: number): string {
  checkKey(key);
  if (sealed.keyId !== keyId(key)) {
    throw new SessionUnreadableError(`the browser session of source ${sourceId} was sealed with another key (IPWATCH_SESSION_KEY or the data directory's key changed); upload the session again`, { sourceId });
  }
  try {
    const iv = Buffer.from(sealed.iv, 'base64');
    const tag = Buffer.from(sealed.tag, 'base64');
    if (iv.byteLength !== 12 || tag.byteLength !== 16) throw new Error('bad iv or tag length');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(`source:${sourceId}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SessionUnreadableError(`the browser session of source ${sourceId} failed its integrity check (tampered with or corrupted); upload the session again`, { sourceId });
  }
}
