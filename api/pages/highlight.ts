export interface Segment {
  text: string;
  marked: boolean;
}

/**
 * Splits `text` into plain and matched segments for every occurrence of the given spans, compared
 * case-insensitively after NFC (the matcher reports spans as they appear, but casing may differ).
 */
export function highlight(text: string, spans: string[]): Segment[] {
  const source = text.normalize('NFC');
  const lower = source.toLocaleLowerCase('vi');
  const marks = new Array<boolean>(source.length).fill(false);
  for (const span of spans) {
    const needle = span.normalize('NFC').toLocaleLowerCase('vi').trim();
    if (!needle) continue;
    // toLocaleLowerCase keeps lengths for Vietnamese, so indexes in `lower` are indexes in `source`.
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
      marks.fill(true, at, at + needle.length);
    }
  }
  const segments: Segment[] = [];
  for (let i = 0; i < source.length; ) {
    let j = i;
    while (j < source.length && marks[j] === marks[i]) j++;
    segments.push({ text: source.slice(i, j), marked: marks[i] ?? false });
    i = j;
  }
  return segments;
}

/**
 * Marks exact ranges (the matcher's offsets into the text as crawled). A range that does not point at
 * its quoted text (the listing changed since) is searched for by text instead, as highlight() does.
 */
export function highlightSpans(text: string, spans: readonly { text: string; start?: number | undefined; end?: number | undefined }[]): Segment[] {
  const exact = spans.filter((s) => s.start !== undefined && s.end !== undefined && s.start >= 0 && s.end <= text.length && s.start < s.end && text.slice(s.start, s.end) === s.text);
  if (exact.length !== spans.length) return highlight(text, spans.map((s) => s.text));
  const marks = new Array<boolean>(text.length).fill(false);
  for (const s of exact) marks.fill(true, s.start, s.end);
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && marks[j] === marks[i]) j++;
    segments.push({ text: text.slice(i, j), marked: marks[i] ?? false });
    i = j;
  }
  return segments;
}
