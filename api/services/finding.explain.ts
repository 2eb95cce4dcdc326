import type { Signal } from '../../matcher/matcher.schema.ts';
import type { Messages } from '../i18n/i18n.ts';

type Explain = Messages['review']['explain'];

/** Fills {name} placeholders; a missing value leaves the placeholder out rather than printing "undefined". */
export function fill(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = values[key];
    return v === undefined ? '' : String(v);
  });
}

const num = (n: number | undefined) => (n === undefined ? '?' : String(Math.round(n * 100) / 100));

/** Names a hashed region in the reader's language ('content-top-left-60' → '… top-left 60 % crop'). */
export function regionName(t: Explain, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const grey = name.endsWith('-grey');
  const bare = grey ? name.slice(0, -'-grey'.length) : name;
  let text = t.regions[bare];
  if (!text) {
    const crop = /^(content-)?(.+)-(\d+)$/.exec(bare);
    text = crop ? fill(t.crop, { base: t.cropBase[crop[1] ? 'content' : 'image'], corner: t.corners[crop[2]!] ?? crop[2], pct: crop[3] }) : bare;
  }
  return grey ? fill(t.grey, { region: text }) : text;
}

function fieldName(t: Explain, field: string): string {
  const ocr = /^image (\d+) \(OCR\)$/.exec(field);
  if (ocr) return fill(t.ocrField, { n: ocr[1] });
  return t.fields[field] ?? field;
}

export interface ExplainContext {
  /** 1-based position of the signal's listing image, when it is an image signal. */
  imagePosition?: number | undefined;
  /** The registered work's title or mark's name. */
  subject: string;
}

/**
 * The reviewer's explanation of one signal, built from its structured fields in the page's language.
 * The matcher's own sentence (English) is kept in the record and shown beside it; an algorithm this
 * function does not know falls back to that sentence.
 */
export function explainSignal(t: Explain, signal: Signal, ctx: ExplainContext): string {
  const n = ctx.imagePosition ?? (/^listing image (\d+)/.exec(signal.explanation)?.[1] ? Number(/^listing image (\d+)/.exec(signal.explanation)![1]) : undefined);
  if (signal.kind === 'image' && signal.algorithm === 'orb') {
    const box = signal.workRegion;
    return fill(t.orb, { n: n ?? '?', inliers: signal.distance, threshold: signal.threshold }) + (box ? fill(t.orbRegion, { box: `${box.x},${box.y},${box.w}×${box.h}` }) : '');
  }
  if (signal.kind === 'image') {
    const variant = signal.variant && signal.variant !== 'original' ? fill(t.imageVariant, { variant: t.variants[signal.variant] ?? signal.variant }) : '';
    const listingRegion = regionName(t, signal.listingRegionName);
    const workRegion = regionName(t, signal.workRegionName);
    return (
      (listingRegion && workRegion ? fill(t.image, { n: n ?? '?', listingRegion, workRegion }) : fill(t.imagePlain, { n: n ?? '?' })) +
      variant +
      (signal.distance !== undefined ? fill(t.hash, { algorithm: signal.algorithm.toUpperCase(), distance: signal.distance, threshold: signal.threshold }) : '')
    );
  }
  const spans = signal.spans ?? [];
  switch (signal.algorithm) {
    case 'text-shingles':
      return fill(t.text, { count: spans.length, score: num(signal.score), threshold: num(signal.threshold) });
    // 'title-shingles': how some stored findings (and the API test fixture) name the title signal.
    case 'title-words':
    case 'title-shingles':
      return fill(t.title, { title: ctx.subject, score: num(signal.score), threshold: num(signal.threshold) });
    case 'keywords':
      return fill(t.keywords, { words: spans.map((s) => s.text).join(', ') });
    case 'mark-name': {
      const span = spans[0];
      const template = signal.score >= 1 ? t.markExact : t.markSimilar;
      return fill(template, { mark: ctx.subject, field: fieldName(t, span?.field ?? 'title'), text: span?.text ?? '', score: num(signal.score) });
    }
    default:
      return fill(t.unknown, { explanation: signal.explanation });
  }
}
