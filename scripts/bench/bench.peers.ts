import imghash from 'imghash';
import sharpPhashModule from 'sharp-phash';
import { hexToBits } from '../../fingerprints/hash/hash-plugin.ts';

/**
 * The npm peers DESIGN.md §6 names, behind one call each: JPEG bytes in, hash bits out, decoding
 * done by the library itself as its users would call it.
 */

type PhashFunction = (input: Buffer) => Promise<string>;
// sharp-phash is CommonJS whose typings claim an ES default export: at run time the module is the function.
const sharpPhash = ((sharpPhashModule as unknown as { default?: PhashFunction }).default ??
  (sharpPhashModule as unknown as PhashFunction)) as PhashFunction;

/** sharp-phash: 32×32 DCT, 64 bits, returned as a '0'/'1' string. */
export async function sharpPhashBits(jpeg: Buffer): Promise<Uint8Array> {
  const s = await sharpPhash(jpeg);
  const out = new Uint8Array(s.length / 8);
  for (let i = 0; i < s.length; i++) if (s[i] === '1') out[i >> 3]! |= 0x80 >> (i & 7);
  return out;
}

/** imghash with its default of 8 bits per side: a 64-bit blockhash, returned as hex. */
export async function imghashBits(jpeg: Buffer): Promise<Uint8Array> {
  return hexToBits(await imghash.hash(jpeg));
}
