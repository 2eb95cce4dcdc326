import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../image/image.decode.ts';
import { bitsToHex, hexToBits } from './hash-plugin.ts';
import { hammingDistance } from './hash.bits.ts';
import { pdqHash } from './pdq.plugin.ts';

/**
 * The reference vectors once more, but decoded the way the product hashes (decodeImage at
 * HASH_DECODE_MAX_SIDE, libvips resize, then the fused RGB downsample): the speed work on that path
 * must not cost PDQ its agreement with Meta's hashes.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pdqData = path.resolve(repoRoot, '../shared/testdata/pdq');

describe('PDQ reference vectors through the hashing decode (≤512 px)', () => {
  it('every image within 10 bits of the expected hash', async () => {
    const rows = fs
      .readFileSync(path.join(pdqData, 'expected-pdq.tsv'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const distances: number[] = [];
    for (const [file, hex] of rows) {
      const decoded = await decodeImage(fs.readFileSync(path.join(pdqData, file!)), { maxSide: HASH_DECODE_MAX_SIDE });
      expect(Math.max(decoded.width, decoded.height)).toBeLessThanOrEqual(HASH_DECODE_MAX_SIDE);
      const hash = pdqHash(decoded);
      const d = hammingDistance(hash.bits, hexToBits(hex!));
      distances.push(d);
      expect(d, `${file}: got ${bitsToHex(hash.bits)}`).toBeLessThanOrEqual(10);
    }
    expect(distances.reduce((a, b) => a + b, 0) / distances.length).toBeLessThan(4);
  });
});
