import type { MatchToken } from './vietnamese.ts';
import type { PreparedText } from './text-similarity.ts';

/**
 * Word shingles of prepared texts, as strings, and the verbatim runs two texts share: what
 * textSimilarity scores. ShingleIndex gives the same runs from shingle numbers (shared-blocks.ts).
 */

export const SHINGLE_WORDS = 3;
/** Boilerplate shingles repeated all over a page are capped so one refrain cannot make quadratic work. */
export const MAX_POSITIONS_PER_SHINGLE = 64;
/** The word between two fields of a prepared text: no shingle spans two fields. */
export const FIELD_BREAK = '\u0000';

/** A verbatim passage shared by work and candidate: a maximal diagonal run of equal shingles. */
export interface TextBlock {
  workStart: number;
  candStart: number;
  length: number;
}
/** The shingle comparison textSimilarity scores: its verbatim runs, and the distinct shingles found / held by the work. */
export interface SharedShingles {
  blocks: TextBlock[];
  matchedShingles: number;
  workShingles: number;
}

/** The folded shingle starting at word `at` (may hold a field break). */
export function shingleAt(words: readonly MatchToken[], at: number): string {
  let key = words[at]!.fold;
  for (let i = 1; i < SHINGLE_WORDS; i += 1) key += ' ' + words[at + i]!.fold;
  return key;
}

/** Shingle → positions, computed once per prepared text (a registered work, or a page matched against many works). */
const shingleCache = new WeakMap<PreparedText, Map<string, number[]>>();

export function shinglePositions(text: PreparedText): Map<string, number[]> {
  let positions = shingleCache.get(text);
  if (positions) return positions;
  positions = new Map();
  for (let i = 0; i + SHINGLE_WORDS <= text.words.length; i += 1) {
    const key = shingleAt(text.words, i);
    if (key.includes(FIELD_BREAK)) continue;
    const list = positions.get(key);
    if (!list) positions.set(key, [i]);
    else if (list.length < MAX_POSITIONS_PER_SHINGLE) list.push(i);
  }
  shingleCache.set(text, positions);
  return positions;
}

/**
 * Maximal diagonal runs of equal shingles: each is a verbatim passage shared by work and candidate.
 * Work-side iteration with candidate look-ups, so matching one page against many works costs the
 * works' lengths, not the page's length per work.
 */
export function matchedBlocks(work: PreparedText, cand: PreparedText): SharedShingles {
  const workPositions = shinglePositions(work);
  const candPositions = shinglePositions(cand);
  let matchedShingles = 0;
  // Per diagonal (candidate position − work position), the work positions seen, ascending.
  const diagonals = new Map<number, number[]>();
  for (const [key, workAt] of workPositions) {
    const candAt = candPositions.get(key);
    if (!candAt) continue;
    matchedShingles += 1;
    for (const i of workAt) {
      for (const j of candAt) {
        const list = diagonals.get(j - i);
        if (list) list.push(i);
        else diagonals.set(j - i, [i]);
      }
    }
  }
  const blocks: TextBlock[] = [];
  for (const [diagonal, list] of diagonals) {
    list.sort((a, b) => a - b);
    let runStart = list[0]!;
    for (let k = 1; k <= list.length; k += 1) {
      if (k < list.length && list[k] === list[k - 1]! + 1) continue;
      const runEnd = list[k - 1]!;
      blocks.push({ workStart: runStart, candStart: runStart + diagonal, length: runEnd - runStart + SHINGLE_WORDS });
      if (k < list.length) runStart = list[k]!;
    }
  }
  return { blocks, matchedShingles, workShingles: workPositions.size };
}
