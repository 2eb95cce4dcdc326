import { createHash } from 'node:crypto';
import { prepareMatchText, SHINGLE_WORDS } from '../text/text-similarity.ts';
import { matchTokens, tokenize } from '../text/vietnamese.ts';

export const TEXT_FINGERPRINT_ALGORITHM = 'text-minhash';
export const NAME_FINGERPRINT_ALGORITHM = 'mark-name';
const MINHASH_SIZE = 64;

/**
 * A compact digest of a text for the registry: word count, distinct folded 3-word shingles and a
 * 64-value MinHash of them (Jaccard estimate between two texts without either text). The matcher
 * compares full prepared texts; this row is what the portal counts and what a database-side
 * pre-filter can use at scale.
 */
export function textFingerprint(text: string): { words: number; shingles: number; minhash: string } {
  const words = prepareMatchText(text).words.filter((w) => w.source >= 0).map((w) => w.fold);
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i += 1) shingles.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  if (!shingles.size && words.length) shingles.add(words.join(' '));
  const mins = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    const digest = createHash('sha256').update(shingle).digest();
    // Two independent 32-bit hashes combined (Kirsch–Mitzenmacher) give the 64 permutations.
    const h1 = digest.readUInt32LE(0);
    const h2 = digest.readUInt32LE(4) | 1;
    for (let k = 0; k < MINHASH_SIZE; k += 1) {
      const v = (h1 + Math.imul(k, h2)) >>> 0;
      if (v < mins[k]!) mins[k] = v;
    }
  }
  return { words: words.length, shingles: shingles.size, minhash: Buffer.from(mins.buffer).toString('hex') };
}

/** A mark's name as the matcher compares it: normalised and folded letters, spaces removed. */
export function nameFingerprint(name: string): { norm: string; fold: string } {
  const tokens = matchTokens(tokenize(name).tokens);
  return { norm: tokens.map((t) => t.norm).join(''), fold: tokens.map((t) => t.fold).join('') };
}
