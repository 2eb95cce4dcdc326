import { matchTokens, tokenize } from './vietnamese.ts';
import { wordWeight } from './word-weights.ts';

/**
 * A listing's title against a work's title and keywords, on folded words ("Tranh dong ho dam cuoi chuot"
 * vs "Tranh Đám cưới chuột"). Titles are short and reordered freely by sellers, so this is word overlap,
 * not shingles:
 *   score = (½ weighted word containment + ½ bigram containment) × information
 * where containment is of the WORK title in the listing title and information = weighted matched words /
 * TITLE_MIN_INFORMATION, so a 2-word title ("Gà trống") found in a listing is never a match by itself.
 */

/** Content words a title match must carry (3: "Đám cưới chuột" yes, "Hoa sen" no). */
export const TITLE_MIN_INFORMATION = 3;
/**
 * Default: the full title of ≥ 3 content words, in order (score 1), or in order but interrupted once
 * (≈ 0.83 with "Tranh" around), passes; half the words or a 2-word title does not.
 */
export const TITLE_THRESHOLD = 0.75;

export interface TitleSimilarity {
  score: number;
  matched: boolean;
  threshold: number;
  /** Work title words found in the listing title (folded). */
  matchedWords: string[];
  /** Keywords found as whole phrases in the listing title, as registered. */
  keywords: string[];
  /** The listing title's own words for each keyword found (same order as `keywords`). */
  keywordSpans: string[];
  explanation: string;
  /** Listing title excerpts (as written) holding the matched words. */
  spans: string[];
}

function words(text: string) {
  const { source, tokens } = tokenize(text);
  return { source, tokens, words: matchTokens(tokens) };
}

/** One listing title is compared with every candidate work in a row: tokenise it once. */
let lastListing: { title: string; words: ReturnType<typeof words> } | undefined;

function listingWords(title: string): ReturnType<typeof words> {
  if (lastListing?.title !== title) lastListing = { title, words: words(title) };
  return lastListing.words;
}

function bigrams(list: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < list.length; i += 1) out.add(`${list[i]} ${list[i + 1]}`);
  return out;
}

function containsPhrase(haystack: readonly string[], phrase: readonly string[]): number {
  outer: for (let i = 0; i + phrase.length <= haystack.length; i += 1) {
    for (let k = 0; k < phrase.length; k += 1) if (haystack[i + k] !== phrase[k]) continue outer;
    return i;
  }
  return -1;
}

export function titleSimilarity(
  listingTitle: string,
  work: { title: string; keywords?: readonly string[] },
  threshold = TITLE_THRESHOLD,
): TitleSimilarity {
  const listing = listingWords(listingTitle);
  const listingFolds = listing.words.map((w) => w.fold);
  const listingSet = new Set(listingFolds);
  const titleWords = words(work.title).words;
  const titleFolds = titleWords.map((w) => w.fold);
  const distinct = [...new Map(titleWords.map((w) => [w.fold, w])).values()];

  let total = 0;
  let found = 0;
  const matchedWords: string[] = [];
  for (const word of distinct) {
    total += wordWeight(word);
    if (listingSet.has(word.fold)) {
      found += wordWeight(word);
      matchedWords.push(word.fold);
    }
  }
  const wordContainment = total ? found / total : 0;
  const titleBigrams = bigrams(titleFolds);
  const listingBigrams = bigrams(listingFolds);
  const bigramContainment = titleBigrams.size
    ? [...titleBigrams].filter((b) => listingBigrams.has(b)).length / titleBigrams.size
    : wordContainment;
  const information = Math.min(1, found / TITLE_MIN_INFORMATION);
  const score = Math.round((0.5 * wordContainment + 0.5 * bigramContainment) * information * 1000) / 1000;

  const keywords: string[] = [];
  const keywordPositions: [number, number][] = [];
  const textOf = (from: number, to: number) => {
    const first = listing.tokens[listing.words[from]!.source]!;
    const last = listing.tokens[listing.words[to]!.source]!;
    return listing.source.slice(first.start, last.end);
  };
  for (const keyword of work.keywords ?? []) {
    const phrase = words(keyword).words.map((w) => w.fold);
    const at = phrase.length ? containsPhrase(listingFolds, phrase) : -1;
    if (at >= 0) {
      keywords.push(keyword);
      keywordPositions.push([at, at + phrase.length]);
    }
  }

  const matchedSet = new Set(matchedWords);
  const marks = listingFolds.map((fold) => matchedSet.has(fold));
  for (const [from, to] of keywordPositions) for (let i = from; i < to; i += 1) marks[i] = true;
  const spans: string[] = [];
  for (let i = 0; i < marks.length; i += 1) {
    if (!marks[i]) continue;
    let j = i;
    while (j + 1 < marks.length && marks[j + 1]) j += 1;
    spans.push(textOf(i, j));
    i = j;
  }

  const parts = [
    `${matchedWords.length}/${distinct.length} title words (${Math.round(wordContainment * 100)}% weighted)`,
    `${Math.round(bigramContainment * 100)}% of word pairs in order`,
  ];
  if (information < 1) parts.push(`short or generic title: ×${information.toFixed(2)}`);
  if (keywords.length) parts.push(`keywords: ${keywords.join(', ')}`);
  return {
    score,
    matched: score >= threshold,
    threshold,
    matchedWords,
    keywords,
    keywordSpans: keywordPositions.map(([from, to]) => textOf(from, to - 1)),
    explanation: `${parts.join('; ')} → ${score.toFixed(2)} (threshold ${threshold})`,
    spans,
  };
}
