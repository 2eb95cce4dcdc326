import { createPublicKey, sign, verify } from 'node:crypto';
import type { PacketKeys } from './packet.keys.ts';

/**
 * WACZ Signing and Verification, anonymous signature: ECDSA P-384 over the UTF-8 bytes of the
 * datapackage.json hash string ("sha256:<hex>"), SHA-256, signature as IEEE P1363 r‖s in base64, the
 * public key as base64 SPKI DER. `created` must equal datapackage.json's own `created`.
 */
export interface SignedData {
  hash: string;
  created: string;
  software: string;
  version: string;
  signature: string;
  publicKey: string;
}

/** The version of the WACZ signing spec this follows. */
export const SIGNING_SPEC_VERSION = '0.1.0';

export function signDatapackageHash(keys: PacketKeys, input: { hash: string; created: string; software: string }): SignedData {
  const signature = sign('sha256', Buffer.from(input.hash, 'utf8'), { key: keys.privateKey, dsaEncoding: 'ieee-p1363' });
  return { hash: input.hash, created: input.created, software: input.software, version: SIGNING_SPEC_VERSION, signature: signature.toString('base64'), publicKey: keys.publicKeySpki };
}

/** True when `signature` is a valid P1363 ECDSA/SHA-256 signature of `hash` by the SPKI key; never throws. */
export function checkSignature(signed: Pick<SignedData, 'hash' | 'signature' | 'publicKey'>): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(signed.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec') return false;
    return verify('sha256', Buffer.from(signed.hash, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}
