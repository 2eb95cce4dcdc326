import { GramIndex } from '../fingerprints/text/text-index.ts';
import type { PreparedText } from '../fingerprints/text/text-similarity.ts';
import { foldVietnamese, tokenize, type MatchToken, type SourceToken } from '../fingerprints/text/vietnamese.ts';
import type { IndexedWork } from './match.index.ts';
import type { Signal } from './matcher.schema.ts';

/**
 * A word mark's name, or a confusingly similar one, inside a candidate's text (DESIGN.md §4 "Marks").
 * Names are compared with spaces removed, so "PhuLang", "Phu Lang" and "P h u L a n g" are one name, and
 * with look-alike digits equal to their letters ("Ph0 Lang"). Edits allowed grow with the name's length.
 *
 * Vietnamese makes folding dangerous: "Đông Hồ" (the painting village) folds to the same letters as
 * "đồng hồ" (a clock) and is one letter from "đồng bộ". So where both the mark and the candidate carry
 * diacritics they must agree exactly (a tone difference is a different word, not a typo); accent-less
 * text is compared folded but only exactly, never fuzzily, since without marks a one-letter change in
 * a short Vietnamese name is usually another everyday word.
 */

export const MARK_ALGORITHM = 'mark-name';

/** Folded-letter edits tolerated: none for short names, where any edit makes another word. */
export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  return length < 9 ? 1 : 2;
}

const LOOKALIKES: Record<string, string> = { '0': 'o', '1': 'il', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g' };

function sameChar(a: string, b: string): boolean {
  return a === b || (LOOKALIKES[a]?.includes(b) ?? false) || (LOOKALIKES[b]?.includes(a) ?? false);
}

/** Optimal string alignment distance (adjacent swaps count once), stopping early above `limit`. */
export function editDistance(a: readonly string[], b: readonly string[], limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = sameChar(a[i - 1]!, b[j - 1]!) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && sameChar(a[i - 1]!, b[j - 2]!) && sameChar(a[i - 2]!, b[j - 1]!)) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

interface Form {
  norm: string[];
  fold: string[];
  accented: boolean;
}

function formOf(tokens: readonly MatchToken[]): Form {
  const norm = [...tokens.map((t) => t.norm).join('')];
  const fold = [...tokens.map((t) => t.fold).join('')];
  return { norm, fold, accented: tokens.some((t) => t.norm !== t.fold) };
}

const markForms = new WeakMap<IndexedWork, Form>();

/**
 * Words as written, without teencode expansion: a name is letters, and spaced-out letters ("T r a n h")
 * or a brand like "K Coffee" must not turn into chat words ("h" → "giờ", "k" → "không").
 */
function writtenTokens(tokens: readonly SourceToken[]): MatchToken[] {
  return tokens.map((t, source) => ({ norm: t.norm, fold: foldVietnamese(t.norm), source }));
}

function markForm(mark: IndexedWork): Form {
  let form = markForms.get(mark);
  if (!form) markForms.set(mark, (form = formOf(writtenTokens(tokenize(mark.title).tokens))));
  return form;
}

const writtenViews = new WeakMap<PreparedText, PreparedText>();

/** The candidate's words as written (see writtenTokens), same fields, NUL word between fields. */
function asWritten(prepared: PreparedText): PreparedText {
  let view = writtenViews.get(prepared);
  if (view) return view;
  const words: PreparedText['words'] = [];
  prepared.fields.forEach((field, fieldIndex) => {
    if (words.length) words.push({ norm: '\u0000', fold: '\u0000', source: -1, fieldIndex });
    for (const token of writtenTokens(field.tokens)) words.push({ ...token, fieldIndex });
  });
  writtenViews.set(prepared, (view = { fields: prepared.fields, words }));
  return view;
}

interface Hit {
  distance: number;
  /** Compared folded (accent-less text) rather than as written. */
  folded: boolean;
  from: number;
  to: number;
}

/** Look-alikes made equal for the pre-filter only; looser than sameChar (i = l), which is safe there. */
const CANONICAL: Record<string, string> = { '0': 'o', '1': 'i', l: 'i', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g' };
const canonical = (text: string) => text.replace(/[0-9l]/g, (c) => CANONICAL[c] ?? c);

interface Compact {
  /** Every word's folded letters run together, NUL between fields, look-alikes made equal. */
  text: string;
  /** Offset in `text` where each word of `words` starts. */
  starts: number[];
}

const compacts = new WeakMap<PreparedText, Compact>();

function compactOf(prepared: PreparedText): Compact {
  let compact = compacts.get(prepared);
  if (compact) return compact;
  let text = '';
  const starts: number[] = [];
  for (const word of prepared.words) {
    starts.push(text.length);
    text += word.source < 0 ? '\u0000' : canonical(word.fold);
  }
  compacts.set(prepared, (compact = { text, starts }));
  return compact;
}

/**
 * Words where a window close to the mark can start. Pigeonhole: with k edits, one of k + 1 pieces of the
 * mark appears unchanged, so native substring search over the page finds every possible start, and the
 * edit distance runs only there (a long page against many marks stays linear, not words × marks × DP).
 */
function possibleStarts(mark: Form, prepared: PreparedText, allowed: number): number[] {
  const { text, starts } = compactOf(prepared);
  const letters = canonical(mark.fold.join(''));
  const found = new Set<number>();
  const pieces = allowed + 1;
  for (let piece = 0; piece < pieces; piece += 1) {
    const from = Math.floor((piece * letters.length) / pieces);
    const needle = letters.slice(from, Math.floor(((piece + 1) * letters.length) / pieces));
    if (!needle) continue;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const low = at - from - allowed;
      const high = at - from + allowed;
      // First word starting at or after `low`, by binary search over the ascending starts.
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! < low) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < starts.length && starts[i]! <= high; i += 1) found.add(i);
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** The closest window of whole candidate words to the mark; undefined when none is close enough. */
function closestWindow(mark: Form, prepared: PreparedText): Hit | undefined {
  const { words } = prepared;
  const length = mark.fold.length;
  const allowed = allowedEdits(length);
  let best: Hit | undefined;
  for (const from of possibleStarts(mark, prepared, allowed)) {
    if (words[from]!.source < 0) continue;
    const window: MatchToken[] = [];
    let letters = 0;
    for (let to = from; to < words.length && words[to]!.source >= 0; to += 1) {
      window.push(words[to]!);
      letters += words[to]!.fold.length;
      if (letters > length + allowed) break;
      if (letters < length - allowed) continue;
      const form = formOf(window);
      const asWritten = mark.accented && form.accented;
      const foldDistance = editDistance(mark.fold, form.fold, allowed);
      let distance: number;
      if (asWritten) {
        // Every difference must be a letter: a tone or vowel-mark difference alone makes another word.
        distance = editDistance(mark.norm, form.norm, allowed);
        if (distance !== foldDistance) continue;
      } else {
        distance = foldDistance;
        if (distance > 0 && mark.accented) continue;
      }
      if (distance > allowed) continue;
      if (!best || distance < best.distance) best = { distance, folded: !asWritten, from, to: to + 1 };
      if (distance === 0) return best;
    }
  }
  return best;
}

interface MarkIndex {
  grams: GramIndex;
  byId: Map<number, IndexedWork>;
}

const markIndexes = new WeakMap<readonly IndexedWork[], MarkIndex>();

/**
 * The marks of a registry that can occur in a candidate, by the q-gram lemma over the same compact,
 * look-alike-canonical letters possibleStarts searches: a title is checked against a handful of marks
 * instead of all of them.
 */
export function markCandidates(works: readonly IndexedWork[], candidate: PreparedText): IndexedWork[] {
  const prepared = asWritten(candidate);
  let index = markIndexes.get(works);
  if (!index) {
    index = { grams: new GramIndex(), byId: new Map() };
    for (const work of works) {
      if (work.kind !== 'mark') continue;
      const form = markForm(work);
      if (!form.fold.length) continue;
      index.byId.set(work.id, work);
      index.grams.add(work.id, canonical(form.fold.join('')), allowedEdits(form.fold.length));
    }
    markIndexes.set(works, index);
  }
  return index.grams.candidates(compactOf(prepared).text).map((id) => index.byId.get(id)!);
}

function spanOf(prepared: PreparedText, from: number, to: number): { field: string; text: string; start: number; end: number } {
  const first = prepared.words[from]!;
  const last = prepared.words[to - 1]!;
  const field = prepared.fields[first.fieldIndex]!;
  const a = field.tokens[first.source]!;
  const b = field.tokens[last.source]!;
  return { field: field.field, text: field.source.slice(a.start, b.end), start: a.originalStart, end: b.originalEnd };
}

/** At most one signal: the mark's closest occurrence in the candidate's title or description. */
export function markSignals(mark: IndexedWork, candidate: PreparedText): Signal[] {
  const prepared = asWritten(candidate);
  const form = markForm(mark);
  if (!form.fold.length) return [];
  const hit = closestWindow(form, prepared);
  if (!hit) return [];
  const length = form.fold.length;
  const span = spanOf(prepared, hit.from, hit.to);
  const score = Math.round((1 - hit.distance / length) * 1000) / 1000;
  const how = hit.distance === 0
    ? hit.folded && form.accented ? 'written without diacritics' : 'as registered'
    : `confusingly similar, ${hit.distance} letter edit(s) of ${length}`;
  return [
    {
      kind: 'text',
      algorithm: MARK_ALGORITHM,
      score,
      threshold: Math.round((1 - allowedEdits(length) / length) * 1000) / 1000,
      matched: true,
      explanation: `mark "${mark.title}" in the ${span.field}: "${span.text}" (${how})`,
      spans: [span],
    },
  ];
}
