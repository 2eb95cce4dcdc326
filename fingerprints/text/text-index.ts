import { maskBit, neighbourMasks } from './neighbour-masks.ts';
import { COMMON_FLAG, INFO, INFO_COMMON, INFO_POST_FROM, INFO_POST_TO, ShingleNumbers, ShingleScan } from './shingle-numbers.ts';
import { buildPostings, POSTING, type Postings } from './shingle-postings.ts';
import { BlockFinder } from './shared-blocks.ts';
import { MAX_GAP_WORDS, MIN_PASSAGE_WORDS, SHINGLE_WORDS, type PreparedText, type SharedShingles } from './text-similarity.ts';

export { titleKeyWords, WordIndex } from './word-index.ts';

/**
 * Candidate generation for text matching against a large registry: inverted indexes that name the few
 * registered works or marks worth scoring exactly, so a page costs its own length plus short posting
 * lists instead of a full comparison with every registered item. Each pruning rule is a necessary
 * condition of the exact scorer that follows, except the two deliberate cuts ShingleIndex names
 * (passages of phrases many registered works share), which the index test keeps honest on a registry
 * without such phrases: there the indexed path gives exactly every work's signals.
 */

/**
 * How many distinct registered texts may share a shingle before it stops naming candidates: a phrase
 * that many works hold ("trong hộp thoại này") identifies none of them, and its posting list would
 * cost every page thousands of look-ups. Identical texts (one poem registered by its author and by
 * each performer) count once, so duplicates never make their own words "common".
 */
export function commonShingleTexts(distinctTexts: number): number {
  return Math.max(10, Math.ceil(distinctTexts / 1000));
}

/** Two shingle hits this close on both sides can belong to one passage (two chained runs). */
const PAIR_SPAN = SHINGLE_WORDS + MAX_GAP_WORDS;
/** Hits this far apart on one diagonal: the first and last shingle of one run of MIN_PASSAGE_WORDS words. */
const RUN_SPAN = MIN_PASSAGE_WORDS - SHINGLE_WORDS;
/**
 * Longer works with a single distinctive hit are not looked at further: a passage of theirs worth
 * reporting (≥ 11 words, or 40 % of the work) made of one distinctive shingle and common ones is stock
 * phrasing, and checking the common neighbours of every such hit was most of a page's cost.
 */
const SINGLE_HIT_WORDS = 20;
/** Most distinctive hits of one work whose common neighbours are looked at (a real copy needs few). */
const NEIGHBOUR_HITS = 8;

/**
 * Whether hits (i, j) and (i + di, j + dj) can be the ends of a passage textSimilarity counts: one run of
 * ≥ MIN_PASSAGE_WORDS words (same diagonal, RUN_SPAN apart), or the last shingle of one run and the first
 * of the next across gaps of ≤ MAX_GAP_WORDS on each side. Overlapping hits of one 4-word run are not.
 */
function passageEnds(di: number, dj: number): boolean {
  if (di === RUN_SPAN && dj === RUN_SPAN) return true;
  return di >= SHINGLE_WORDS && di <= PAIR_SPAN && dj >= SHINGLE_WORDS && dj <= PAIR_SPAN;
}

/** Whether a text holds one shingle: SHINGLE_WORDS words in a row with no field break. */
function hasShingle(text: PreparedText): boolean {
  let run = 0;
  for (const word of text.words) {
    run = word.source < 0 ? 0 : run + 1;
    if (run >= SHINGLE_WORDS) return true;
  }
  return false;
}

const NONE = -1;

/**
 * Work ids by folded 3-word shingle, with positions. textSimilarity reports nothing without a passage
 * of ≥ min(n, MIN_PASSAGE_WORDS) words, and such a passage (one run of ≥ 3 shingles, or runs chained
 * across gaps of ≤ MAX_GAP_WORDS) holds two shingle hits placed as passageEnds says, in both the work
 * and the candidate; a work of fewer words needs one hit. So a work is named only when a distinctive
 * shingle shows that pair with another hit. What is given up, by design: a passage made only of
 * common shingles, and in a work of more than SINGLE_HIT_WORDS words one with a single distinctive one.
 *
 * Everything a page touches is a typed array indexed by integers (shingle-numbers.ts): one group per
 * distinct text (identical registrations share their postings), its shingle number at each position
 * from textStart[g], and postings of distinctive shingles (shingle-postings.ts).
 */
export class ShingleIndex {
  private readonly pending: { id: number; text: PreparedText }[] = [];
  private sealed = false;
  private table = new ShingleNumbers();
  /** Works registered with each distinct text, and its word count (under MIN_PASSAGE_WORDS, one hit can be a whole copy). */
  private ids: number[][] = [];
  private words = new Int32Array(0);
  /** Shingle numbers of every group's positions (COMMON_FLAG set on common ones), group g's from textStart[g]. */
  private textStart = new Int32Array(1);
  private textNumbers = new Int32Array(0);
  private groupOf = new Map<PreparedText, number>();
  private built: Postings = { info: new Int32Array(0), postings: new Int32Array(0), distinct: new Int32Array(0) };
  /** The last candidate scanned: its shingles by number (reused by sharedShingles), and its neighbour masks. */
  private readonly scan = new ShingleScan();
  private scanned: PreparedText | undefined;
  private candMasks = new Int32Array(0);
  private candBits = new Int32Array(0);
  private readonly blocks = new BlockFinder();

  add(id: number, text: PreparedText): void {
    if (!hasShingle(text)) return;
    this.pending.push({ id, text });
    this.sealed = false;
  }

  private seal(): void {
    if (this.sealed) return;
    const byText = new Map<string, number>();
    const table = (this.table = new ShingleNumbers());
    this.ids = [];
    this.groupOf = new Map();
    const words: number[] = [];
    const starts = [0];
    let numbers = new Int32Array(1 << 16);
    let at = new Int32Array(1024);
    for (const { id, text } of this.pending) {
      const key = text.words.map((w) => w.fold).join(' ');
      let group = byText.get(key);
      if (group === undefined) {
        byText.set(key, (group = this.ids.length));
        words.push(text.words.filter((w) => w.source >= 0).length);
        this.ids.push([]);
        at = table.numberText(text, true, at);
        const end = starts[starts.length - 1]! + text.words.length;
        if (numbers.length < end) numbers = grown(numbers, end);
        numbers.set(at.subarray(0, text.words.length), end - text.words.length);
        starts.push(end);
      }
      this.ids[group]!.push(id);
      this.groupOf.set(text, group);
    }
    this.words = Int32Array.from(words);
    this.textStart = Int32Array.from(starts);
    this.textNumbers = numbers.slice(0, starts[starts.length - 1]);
    const limit = commonShingleTexts(this.ids.length);
    this.built = buildPostings(this.textStart, this.textNumbers, table.size, limit, RUN_SPAN, PAIR_SPAN);
    this.scanned = undefined;
    this.sealed = true;
  }

  private scanCandidate(candidate: PreparedText): void {
    if (this.scanned === candidate) return;
    this.scan.scan(this.table, candidate, this.built.info);
    this.scanned = candidate;
  }

  /** Per group, its latest hit of the current candidate (−1: none); hits chain back through `previous`. */
  private lastHit = new Int32Array(0);
  private touched = new Int32Array(1024);
  /** Per hit: work position, candidate position, previous hit of the group, the work's neighbour masks (2). */
  private hits = new Int32Array(5 * 1024);

  /** Ids of the works that can hold a passage shared with the candidate. */
  candidates(candidate: PreparedText): number[] {
    this.seal();
    const groups = this.ids.length;
    if (this.lastHit.length !== groups) this.lastHit = new Int32Array(groups).fill(NONE);
    if (this.touched.length < groups) this.touched = new Int32Array(groups);
    this.scanCandidate(candidate);
    const { numbers, length } = this.scan;
    if (this.candBits.length < length) [this.candBits, this.candMasks] = [new Int32Array(length * 2), new Int32Array(length * 4)];
    const { info } = this.built;
    for (let k = 0; k < length; k += 1) {
      const number = numbers[k]!;
      this.candBits[k] = number >= 0 && info[number * INFO + INFO_COMMON] && this.scan.kept(k) ? maskBit(number) : 0;
    }
    neighbourMasks(this.candBits, length, RUN_SPAN, PAIR_SPAN, this.candMasks, 0);
    return this.named(this.collectHits());
  }

  /** Every (work position, candidate position) pair of a distinctive shingle, chained per group; the groups hit. */
  private collectHits(): number {
    const { lastHit, touched, scan } = this;
    const { info, postings } = this.built;
    const { order, next } = scan;
    let touchedCount = 0;
    let at = 0;
    for (let k = 0; k < scan.count; k += 1) {
      const number = order[k]!;
      const to = info[number * INFO + INFO_POST_TO]!;
      const first = scan.first(number);
      for (let p = info[number * INFO + INFO_POST_FROM]!; p < to; p += POSTING) {
        const group = postings[p]!;
        for (let j = first; j !== NONE; j = next[j]!) {
          if (at === this.hits.length) this.hits = grown(this.hits, at * 2);
          const hits = this.hits;
          if (lastHit[group] === NONE) touched[touchedCount++] = group;
          hits[at] = postings[p + 1]!;
          hits[at + 1] = j;
          hits[at + 2] = lastHit[group]!;
          hits[at + 3] = postings[p + 2]!;
          hits[at + 4] = postings[p + 3]!;
          lastHit[group] = at;
          at += 5;
        }
      }
    }
    return touchedCount;
  }

  /** The works of the groups hit whose hits can end a passage (and clears their chains). */
  private named(touchedCount: number): number[] {
    const { lastHit, touched } = this;
    const out: number[] = [];
    for (let t = 0; t < touchedCount; t += 1) {
      const group = touched[t]!;
      const last = lastHit[group]!;
      lastHit[group] = NONE;
      const words = this.words[group]!;
      if (words < MIN_PASSAGE_WORDS || this.nearPair(last)) out.push(...this.ids[group]!);
      else if ((this.hits[last + 2]! >= 0 || words <= SINGLE_HIT_WORDS) && this.commonNeighbour(group, last)) out.push(...this.ids[group]!);
    }
    return out;
  }

  /**
   * What textSimilarity needs of a registered text against a candidate, from their shingle numbers;
   * undefined for a text not registered here.
   */
  sharedShingles(work: PreparedText, candidate: PreparedText): SharedShingles | undefined {
    this.seal();
    const group = this.groupOf.get(work);
    if (group === undefined) return undefined;
    this.scanCandidate(candidate);
    return this.blocks.find(this.textNumbers, this.textStart[group]!, this.textStart[group + 1]!, this.built.distinct[group]!, this.scan, this.table.size);
  }

  /** Two of one work's hits (a chain from `last`) that can end one passage. */
  private nearPair(last: number): boolean {
    const hits = this.hits;
    for (let a = last; a >= 0; a = hits[a + 2]!) {
      for (let b = last; b >= 0; b = hits[b + 2]!) {
        if (passageEnds(hits[b]! - hits[a]!, hits[b + 1]! - hits[a + 1]!)) return true;
      }
    }
    return false;
  }

  /**
   * A passage with one distinctive shingle among common ones: the work's common shingles up to PAIR_SPAN
   * either side of a hit, and the candidate's up to PAIR_SPAN either side of it (common shingles have no
   * postings to walk). A distinctive neighbour present in the candidate would be a hit already.
   */
  private commonNeighbour(group: number, last: number): boolean {
    const start = this.textStart[group]!;
    const length = this.textStart[group + 1]! - start;
    const { textNumbers, candMasks, scan, hits } = this;
    const { numbers: candNumbers, length: candLength } = scan;
    let looked = 0;
    for (let h = last; h >= 0 && looked < NEIGHBOUR_HITS; h = hits[h + 2]!, looked += 1) {
      const i = hits[h]!;
      const j = hits[h + 1]!;
      if (((hits[h + 3]! & candMasks[2 * j]!) | (hits[h + 4]! & candMasks[2 * j + 1]!)) === 0) continue;
      for (let di = -PAIR_SPAN; di <= PAIR_SPAN; di += 1) {
        const other = i + di;
        if (other < 0 || other >= length || textNumbers[start + other]! < COMMON_FLAG) continue;
        const number = textNumbers[start + other]! ^ COMMON_FLAG;
        // passageEnds(|di|, |dk|) holds for |dk| = 2 when |di| = 2 (RUN_SPAN < SHINGLE_WORDS), and for 3–6 when |di| is.
        const abs = di < 0 ? -di : di;
        const lo = abs >= SHINGLE_WORDS ? SHINGLE_WORDS : abs;
        const hi = abs >= SHINGLE_WORDS ? PAIR_SPAN : abs;
        for (let d = lo; d <= hi; d += 1) {
          const k = di < 0 ? j - d : j + d;
          if (k < 0 || k >= candLength || candNumbers[k] !== number || !scan.kept(k)) continue;
          if (passageEnds(abs, d)) return true;
        }
      }
    }
    return false;
  }

  get size(): number {
    return this.pending.length;
  }
}

function grown(from: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(size, from.length * 2));
  bigger.set(from);
  return bigger;
}
