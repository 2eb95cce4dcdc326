import { maskBit, neighbourMasks } from './neighbour-masks.ts';
import { COMMON_FLAG, INFO, INFO_COMMON, INFO_POST_FROM, INFO_POST_TO } from './shingle-numbers.ts';
import { MAX_POSITIONS_PER_SHINGLE } from './shingles.ts';

const NONE = -1;
/** Ints per posting: group, work position, and the work's neighbour masks there (before, after). */
export const POSTING = 4;

export interface Postings {
  /** Per shingle number, INFO ints (shingle-numbers.ts): where its postings are, whether it is common. */
  info: Int32Array<ArrayBuffer>;
  /** POSTING ints per (group, position) of a distinctive shingle; a shingle's in group order, positions ascending. */
  postings: Int32Array<ArrayBuffer>;
  /** Per group, its distinct shingles (what textSimilarity calls workShingles). */
  distinct: Int32Array<ArrayBuffer>;
}

/**
 * Postings of the registered texts (group g's shingle numbers from textStart[g] in textNumbers): document
 * frequencies counted once per distinct text, shingles held by more than `limit` texts flagged common
 * (COMMON_FLAG in textNumbers, and in `info`) and left out. Each text keeps its first
 * MAX_POSITIONS_PER_SHINGLE positions of a shingle, as shinglePositions does.
 */
export function buildPostings(textStart: Int32Array, textNumbers: Int32Array, shingles: number, limit: number, near: number, far: number): Postings {
  const groups = textStart.length - 1;
  const frequency = new Int32Array(shingles);
  const distinct = new Int32Array(groups);
  // Per shingle: the group that last held it, and how many of its positions were kept there.
  const lastGroup = new Int32Array(shingles).fill(NONE);
  const kept = new Int32Array(shingles);
  const keep = (g: number, number: number): boolean => {
    if (lastGroup[number] !== g) {
      lastGroup[number] = g;
      kept[number] = 0;
    }
    if (kept[number]! >= MAX_POSITIONS_PER_SHINGLE) return false;
    kept[number]! += 1;
    return true;
  };
  for (let g = 0; g < groups; g += 1) {
    for (let i = textStart[g]!; i < textStart[g + 1]!; i += 1) {
      const number = textNumbers[i]!;
      if (number === NONE || lastGroup[number] === g) continue;
      lastGroup[number] = g;
      frequency[number]! += 1;
      distinct[g]! += 1;
    }
  }
  const info = new Int32Array(shingles * INFO);
  let total = 0;
  lastGroup.fill(NONE);
  for (let g = 0; g < groups; g += 1) {
    for (let i = textStart[g]!; i < textStart[g + 1]!; i += 1) {
      const number = textNumbers[i]!;
      if (number !== NONE && frequency[number]! <= limit && keep(g, number)) info[number * INFO + INFO_POST_TO]! += POSTING;
    }
  }
  for (let s = 0; s < shingles; s += 1) {
    const count = info[s * INFO + INFO_POST_TO]!;
    info[s * INFO + INFO_POST_FROM] = total;
    info[s * INFO + INFO_POST_TO] = total;
    info[s * INFO + INFO_COMMON] = frequency[s]! > limit ? 1 : 0;
    total += count;
  }
  const postings = new Int32Array(total);
  let bits = new Int32Array(256);
  let masks = new Int32Array(512);
  lastGroup.fill(NONE);
  for (let g = 0; g < groups; g += 1) {
    const start = textStart[g]!;
    const length = textStart[g + 1]! - start;
    if (bits.length < length) [bits, masks] = [new Int32Array(length * 2), new Int32Array(length * 4)];
    for (let i = 0; i < length; i += 1) {
      const number = textNumbers[start + i]!;
      bits[i] = number !== NONE && frequency[number]! > limit ? maskBit(number) : 0;
    }
    neighbourMasks(bits, length, near, far, masks, 0);
    for (let i = 0; i < length; i += 1) {
      const number = textNumbers[start + i]!;
      if (number === NONE) continue;
      if (bits[i] !== 0) textNumbers[start + i] = number | COMMON_FLAG;
      else if (keep(g, number)) {
        const at = info[number * INFO + INFO_POST_TO]!;
        postings[at] = g;
        postings[at + 1] = i;
        postings[at + 2] = masks[2 * i]!;
        postings[at + 3] = masks[2 * i + 1]!;
        info[number * INFO + INFO_POST_TO] = at + POSTING;
      }
    }
  }
  return { info, postings, distinct };
}
