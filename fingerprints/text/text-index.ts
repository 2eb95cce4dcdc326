import { shingleKeys, type PreparedText } from './text-similarity.ts';
import { matchTokens, tokenize } from './vietnamese.ts';

/**
 * Candidate generation for text matching against a large registry: inverted indexes that name the few
 * registered works or marks worth scoring exactly, so a page costs its own length plus short posting
 * lists instead of a full comparison with every registered item. Each pruning rule is a necessary
 * condition of the exact scorer that follows, so pruning never changes a result, only its cost.
 */

/** Work ids by folded 3-word shingle: a text-reuse match needs a passage of ≥ min(n, 5) words = 3 shingles. */
export class ShingleIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly needed = new Map<number, number>();

  add(id: number, text: PreparedText, minShingles: number): void {
    const keys = shingleKeys(text);
    if (!keys.length) return;
    this.needed.set(id, Math.min(minShingles, keys.length));
    for (const key of keys) {
      const list = this.postings.get(key);
      if (!list) this.postings.set(key, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  }

  /** Ids sharing at least as many distinct shingles with the candidate as a match needs. */
  candidates(candidate: PreparedText): number[] {
    const hits = new Map<number, number>();
    for (const key of shingleKeys(candidate)) {
      const list = this.postings.get(key);
      if (list) for (const id of list) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    const out: number[] = [];
    for (const [id, count] of hits) if (count >= this.needed.get(id)!) out.push(id);
    return out;
  }

  /** Registered works holding a shingle: its document frequency over the registry. */
  frequency(key: string): number {
    return this.postings.get(key)?.length ?? 0;
  }

  get size(): number {
    return this.needed.size;
  }
}

/** Ids by folded word: a title or keyword match needs at least one of its words in the listing title. */
export class WordIndex {
  private readonly postings = new Map<string, Set<number>>();

  add(id: number, text: string): void {
    for (const token of matchTokens(tokenize(text).tokens)) {
      let set = this.postings.get(token.fold);
      if (!set) this.postings.set(token.fold, (set = new Set()));
      set.add(id);
    }
  }

  candidates(words: Iterable<string>): Set<number> {
    const out = new Set<number>();
    for (const word of words) for (const id of this.postings.get(word) ?? []) out.add(id);
    return out;
  }
}
