import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const KEY_FILE = path.join('secrets', 'packet-signing.key');

/** The Department's packet signing key pair (ECDSA P-384), and the forms the public half is published in. */
export interface PacketKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SubjectPublicKeyInfo, DER, base64: what WACZ `signedData.publicKey` holds. */
  publicKeySpki: string;
  publicKeyPem: string;
  /** SHA-256 of the SPKI DER, hex: what a person compares by eye. */
  fingerprint: string;
}

export function describeKeys(privateKey: KeyObject): PacketKeys {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    publicKey,
    publicKeySpki: der.toString('base64'),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: createHash('sha256').update(der).digest('hex'),
  };
}

/** `ab12cd…` as `AB:12:CD…`, grouped so two people can read it to each other over the phone. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');
}

const cache = new Map<string, Promise<PacketKeys>>();

/**
 * The key pair in `<dataDir>/secrets/packet-signing.key` (PKCS#8 PEM, owner-only), made the first time it
 * is needed. Like the session key (crawler/session/session.key.ts), creation uses 'wx' so two processes
 * sharing the data directory never end up with two different keys.
 */
export function loadPacketKeys(dataDir: string): Promise<PacketKeys> {
  const file = path.join(dataDir, KEY_FILE);
  let keys = cache.get(file);
  if (!keys) {
    keys = readOrCreate(file);
    cache.set(file, keys);
    keys.catch(() => cache.delete(file));
  }
  return keys;
}

async function readOrCreate(file: string): Promise<PacketKeys> {
  try {
    const key = createPrivateKey(await fs.readFile(file, 'utf8'));
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'secp384r1') {
      throw new Error(`packet signing key ${file} is not an ECDSA P-384 key`);
    }
    return describeKeys(key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  try {
    await fs.writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    return describeKeys(privateKey);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreate(file);
    throw error;
  }
}
