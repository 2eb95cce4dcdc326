import * as cheerio from 'cheerio';

/** Collapses whitespace and strips markup that descriptions often carry (HTML in JSON, entities). */
export function cleanText(input: string | undefined | null, max = 100_000): string | undefined {
  if (!input) return undefined;
  let text = input;
  if (/<[a-z!/][^>]*>|&[a-z#0-9]+;/i.test(text)) {
    // Block tags become line breaks so paragraphs of a re-published text stay apart.
    const $ = cheerio.load(text.replace(/<(br|\/p|\/div|\/li|\/h\d)\b[^>]*>/gi, '$&\n'));
    text = $.root().text();
  }
  text = text
    .normalize('NFC')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t\f\v\r]+/g, ' ')
    .replace(/ ?\n[ \n]*/g, '\n')
    .trim();
  return text ? text.slice(0, max) : undefined;
}

export function oneLine(input: string | undefined | null, max = 1_000): string | undefined {
  const text = cleanText(input, max * 2)?.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, max) : undefined;
}
