import { DeletionIndex, PrefixHashes } from '../fingerprints/text/deletion.index.ts';
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

const isDigit = (c: string) => c >= '0' && c <= '9';

function sameChar(a: string, b: string): boolean {
  if (a === b) return true;
  if (!isDigit(a) && !isDigit(b)) return false;
  return (LOOKALIKES[a]?.includes(b) ?? false) || (LOOKALIKES[b]?.includes(a) ?? false);
}

/** Optimal string alignment distance (adjacent swaps count once), stopping early above `limit`. */
export function editDistance(a: readonly string[], b: readonly string[], limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Most windows the index names are the name itself: skip the table for them.
  if (a.length === b.length && a.every((char, i) => char === b[i])) return 0;
  // Only the band |i − j| ≤ limit can stay within the limit; cells outside it count as limit + 1.
  const over = limit + 1;
  let prev2 = new Int32Array(b.length + 1).fill(over);
  let prev = Int32Array.from({ length: b.length + 1 }, (_, j) => Math.min(j, over));
  let row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    row.fill(over);
    if (i <= limit) row[0] = i;
    let best = row[0]!;
    for (let j = Math.max(1, i - limit); j <= Math.min(b.length, i + limit); j += 1) {
      const cost = sameChar(a[i - 1]!, b[j - 1]!) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && sameChar(a[i - 1]!, b[j - 2]!) && sameChar(a[i - 2]!, b[j - 1]!)) d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = Math.min(d, over);
      best = Math.min(best, row[j]!);
    }
    if (best > limit) return over;
    [prev2, prev, row] = [prev, row, prev2];
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
    for (const token of writtenTokens(field.tokens)) words.push({ norm: token.norm, fold: token.fold, source: token.source, fieldIndex });
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

/** Look-alikes made equal for the deletion index only; looser than sameChar (i = l), which is safe there. */
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

/** The mark against the candidate's words [from, to); undefined when not close enough. */
function checkWindow(mark: Form, words: PreparedText['words'], from: number, to: number): Hit | undefined {
  const allowed = allowedEdits(mark.fold.length);
  const form = formOf(words.slice(from, to));
  const asWritten = mark.accented && form.accented;
  const foldDistance = editDistance(mark.fold, form.fold, allowed);
  let distance: number;
  if (asWritten) {
    // Every difference must be a letter: a tone or vowel-mark difference alone makes another word.
    distance = editDistance(mark.norm, form.norm, allowed);
    if (distance !== foldDistance) return undefined;
  } else {
    distance = foldDistance;
    if (distance > 0 && mark.accented) return undefined;
  }
  if (distance > allowed) return undefined;
  return { distance, folded: !asWritten, from, to };
}

/** The first closest of the given windows (ascending), undefined when none is close enough. */
function closestOf(mark: Form, prepared: PreparedText, windows: Iterable<readonly [number, number]>): Hit | undefined {
  let best: Hit | undefined;
  for (const [from, to] of windows) {
    const hit = checkWindow(mark, prepared.words, from, to);
    if (hit && (!best || hit.distance < best.distance)) best = hit;
    if (best?.distance === 0) return best;
  }
  return best;
}

/**
 * Every window of whole words whose letter count is within the mark's edits: exhaustive, the reference
 * the indexed path (markMatches) must agree with. (A pigeonhole pre-filter here once missed swaps of
 * neighbouring letters across a piece boundary, "đốung" for "đuống".)
 */
function* windowsNear(mark: Form, prepared: PreparedText): Generator<[number, number]> {
  const { words } = prepared;
  const length = mark.fold.length;
  const allowed = allowedEdits(length);
  for (let from = 0; from < words.length; from += 1) {
    if (words[from]!.source < 0) continue;
    let letters = 0;
    for (let to = from; to < words.length && words[to]!.source >= 0; to += 1) {
      letters += words[to]!.fold.length;
      if (letters > length + allowed) break;
      if (letters >= length - allowed) yield [from, to + 1];
    }
  }
}

interface MarkIndex {
  deletions: DeletionIndex;
  /** Deletion-index entry → mark. */
  marks: IndexedWork[];
}

const markIndexes = new WeakMap<readonly IndexedWork[], MarkIndex>();

function markIndexOf(works: readonly IndexedWork[]): MarkIndex {
  let index = markIndexes.get(works);
  if (index) return index;
  index = { deletions: new DeletionIndex(), marks: [] };
  for (const work of works) {
    if (work.kind !== 'mark') continue;
    const form = markForm(work);
    if (!form.fold.length) continue;
    index.deletions.add(canonical(form.fold.join('')), allowedEdits(form.fold.length));
    index.marks.push(work);
  }
  markIndexes.set(works, index);
  return index;
}

/**
 * Every registered mark close to some window of whole candidate words, with those windows: each window
 * (the compact, look-alike-canonical letters of consecutive words) is looked up in the deletion index,
 * so a title costs its own windows, not the number of marks. The exact rules then run on the named
 * windows only.
 */
function nearWindows(index: MarkIndex, prepared: PreparedText): Map<number, [number, number][]> {
  const { text, starts } = compactOf(prepared);
  const hashes = new PrefixHashes(text);
  const found = new Map<number, [number, number][]>();
  const { words } = prepared;
  const maxLength = index.deletions.maxLength;
  for (let from = 0; from < words.length; from += 1) {
    if (words[from]!.source < 0) continue;
    for (let to = from + 1; to <= words.length && words[to - 1]!.source >= 0; to += 1) {
      const end = to < words.length ? starts[to]! : text.length;
      if (end - starts[from]! > maxLength) break;
      index.deletions.query(hashes, starts[from]!, end, (entry) => {
        const list = found.get(entry);
        const last = list?.[list.length - 1];
        if (!list) found.set(entry, [[from, to]]);
        else if (last![0] !== from || last![1] !== to) list.push([from, to]);
      });
    }
  }
  return found;
}

/** Every registered mark of a registry found in a candidate, with its one signal (see markSignals). */
export function markMatches(works: readonly IndexedWork[], candidate: PreparedText): { mark: IndexedWork; signals: Signal[] }[] {
  const index = markIndexOf(works);
  if (!index.marks.length) return [];
  const prepared = asWritten(candidate);
  const out: { mark: IndexedWork; signals: Signal[] }[] = [];
  for (const [entry, windows] of nearWindows(index, prepared)) {
    const mark = index.marks[entry]!;
    const form = markForm(mark);
    const hit = closestOf(form, prepared, windows);
    if (hit) out.push({ mark, signals: [signalOf(mark, form, prepared, hit)] });
  }
  return out;
}

function spanOf(prepared: PreparedText, from: number, to: number): { field: string; text: string; start: number; end: number } {
  const first = prepared.words[from]!;
  const last = prepared.words[to - 1]!;
  const field = prepared.fields[first.fieldIndex]!;
  const a = field.tokens[first.source]!;
  const b = field.tokens[last.source]!;
  return { field: field.field, text: field.source.slice(a.start, b.end), start: a.originalStart, end: b.originalEnd };
}

/**
 * At most one signal: the mark's closest occurrence in the candidate's title or description. One mark,
 * every window checked (windowsNear); markMatches is the registry-wide path.
 */
export function markSignals(mark: IndexedWork, candidate: PreparedText): Signal[] {
  const prepared = asWritten(candidate);
  const form = markForm(mark);
  if (!form.fold.length) return [];
  const hit = closestOf(form, prepared, windowsNear(form, prepared));
  return hit ? [signalOf(mark, form, prepared, hit)] : [];
}

function signalOf(mark: IndexedWork, form: Form, prepared: PreparedText, hit: Hit): Signal {
  const length = form.fold.length;
  const span = spanOf(prepared, hit.from, hit.to);
  const score = Math.round((1 - hit.distance / length) * 1000) / 1000;
  const how = hit.distance === 0
    ? hit.folded && form.accented ? 'written without diacritics' : 'as registered'
    : `confusingly similar, ${hit.distance} letter edit(s) of ${length}`;
  return {
    kind: 'text',
    algorithm: MARK_ALGORITHM,
    score,
    threshold: Math.round((1 - allowedEdits(length) / length) * 1000) / 1000,
    matched: true,
    explanation: `mark "${mark.title}" in the ${span.field}: "${span.text}" (${how})`,
    spans: [span],
  };
}
