import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanText } from './text.clean.ts';

export interface ReadableText {
  title: string | undefined;
  text: string;
  byline: string | undefined;
}

/** Above this, a page is a dump rather than an article; Readability's DOM walk would cost seconds. */
const MAX_HTML = 5_000_000;

/**
 * The main text of an article, blog or forum post, without menus, sidebars and comments: Mozilla's
 * Readability (Firefox Reader View) run on the rendered DOM, re-parsed with linkedom so extraction stays pure.
 */
export function readableText(html: string, url: string, minChars = 120): ReadableText | undefined {
  if (!html || html.length > MAX_HTML) return undefined;
  try {
    const { document } = parseHTML(html);
    // Readability resolves relative links against the document URL; linkedom has none of its own.
    const base = document.createElement('base');
    base.setAttribute('href', url);
    document.head?.prepend(base);
    const article = new Readability(document as unknown as Document, { charThreshold: minChars, keepClasses: false }).parse();
    if (!article?.content) return undefined;
    // The HTML, not textContent: paragraph and line breaks of a re-published poem must survive.
    const text = cleanText(article.content);
    if (!text || text.length < minChars) return undefined;
    return { title: article.title?.trim() || undefined, text, byline: article.byline?.trim() || undefined };
  } catch {
    return undefined; // a DOM Readability cannot walk: the DOM heuristics still apply
  }
}
