import { COMMON_FLAG, type ShingleScan } from './shingle-numbers.ts';
import { MAX_POSITIONS_PER_SHINGLE, SHINGLE_WORDS, type SharedShingles, type TextBlock } from './shingles.ts';

const NONE = -1;

/**
 * matchedBlocks of text-similarity.ts on shingle numbers: a registered text (its number at each position)
 * (COMMON_FLAG set or not) against the candidate last scanned. Work positions are walked in ascending order, so each diagonal's
 * positions arrive sorted and its runs close as they end, with no per-diagonal lists to build and sort.
 * Same blocks, same counts: each work shingle keeps its first MAX_POSITIONS_PER_SHINGLE positions, the
 * candidate's its own first ones (ShingleScan). Scratch arrays are reused from one call to the next.
 */
export class BlockFinder {
  /** Per shingle number: stamp, positions of the work seen so far. */
  private seen = new Int32Array(0);
  private stamp = 0;
  /** Per diagonal (candidate position − work position + work length): stamp, run start, last position. */
  private diagonals = new Int32Array(0);
  private open = new Int32Array(0);

  /** The work is numbers[from, to). */
  find(numbers: Int32Array, from: number, to: number, workShingles: number, scan: ShingleScan, shingles: number): SharedShingles {
    const n = to - from;
    if (this.seen.length < shingles * 2) this.seen = new Int32Array(shingles * 2);
    const span = n + scan.length + 1;
    if (this.diagonals.length < span * 3) this.diagonals = new Int32Array(span * 3);
    if (this.open.length < span) this.open = new Int32Array(span);
    if (++this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.diagonals.fill(0);
      this.stamp = 1;
    }
    const { seen, diagonals, open, stamp } = this;
    const next = scan.next;
    const blocks: TextBlock[] = [];
    let opened = 0;
    let matchedShingles = 0;
    for (let i = 0; i + SHINGLE_WORDS <= n; i += 1) {
      if (numbers[from + i] === NONE) continue;
      const number = numbers[from + i]! & (COMMON_FLAG - 1);
      const first = scan.first(number);
      if (seen[number * 2] !== stamp) {
        seen[number * 2] = stamp;
        seen[number * 2 + 1] = 0;
        if (first !== NONE) matchedShingles += 1;
      }
      if (first === NONE || seen[number * 2 + 1]! >= MAX_POSITIONS_PER_SHINGLE) continue;
      seen[number * 2 + 1]! += 1;
      for (let j = first; j !== NONE; j = next[j]!) {
        const d = j - i + n;
        const at = d * 3;
        if (diagonals[at] !== stamp) {
          diagonals[at] = stamp;
          diagonals[at + 1] = i;
          open[opened++] = d;
        } else if (diagonals[at + 2] !== i - 1) {
          this.close(blocks, d, n);
          diagonals[at + 1] = i;
        }
        diagonals[at + 2] = i;
      }
    }
    for (let o = 0; o < opened; o += 1) this.close(blocks, open[o]!, n);
    return { blocks, matchedShingles, workShingles };
  }

  /** The run ending on diagonal d as a block (d counts from −n). */
  private close(blocks: TextBlock[], d: number, n: number): void {
    const start = this.diagonals[d * 3 + 1]!;
    blocks.push({ workStart: start, candStart: start + d - n, length: this.diagonals[d * 3 + 2]! - start + SHINGLE_WORDS });
  }
}
