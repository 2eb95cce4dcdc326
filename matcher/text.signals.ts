import { prepareMatchText, textSimilarity, titleSimilarity, type PreparedText } from '../fingerprints/text/text-similarity.ts';
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

/** The candidate side of text reuse: the listing's title and description as separate fields. */
export function prepareListingText(listing: ListingText): PreparedText {
  const fields = [{ field: 'title', text: listing.title }];
  if (listing.description?.trim()) fields.push({ field: 'description', text: listing.description });
  return prepareMatchText(fields);
}

/**
 * Text signals of one work against one listing: reuse of the work's own text anywhere in the title
 * or description (with the matched passages quoted), the work's title in the listing title, and the
 * work's keywords as phrases in the listing title.
 */
export function textSignals(work: IndexedWork, listing: ListingText, prepared: PreparedText): Signal[] {
  const signals: Signal[] = [];
  if (work.text) {
    const reuse = textSimilarity(work.text, prepared);
    if (reuse.score >= MIN_TEXT_SCORE) {
      signals.push({
        kind: 'text',
        algorithm: TEXT_ALGORITHM,
        score: reuse.score,
        threshold: reuse.threshold,
        matched: reuse.matched,
        explanation: `work text in the listing: ${reuse.explanation}`,
        spans: reuse.spans.map((s) => ({ field: s.field, text: s.text })),
      });
    }
  }
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
