import { matchTokens, tokenize, type MatchToken, type SourceToken } from './vietnamese.ts';
import { wordWeight } from './word-weights.ts';
import { FIELD_BREAK, matchedBlocks, SHINGLE_WORDS, type SharedShingles, type TextBlock } from './shingles.ts';

export { MAX_POSITIONS_PER_SHINGLE, SHINGLE_WORDS, shingleAt, shinglePositions, type SharedShingles, type TextBlock } from './shingles.ts';

/**
 * Text reuse of a registered work (a poem, lyrics, an article) inside a candidate (a listing's title and
 * description, or a whole page). Word 3-gram shingles over folded, teencode-expanded words: folding makes
 * accent-stripped copies identical, shingles make reordered lines and excerpts in long pages still match,
 * and the direction is containment (how much of the WORK is in the candidate), never Jaccard, which a long
 * page would dilute to nothing.
 *
 * Only shared passages of MIN_PASSAGE_WORDS+ words count. score = max(coverage, volume) × information × run:
 * - coverage: weighted share of the work's words inside matched passages (a full copy → 1);
 * - volume: weighted matched words / VOLUME_WORDS, so reusing a few verses of a long work still counts;
 * - information: weighted matched words / MIN_INFORMATION — a 3-word slogan fully "found" is still weak;
 * - run: longest matched passage / min(work length, RUN_WORDS) — scattered 3-word coincidences (shared
 *   vocabulary) do not add up to a copy; a real copy has at least one long verbatim passage.
 */

/** ~3 lines of verse (a lục bát couplet and a half): the amount of verbatim reuse reportable from any work. */
export const VOLUME_WORDS = 20;
/** Content words a match must carry: below this a "copy" is a common phrase. 4 content words pass 0.55. */
export const MIN_INFORMATION = 6;
/** A copy holds a verbatim passage of this many words (or the whole work when it is shorter). */
export const RUN_WORDS = 8;
/**
 * Shorter shared passages do not count at all: on a long page, 3- and 4-word coincidences with a work
 * ("ngàn năm văn hiến") pile up into a fake coverage. 5 keeps every line of a reordered lục bát copy.
 */
export const MIN_PASSAGE_WORDS = 5;
/**
 * Default text-reuse threshold. With the factors above: a full copy of a ≥ 6-word text scores 1, of a
 * 4-content-word slogan 0.67, of 3 words 0.5 (not reported: too common to be a work); two verses
 * (≈ 14 words) of a long poem quoted in a listing ≈ 0.68, one verse ≈ 0.3; an unrelated page sharing
 * vocabulary, or a slogan's common 4-word tail, scores 0 or stays below 0.3 (tests).
 */
export const TEXT_THRESHOLD = 0.55;

const MAX_SPANS = 8;
const MAX_SPAN_CHARS = 400;

export interface TextField {
  field: string;
  text: string;
}

export interface TextSpan {
  field: string;
  /** Offsets in the field's text AS GIVEN (before tags, entities and NFC were handled). */
  start: number;
  end: number;
  /** The candidate's own words (case, marks, punctuation as written). */
  text: string;
}

export interface TextSimilarity {
  score: number;
  /** Distinct work shingles found in the candidate / distinct work shingles. */
  containment: number;
  matchedShingles: number;
  workShingles: number;
  /** Weighted share of the work's words inside matched passages. */
  coverage: number;
  longestRun: number;
  matched: boolean;
  threshold: number;
  explanation: string;
  spans: TextSpan[];
}

/** A text tokenised once; the matcher keeps registered works prepared in its index. */
export interface PreparedText {
  fields: { field: string; source: string; tokens: SourceToken[] }[];
  /** All fields' match tokens, FIELD_BREAK between fields so no shingle spans two fields. */
  words: (MatchToken & { fieldIndex: number })[];
}

export function prepareMatchText(input: string | readonly TextField[]): PreparedText {
  const list = typeof input === 'string' ? [{ field: 'text', text: input }] : input;
  const fields: PreparedText['fields'] = [];
  const words: PreparedText['words'] = [];
  list.forEach(({ field, text }, fieldIndex) => {
    const { source, tokens } = tokenize(text);
    fields.push({ field, source, tokens });
    if (words.length) words.push({ norm: FIELD_BREAK, fold: FIELD_BREAK, source: -1, fieldIndex });
    for (const token of matchTokens(tokens)) words.push({ norm: token.norm, fold: token.fold, source: token.source, fieldIndex });
  });
  return { fields, words };
}

/**
 * A copy with a word dropped, added or replaced breaks one verbatim run into two on nearly the same
 * diagonal. Runs in order on both sides with at most MAX_GAP_WORDS between them are one passage; its
 * length is the words matched minus one per gap, so a chain of scattered 3-word coincidences stays short.
 */
export const MAX_GAP_WORDS = 3;

interface Passage {
  candStart: number;
  candEnd: number;
  /** Matched work words minus one per gap. */
  length: number;
  parts: TextBlock[];
}

function chainPassages(blocks: readonly TextBlock[], cand: PreparedText): Passage[] {
  const sorted = [...blocks].sort((a, b) => a.candStart - b.candStart || a.workStart - b.workStart);
  const open: Passage[] = [];
  const done: Passage[] = [];
  for (const block of sorted) {
    const field = cand.words[block.candStart]!.fieldIndex;
    let best: Passage | undefined;
    for (let i = open.length - 1; i >= 0; i -= 1) {
      const passage = open[i]!;
      if (passage.candEnd < block.candStart - MAX_GAP_WORDS) {
        done.push(passage);
        open.splice(i, 1);
        continue;
      }
      const last = passage.parts[passage.parts.length - 1]!;
      const workGap = block.workStart - (last.workStart + last.length);
      const candGap = block.candStart - passage.candEnd;
      if (workGap < 0 || candGap < 0 || workGap > MAX_GAP_WORDS || candGap > MAX_GAP_WORDS) continue;
      if (cand.words[passage.candStart]!.fieldIndex !== field) continue;
      if (!best || passage.length > best.length) best = passage;
    }
    if (best) {
      best.parts.push(block);
      best.candEnd = block.candStart + block.length;
      best.length += block.length - 1;
    } else {
      open.push({ candStart: block.candStart, candEnd: block.candStart + block.length, length: block.length, parts: [block] });
    }
  }
  return [...done, ...open];
}

function spanOf(cand: PreparedText, from: number, to: number): TextSpan {
  const first = cand.words[from]!;
  const last = cand.words[to - 1]!;
  const field = cand.fields[first.fieldIndex]!;
  const a = field.tokens[first.source]!;
  const b = field.tokens[last.source]!;
  const raw = field.source.slice(a.start, b.end);
  const text = raw.length > MAX_SPAN_CHARS ? `${raw.slice(0, MAX_SPAN_CHARS - 1)}…` : raw;
  return { field: field.field, start: a.originalStart, end: b.originalEnd, text };
}

interface WorkWeights {
  /** Words, field breaks left out. */
  n: number;
  /** wordWeight of each word (0 at a field break), and their sum, added in word order. */
  weights: Float64Array;
  total: number;
}

/** Per prepared work: a registered work is scored against many pages, its weights need computing once. */
const weightCache = new WeakMap<PreparedText, WorkWeights>();

function workWeights(work: PreparedText): WorkWeights {
  let found = weightCache.get(work);
  if (found) return found;
  const weights = new Float64Array(work.words.length);
  let n = 0;
  let total = 0;
  work.words.forEach((w, i) => {
    if (w.fold === FIELD_BREAK) return;
    n += 1;
    weights[i] = wordWeight(w);
    total += weights[i]!;
  });
  weightCache.set(work, (found = { n, weights, total }));
  return found;
}

export function textSimilarity(
  workText: string | PreparedText,
  candidateText: string | readonly TextField[] | PreparedText,
  threshold = TEXT_THRESHOLD,
  /** The shingle comparison already made (ShingleIndex.sharedShingles, on shingle numbers): the same result. */
  shared?: SharedShingles,
): TextSimilarity {
  const work = typeof workText === 'string' ? prepareMatchText(workText) : workText;
  const cand = typeof candidateText === 'string' || Array.isArray(candidateText)
    ? prepareMatchText(candidateText as string | TextField[])
    : (candidateText as PreparedText);
  const { n, weights, total: workWeight } = workWeights(work);
  const empty = { score: 0, containment: 0, matchedShingles: 0, coverage: 0, longestRun: 0, matched: false, threshold, spans: [] };
  if (n < SHINGLE_WORDS) return { ...empty, workShingles: 0, explanation: `work text too short to compare (${n} words)` };

  const found = shared ?? matchedBlocks(work, cand);
  const { matchedShingles, workShingles } = found;
  const minPassage = Math.min(n, MIN_PASSAGE_WORDS);
  const blocks = chainPassages(found.blocks, cand).filter((b) => b.length >= minPassage);
  if (!blocks.length) {
    const containment = round(matchedShingles / workShingles);
    return { ...empty, containment, matchedShingles, workShingles, explanation: `no passage of ${minPassage}+ words of the work found (${matchedShingles}/${workShingles} shingles scattered)` };
  }

  // Longest passages first; a shorter one only counts for work words no longer passage already covered.
  blocks.sort((a, b) => b.length - a.length || a.candStart - b.candStart);
  const covered = new Uint8Array(work.words.length);
  const accepted: Passage[] = [];
  for (const block of blocks) {
    let fresh = 0;
    for (const part of block.parts) for (let i = part.workStart; i < part.workStart + part.length; i += 1) if (!covered[i]) fresh += 1;
    if (!fresh) continue;
    for (const part of block.parts) for (let i = part.workStart; i < part.workStart + part.length; i += 1) covered[i] = 1;
    accepted.push(block);
  }
  let matchedWeight = 0;
  for (let i = 0; i < weights.length; i += 1) if (covered[i]) matchedWeight += weights[i]!;
  const longestRun = accepted[0]!.length;
  const coverage = matchedWeight / workWeight;
  const volume = Math.min(1, matchedWeight / VOLUME_WORDS);
  const information = Math.min(1, matchedWeight / MIN_INFORMATION);
  const run = Math.min(1, longestRun / Math.min(n, RUN_WORDS));
  const score = round(Math.max(coverage, volume) * information * run);

  const ranges = accepted.map((b) => [b.candStart, b.candEnd] as [number, number]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    const sameField = last && cand.words[last[0]]!.fieldIndex === cand.words[range[0]]!.fieldIndex;
    if (last && sameField && range[0] <= last[1] + 2) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  const spans = merged.slice(0, MAX_SPANS).map(([from, to]) => spanOf(cand, from, to));
  const parts = [
    `${pct(coverage)} of the work's words in ${merged.length} passage(s), longest ${longestRun} words`,
    `${matchedShingles}/${workShingles} ${SHINGLE_WORDS}-word shingles`,
  ];
  if (information < 1) parts.push(`little information (${matchedWeight.toFixed(1)} content words): ×${information.toFixed(2)}`);
  if (run < 1) parts.push(`no long verbatim passage: ×${run.toFixed(2)}`);
  if (volume > coverage) parts.push(`excerpt of ${Math.round(matchedWeight)} content words`);
  return {
    score,
    containment: round(matchedShingles / workShingles),
    matchedShingles,
    workShingles,
    coverage: round(coverage),
    longestRun,
    matched: score >= threshold,
    threshold,
    explanation: `${parts.join('; ')} → ${score.toFixed(2)} (threshold ${threshold})`,
    spans,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function pct(value: number): string {
  return `${Math.round(value * 100)}%`;
}
export { titleSimilarity, TITLE_THRESHOLD, TITLE_MIN_INFORMATION, type TitleSimilarity } from './title-similarity.ts';
