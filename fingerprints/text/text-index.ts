import { MAX_GAP_WORDS, MIN_PASSAGE_WORDS, SHINGLE_WORDS, shingleAt, shingleKeys, shinglePositions, type PreparedText } from './text-similarity.ts';
import { matchTokens, tokenize } from './vietnamese.ts';
import { wordWeight } from './word-weights.ts';

/**
 * Candidate generation for text matching against a large registry: inverted indexes that name the few
 * registered works or marks worth scoring exactly, so a page costs its own length plus short posting
 * lists instead of a full comparison with every registered item. Each pruning rule is a necessary
 * condition of the exact scorer that follows, so pruning never changes a result, only its cost.
 */

/**
 * How many distinct registered texts may share a shingle before it stops naming candidates: a phrase
 * that many works hold ("trong hộp thoại này") identifies none of them, and its posting list would
 * cost every page thousands of look-ups. Identical texts (one poem registered by its author and by
 * each performer) count once, so duplicates never make their own words "common".
 */
export function commonShingleTexts(distinctTexts: number): number {
  return Math.max(50, Math.ceil(distinctTexts / 200));
}

/** Two shingle hits this close on both sides can belong to one passage (a block, or two chained). */
const PAIR_SPAN = SHINGLE_WORDS + MAX_GAP_WORDS;

/**
 * Work ids by folded 3-word shingle, with positions. textSimilarity reports nothing without a passage
 * of ≥ min(n, MIN_PASSAGE_WORDS) words, and such a passage (one run of ≥ 3 shingles, or runs chained
 * across gaps of ≤ MAX_GAP_WORDS) holds two shingle hits at most PAIR_SPAN apart in both the work and
 * the candidate; a work of fewer words needs one hit. So a work is named only when a distinctive
 * shingle shows that pair with another hit. What is given up, by design: a passage made only of
 * common shingles.
 */
export class ShingleIndex {
  private readonly pending: { id: number; text: PreparedText }[] = [];
  /** Per group of identical texts: the work ids, and whether one hit suffices (a text under 5 words). */
  private groups: { ids: number[]; short: boolean; keysAt: string[] }[] = [];
  /** Shingle → flat (group, work position) pairs, distinctive shingles only. */
  private postings: Map<string, number[]> | undefined;

  add(id: number, text: PreparedText): void {
    if (!shingleKeys(text).length) return;
    this.pending.push({ id, text });
    this.postings = undefined;
  }

  private seal(): Map<string, number[]> {
    if (this.postings) return this.postings;
    const byText = new Map<string, number>();
    const texts: PreparedText[] = [];
    this.groups = [];
    for (const { id, text } of this.pending) {
      const key = text.words.map((w) => w.fold).join(' ');
      let group = byText.get(key);
      if (group === undefined) {
        byText.set(key, (group = this.groups.length));
        const words = text.words.filter((w) => w.source >= 0).length;
        this.groups.push({ ids: [], short: words < MIN_PASSAGE_WORDS, keysAt: shinglesByPosition(text) });
        texts.push(text);
      }
      this.groups[group]!.ids.push(id);
    }
    const frequency = new Map<string, number>();
    for (const text of texts) for (const key of shingleKeys(text)) frequency.set(key, (frequency.get(key) ?? 0) + 1);
    const limit = commonShingleTexts(texts.length);
    const postings = new Map<string, number[]>();
    texts.forEach((text, group) => {
      for (const [key, positions] of shinglePositions(text)) {
        if (frequency.get(key)! > limit) continue;
        let list = postings.get(key);
        if (!list) postings.set(key, (list = []));
        for (const at of positions) list.push(group, at);
      }
    });
    return (this.postings = postings);
  }

  /** Ids of the works that can hold a passage shared with the candidate. */
  candidates(candidate: PreparedText): number[] {
    const postings = this.seal();
    const hits = new Map<number, number[]>();
    for (const [key, candAt] of shinglePositions(candidate)) {
      const list = postings.get(key);
      if (!list) continue;
      for (let p = 0; p < list.length; p += 2) {
        let pairs = hits.get(list[p]!);
        if (!pairs) hits.set(list[p]!, (pairs = []));
        for (const j of candAt) pairs.push(list[p + 1]!, j);
      }
    }
    const out: number[] = [];
    const candPositions = shinglePositions(candidate);
    for (const [index, pairs] of hits) {
      const group = this.groups[index]!;
      if (group.short || hasNearPair(pairs) || commonNeighbour(group.keysAt, candPositions, pairs)) out.push(...group.ids);
    }
    return out;
  }

  get size(): number {
    return this.pending.length;
  }
}

/** Most distinctive hits of one work whose common neighbours are looked at (a real copy needs few). */
const NEIGHBOUR_HITS = 8;

/**
 * A passage with one distinctive shingle among common ones: the work's own shingles up to PAIR_SPAN
 * either side of a hit, looked up in the candidate (common shingles have no postings to walk).
 */
function commonNeighbour(keysAt: readonly string[], candPositions: ReadonlyMap<string, number[]>, pairs: readonly number[]): boolean {
  for (let p = 0; p < Math.min(pairs.length, 2 * NEIGHBOUR_HITS); p += 2) {
    const i = pairs[p]!;
    const j = pairs[p + 1]!;
    for (let other = Math.max(0, i - PAIR_SPAN); other <= i + PAIR_SPAN && other < keysAt.length; other += 1) {
      if (other === i) continue;
      const at = candPositions.get(keysAt[other]!);
      if (!at) continue;
      const before = other < i;
      for (const k of at) if (before ? k < j && k >= j - PAIR_SPAN : k > j && k <= j + PAIR_SPAN) return true;
    }
  }
  return false;
}

/** The shingle at every word position, sharing the key strings of shinglePositions. */
function shinglesByPosition(text: PreparedText): string[] {
  const keysAt: string[] = [];
  for (const [key, positions] of shinglePositions(text)) for (const at of positions) keysAt[at] = key;
  for (let at = 0; at + SHINGLE_WORDS <= text.words.length; at += 1) keysAt[at] ??= shingleAt(text.words, at);
  return keysAt;
}

/** Two (work, candidate) positions, both ascending by 1..PAIR_SPAN. */
function hasNearPair(pairs: readonly number[]): boolean {
  for (let a = 0; a < pairs.length; a += 2) {
    for (let b = 0; b < pairs.length; b += 2) {
      const di = pairs[b]! - pairs[a]!;
      const dj = pairs[b + 1]! - pairs[a + 1]!;
      if (di >= 1 && di <= PAIR_SPAN && dj >= 1 && dj <= PAIR_SPAN) return true;
    }
  }
  return false;
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
