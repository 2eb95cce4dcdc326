import { ShingleIndex, titleKeyWords, WordIndex } from '../fingerprints/text/text-index.ts';
import { prepareMatchText, TEXT_THRESHOLD, textSimilarity, titleSimilarity, type PreparedText } from '../fingerprints/text/text-similarity.ts';
import type { IndexedWork } from './match.index.ts';
import type { Signal } from './matcher.schema.ts';
import { KEYWORD_ALGORITHM, TEXT_ALGORITHM, TITLE_ALGORITHM } from './scoring.ts';

/**
 * Below these a text signal is noise, not support: recording it would only clutter the finding of a
 * work that matched on something else. Each is well under half its own threshold.
 */
const MIN_TEXT_SCORE = 0.15;
const MIN_TITLE_SCORE = 0.3;

export interface ListingText {
  title: string;
  description: string | null;
}

/**
 * The candidate side of text reuse: the listing's title and description as separate fields, plus any
 * extra fields (text OCR'd from its images, named "image N (OCR)") so spans say where the text was.
 */
export function prepareListingText(listing: ListingText, extra: readonly { field: string; text: string }[] = []): PreparedText {
  const fields = [{ field: 'title', text: listing.title }];
  if (listing.description?.trim()) fields.push({ field: 'description', text: listing.description });
  for (const field of extra) if (field.text.trim()) fields.push({ field: field.field, text: field.text });
  return prepareMatchText(fields);
}

interface TextIndexes {
  shingles: ShingleIndex;
  titles: WordIndex;
  byId: Map<number, IndexedWork>;
}

/** Built once per registry snapshot (its works array), on first use. */
const indexes = new WeakMap<readonly IndexedWork[], TextIndexes>();

function indexesOf(works: readonly IndexedWork[]): TextIndexes {
  let found = indexes.get(works);
  if (found) return found;
  found = { shingles: new ShingleIndex(), titles: new WordIndex(), byId: new Map() };
  for (const work of works) {
    if (work.kind === 'mark') continue;
    found.byId.set(work.id, work);
    if (work.text) found.shingles.add(work.id, work.text);
    found.titles.add(work.id, titleKeyWords(work.title, work.keywords));
  }
  indexes.set(works, found);
  return found;
}

/** Which text signals a work can give, by the index that named it. */
interface Named {
  reuse: boolean;
  title: boolean;
}

function namedWorks(works: readonly IndexedWork[], prepared: PreparedText): Map<number, Named> {
  const index = indexesOf(works);
  const named = new Map<number, Named>();
  for (const id of index.shingles.candidates(prepared)) named.set(id, { reuse: true, title: false });
  const title = prepared.fields.findIndex((f) => f.field === 'title');
  if (title >= 0) {
    // Words are in field order: the title's are one run, found without walking a whole page.
    const words: string[] = [];
    for (const w of prepared.words) {
      if (w.fieldIndex > title) break;
      if (w.fieldIndex === title && w.source >= 0) words.push(w.fold);
    }
    for (const id of index.titles.candidates(words)) {
      const entry = named.get(id);
      if (entry) entry.title = true;
      else named.set(id, { reuse: false, title: true });
    }
  }
  return named;
}

/**
 * The works (not marks) that can give a listing any text signal: sharing a passage's worth of shingles
 * with it, or a title or keyword word with its title. Everything else would score below every floor.
 */
export function textCandidates(works: readonly IndexedWork[], prepared: PreparedText): IndexedWork[] {
  const byId = indexesOf(works).byId;
  return [...namedWorks(works, prepared).keys()].map((id) => byId.get(id)!);
}

/** Every work with a text signal for the listing; each named work runs only the comparisons it can pass. */
export function textMatches(works: readonly IndexedWork[], listing: ListingText, prepared: PreparedText): { work: IndexedWork; signals: Signal[] }[] {
  const index = indexesOf(works);
  const byId = index.byId;
  const out: { work: IndexedWork; signals: Signal[] }[] = [];
  for (const [id, parts] of namedWorks(works, prepared)) {
    const work = byId.get(id)!;
    const signals = textSignals(work, listing, prepared, parts, index.shingles);
    if (signals.length) out.push({ work, signals });
  }
  return out;
}

/**
 * Text signals of one work against one listing: reuse of the work's own text anywhere in the title
 * or description (with the matched passages quoted), the work's title in the listing title, and the
 * work's keywords as phrases in the listing title.
 */
export function textSignals(
  work: IndexedWork,
  listing: ListingText,
  prepared: PreparedText,
  parts: Named = { reuse: true, title: true },
  /** The index that named the work: it compares shingles by number, the same comparison without strings. */
  shingles?: ShingleIndex,
): Signal[] {
  const signals: Signal[] = [];
  if (work.text && parts.reuse) {
    const reuse = textSimilarity(work.text, prepared, TEXT_THRESHOLD, shingles?.sharedShingles(work.text, prepared));
    if (reuse.score >= MIN_TEXT_SCORE) {
      signals.push({
        kind: 'text',
        algorithm: TEXT_ALGORITHM,
        score: reuse.score,
        threshold: reuse.threshold,
        matched: reuse.matched,
        explanation: `work text in the listing: ${reuse.explanation}`,
        spans: reuse.spans.map((s) => ({ field: s.field, text: s.text, start: s.start, end: s.end })),
      });
    }
  }
  if (!parts.title) return signals;
  const title = titleSimilarity(listing.title, work);
  if (title.score >= MIN_TITLE_SCORE) {
    signals.push({
      kind: 'text',
      algorithm: TITLE_ALGORITHM,
      score: title.score,
      threshold: title.threshold,
      matched: title.matched,
      explanation: `work title "${work.title}" in the listing title: ${title.explanation}`,
      spans: title.spans.map((text) => ({ field: 'title', text })),
    });
  }
  if (title.keywords.length) {
    signals.push({
      kind: 'text',
      algorithm: KEYWORD_ALGORITHM,
      score: 1,
      threshold: 1,
      matched: true,
      explanation: `registered keywords in the listing title: ${title.keywords.join(', ')}`,
      spans: title.keywordSpans.map((text) => ({ field: 'title', text })),
    });
  }
  return signals;
}
