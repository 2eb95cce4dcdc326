import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { absoluteUrl } from './url.canonical.ts';

export interface ImageSize {
  width: number;
  height: number;
}

/** Lazy loaders keep the real URL in these attributes until the image scrolls into view; read them first. */
const LAZY_ATTRIBUTES = ['data-src', 'data-original', 'data-ks-lazyload', 'data-lazy-src', 'data-lazy', 'data-srcset', 'srcset', 'src'];
/** Page furniture, not product pictures. */
const FURNITURE = /logo|icon|sprite|avatar|favicon|badge|flag|banner-ads|placeholder|spacer|pixel|loading|blank\.(gif|png)|emoji/i;
const CHROME_SELECTOR = 'header, footer, nav, aside, [role=banner], [role=navigation], [role=contentinfo], [class*=related i], [class*=recommend i], [class*=similar i], [id*=related i], [id*=recommend i]';

/** Largest candidate of a srcset ("a.jpg 1x, b.jpg 2x" or widths). */
export function pickFromSrcset(srcset: string): string | undefined {
  let best: { url: string; weight: number } | undefined;
  for (const part of srcset.split(/,\s+(?=\S)/)) {
    const [url, descriptor] = part.trim().split(/\s+/);
    if (!url) continue;
    const weight = descriptor ? parseFloat(descriptor) * (descriptor.endsWith('x') ? 1000 : 1) : 1;
    if (!best || weight > best.weight) best = { url, weight: Number.isFinite(weight) ? weight : 1 };
  }
  return best?.url;
}

/** The real URL of one <img>/<source>, skipping data: placeholders that lazy loaders put in src. */
export function imageUrlOf(el: Cheerio<Element>, base: string): string | undefined {
  for (const attribute of LAZY_ATTRIBUTES) {
    const raw = el.attr(attribute);
    if (!raw || /^\s*data:/i.test(raw)) continue;
    const candidate = attribute.endsWith('srcset') ? pickFromSrcset(raw) : raw;
    const url = absoluteUrl(candidate, base);
    if (url) return url;
  }
  return undefined;
}

function tooSmall(el: Cheerio<Element>, url: string, sizes: Record<string, ImageSize> | undefined): boolean {
  const measured = sizes?.[url];
  if (measured && measured.width > 0) return measured.width < 80 || measured.height < 80;
  const w = Number(el.attr('width'));
  const h = Number(el.attr('height'));
  return (Number.isFinite(w) && w > 0 && w < 80) || (Number.isFinite(h) && h > 0 && h < 80);
}

/** Content images under `scope` (the product block when known), page furniture left out, in page order. */
export function domImages($: CheerioAPI, scope: Cheerio<AnyNode>, base: string, sizes?: Record<string, ImageSize>): string[] {
  const out: string[] = [];
  scope.find('img, picture source').each((_, node) => {
    const el = $(node as Element);
    if (el.closest(CHROME_SELECTOR).length) return;
    const url = imageUrlOf(el, base);
    if (!url || /\.svg(\?|$)/i.test(url)) return;
    const hint = `${url} ${el.attr('class') ?? ''} ${el.attr('alt') ?? ''} ${el.attr('id') ?? ''}`;
    if (FURNITURE.test(hint) || tooSmall(el, url, sizes)) return;
    out.push(url);
  });
  return out;
}

export function uniqueUrls(urls: (string | undefined)[], base: string, limit: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of urls) {
    const url = raw && !/^\s*data:/i.test(raw) ? absoluteUrl(raw, base) : undefined;
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push(url);
    if (out.length >= limit) break;
  }
  return out;
}
