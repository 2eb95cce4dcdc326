import { MAX_GAP_WORDS, MIN_PASSAGE_WORDS, SHINGLE_WORDS, shingleAt, shingleKeys, shinglePositions, type PreparedText } from './text-similarity.ts';
import { matchTokens, tokenize } from './vietnamese.ts';
import { wordWeight } from './word-weights.ts';

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

interface Group {
  /** Works registered with this very text. */
  ids: number[];
  /** Under MIN_PASSAGE_WORDS words, one hit can be a whole copy. */
  words: number;
  /** The shingle at each word position. */
  keysAt: string[];
}

/**
 * Work ids by folded 3-word shingle, with positions. textSimilarity reports nothing without a passage
 * of ≥ min(n, MIN_PASSAGE_WORDS) words, and such a passage (one run of ≥ 3 shingles, or runs chained
 * across gaps of ≤ MAX_GAP_WORDS) holds two shingle hits placed as passageEnds says, in both the work
 * and the candidate; a work of fewer words needs one hit. So a work is named only when a distinctive
 * shingle shows that pair with another hit. What is given up, by design: a passage made only of
 * common shingles, and in a work of more than SINGLE_HIT_WORDS words one with a single distinctive one.
 */
export class ShingleIndex {
  private readonly pending: { id: number; text: PreparedText }[] = [];
  /** One group per distinct text: identical registrations share their postings. */
  private groups: Group[] = [];
  /** Every registered shingle → a number; postings[number]: flat (group, work position) pairs, distinctive only. */
  private numbers: Map<string, number> | undefined;
  private postings: (number[] | undefined)[] = [];
  /**
   * Common shingles of every group in one array, [position, shingle number] pairs, group g's from
   * commonStart[g] to commonStart[g + 1]: a page touches ~1000 groups, and one flat array keeps that
   * to a cache line or two each.
   */
  private commonStart = new Int32Array(1);
  private common = new Int32Array(0);
  /** Per shingle number, the last candidate (mod 255) that holds it: a common neighbour is one byte read. */
  private seenIn = new Uint8Array(0);
  private candidateNo = 0;

  add(id: number, text: PreparedText): void {
    if (!shingleKeys(text).length) return;
    this.pending.push({ id, text });
    this.numbers = undefined;
  }

  private seal(): Map<string, number> {
    if (this.numbers) return this.numbers;
    const byText = new Map<string, number>();
    const texts: PreparedText[] = [];
    this.groups = [];
    for (const { id, text } of this.pending) {
      const key = text.words.map((w) => w.fold).join(' ');
      let group = byText.get(key);
      if (group === undefined) {
        byText.set(key, (group = this.groups.length));
        const words = text.words.filter((w) => w.source >= 0).length;
        this.groups.push({ ids: [], words, keysAt: shinglesByPosition(text) });
        texts.push(text);
      }
      this.groups[group]!.ids.push(id);
    }
    const numbers = new Map<string, number>();
    const frequency: number[] = [];
    for (const text of texts) {
      for (const key of shingleKeys(text)) {
        let number = numbers.get(key);
        if (number === undefined) numbers.set(key, (number = frequency.push(0) - 1));
        frequency[number]! += 1;
      }
    }
    const limit = commonShingleTexts(texts.length);
    const isCommon = (key: string) => {
      const number = numbers.get(key);
      return number !== undefined && frequency[number]! > limit;
    };
    const common: number[] = [];
    this.commonStart = new Int32Array(this.groups.length + 1);
    this.groups.forEach((group, g) => {
      group.keysAt.forEach((key, at) => {
        if (isCommon(key)) common.push(at, numbers.get(key)!);
      });
      this.commonStart[g + 1] = common.length;
    });
    this.common = Int32Array.from(common);
    const postings: (number[] | undefined)[] = [];
    texts.forEach((text, group) => {
      for (const [key, positions] of shinglePositions(text)) {
        const number = numbers.get(key)!;
        if (frequency[number]! > limit) continue;
        const list = (postings[number] ??= []);
        for (const at of positions) list.push(group, at);
      }
    });
    this.postings = postings;
    this.seenIn = new Uint8Array(numbers.size);
    return (this.numbers = numbers);
  }

  /** Per group, its latest hit of the current candidate (−1: none); hits chain back through `previous`. */
  private lastHit = new Int32Array(0);
  private hitWork = new Int32Array(1024);
  private hitCand = new Int32Array(1024);
  private previous = new Int32Array(1024);

  /** Ids of the works that can hold a passage shared with the candidate. */
  candidates(candidate: PreparedText): number[] {
    const numbers = this.seal();
    this.candidateNo = (this.candidateNo % 255) + 1;
    if (this.candidateNo === 1) this.seenIn.fill(0);
    if (this.lastHit.length !== this.groups.length) this.lastHit = new Int32Array(this.groups.length).fill(-1);
    const lastHit = this.lastHit;
    const touched: number[] = [];
    let hits = 0;
    const candPositions = shinglePositions(candidate);
    for (const [key, candAt] of candPositions) {
      const number = numbers.get(key);
      if (number === undefined) continue;
      this.seenIn[number] = this.candidateNo;
      const list = this.postings[number];
      if (!list) continue;
      for (let p = 0; p < list.length; p += 2) {
        const group = list[p]!;
        for (const j of candAt) {
          if (hits === this.hitWork.length) this.grow();
          if (lastHit[group] === -1) touched.push(group);
          this.hitWork[hits] = list[p + 1]!;
          this.hitCand[hits] = j;
          this.previous[hits] = lastHit[group]!;
          lastHit[group] = hits++;
        }
      }
    }
    const out: number[] = [];
    for (const index of touched) {
      const group = this.groups[index]!;
      const first = lastHit[index]!;
      lastHit[index] = -1;
      if (group.words < MIN_PASSAGE_WORDS || this.nearPair(first)) out.push(...group.ids);
      else if ((this.previous[first]! >= 0 || group.words <= SINGLE_HIT_WORDS) && this.commonNeighbour(index, candPositions, first)) out.push(...group.ids);
    }
    return out;
  }

  private grow(): void {
    const grown = (from: Int32Array) => {
      const bigger = new Int32Array(from.length * 2);
      bigger.set(from);
      return bigger;
    };
    this.hitWork = grown(this.hitWork);
    this.hitCand = grown(this.hitCand);
    this.previous = grown(this.previous);
  }

  /** Two of one work's hits (a chain from `last`) that can end one passage. */
  private nearPair(last: number): boolean {
    for (let a = last; a >= 0; a = this.previous[a]!) {
      for (let b = last; b >= 0; b = this.previous[b]!) {
        if (passageEnds(this.hitWork[b]! - this.hitWork[a]!, this.hitCand[b]! - this.hitCand[a]!)) return true;
      }
    }
    return false;
  }

  /**
   * A passage with one distinctive shingle among common ones: the work's common shingles up to PAIR_SPAN
   * either side of a hit, looked up in the candidate (common shingles have no postings to walk). A
   * distinctive neighbour present in the candidate would be a hit already.
   */
  private commonNeighbour(group: number, candPositions: ReadonlyMap<string, number[]>, last: number): boolean {
    const from = this.commonStart[group]!;
    const to = this.commonStart[group + 1]!;
    if (from === to) return false;
    const common = this.common;
    let looked = 0;
    for (let h = last; h >= 0 && looked < NEIGHBOUR_HITS; h = this.previous[h]!, looked += 1) {
      const i = this.hitWork[h]!;
      const j = this.hitCand[h]!;
      for (let c = from; c < to; c += 2) {
        const other = common[c]!;
        if (other < i - PAIR_SPAN) continue;
        if (other > i + PAIR_SPAN) break;
        if (this.seenIn[common[c + 1]!] !== this.candidateNo) continue;
        const at = candPositions.get(this.groups[group]!.keysAt[other]!);
        if (!at) continue;
        for (const k of at) if (other < i ? passageEnds(i - other, j - k) : passageEnds(other - i, k - j)) return true;
      }
    }
    return false;
  }

  get size(): number {
    return this.pending.length;
  }
}

/** The shingle at every word position, sharing the key strings of shinglePositions. */
function shinglesByPosition(text: PreparedText): string[] {
  const keysAt: string[] = [];
  for (const [key, positions] of shinglePositions(text)) for (const at of positions) keysAt[at] = key;
  for (let at = 0; at + SHINGLE_WORDS <= text.words.length; at += 1) keysAt[at] ??= shingleAt(text.words, at);
  return keysAt;
}


/** Ids by folded word: a title or keyword signal needs one of the work's key words in the listing title. */
export class WordIndex {
  private readonly postings = new Map<string, number[]>();

  add(id: number, foldedWords: Iterable<string>): void {
    for (const word of new Set(foldedWords)) {
      const list = this.postings.get(word);
      if (!list) this.postings.set(word, [id]);
      else list.push(id);
    }
  }

  candidates(words: Iterable<string>): Set<number> {
    const out = new Set<number>();
    for (const word of new Set(words)) for (const id of this.postings.get(word) ?? []) out.add(id);
    return out;
  }
}

/**
 * The words of a work's title and keywords a listing title must hold for any title or keyword signal
 * (titleSimilarity): a content word of the title; or, for a title of 4+ low-weight words, any of them
 * (found words must weigh ≥ 0.9 for a score ≥ 0.3, and a low word weighs ¼); and per keyword its
 * heaviest word, since a keyword counts only as a whole phrase. "Tranh" or "bộ" then name nobody.
 */
export function titleKeyWords(title: string, keywords: readonly string[]): string[] {
  const words = matchTokens(tokenize(title).tokens);
  const keys = new Set(words.filter((w) => wordWeight(w) === 1).map((w) => w.fold));
  if (words.filter((w) => wordWeight(w) < 1).length >= 4) for (const w of words) keys.add(w.fold);
  for (const keyword of keywords) {
    const phrase = matchTokens(tokenize(keyword).tokens);
    const heaviest = phrase.find((w) => wordWeight(w) === 1) ?? phrase[0];
    if (heaviest) keys.add(heaviest.fold);
  }
  return [...keys];
}
