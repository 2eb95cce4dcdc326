import { matchTokens, tokenize } from './vietnamese.ts';
import { wordWeight } from './word-weights.ts';

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
