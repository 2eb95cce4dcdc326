/**
 * HTML character references, decoded before any text comparison: crawled descriptions and pasted texts
 * arrive as `Đ&#7863;ng`, `&agrave;` or `&amp;`. Numeric references cover any character; the named table
 * holds what Vietnamese pages actually use (the Latin-1 letters that carry Vietnamese vowels, quotes,
 * dashes, spaces). A dependency-free table because no HTML entity library is a direct dependency here.
 */

const latinVowels: Record<string, string> = {
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', egrave: 'è', eacute: 'é', ecirc: 'ê', igrave: 'ì',
  iacute: 'í', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ugrave: 'ù', uacute: 'ú', yacute: 'ý',
  auml: 'ä', euml: 'ë', iuml: 'ï', ouml: 'ö', uuml: 'ü', yuml: 'ÿ', icirc: 'î', ucirc: 'û', ntilde: 'ñ',
  ccedil: 'ç', aring: 'å', aelig: 'æ', oslash: 'ø', eth: 'ð', thorn: 'þ', szlig: 'ß',
};

const named: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', zwnj: '\u200c', zwj: '\u200d', shy: '\u00ad', hellip: '…', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»',
  middot: '·', bull: '•', copy: '©', reg: '®', trade: '™', deg: '°', times: '×', divide: '÷', euro: '€',
  cent: '¢', pound: '£', yen: '¥', sect: '§', para: '¶', iexcl: '¡', iquest: '¿', frac12: '½',
  frac14: '¼', frac34: '¾', plusmn: '±', micro: 'µ', ordf: 'ª', ordm: 'º', sup2: '²', sup3: '³',
};

for (const [name, char] of Object.entries(latinVowels)) {
  named[name] = char;
  named[name.charAt(0).toUpperCase() + name.slice(1)] = char.toUpperCase();
}
// Uppercase spellings of the non-letter names that pages emit too (e.g. &AMP; from old generators).
for (const name of ['amp', 'lt', 'gt', 'quot']) named[name.toUpperCase()] = named[name]!;

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

function fromCodePoint(code: number): string {
  // Surrogates, NUL and out-of-range references decode to U+FFFD, as the HTML standard prescribes.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** Decodes numeric and known named references; unknown names stay as written (they may be real text). */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    // Own keys only: "&constructor;" must not decode to Object.prototype.constructor's source text.
    return (name !== undefined && Object.hasOwn(named, name) && named[name]) || whole;
  });
}

/** One whole reference ("&amp;", "&#7863;"): its text, or undefined for an unknown name. */
export function decodeHtmlEntity(reference: string): string | undefined {
  // Pages repeat a handful of references (&nbsp;, &agrave;) thousands of times: memoised, bounded.
  if (entityCache.has(reference)) return entityCache.get(reference);
  const decoded = decodeHtmlEntities(reference);
  const result = decoded === reference ? undefined : decoded;
  // Every known reference is ≤ 10 characters; V8 substrings of 13+ would keep their whole page alive.
  if (reference.length < 13) {
    if (entityCache.size >= ENTITY_CACHE_LIMIT) entityCache.clear();
    entityCache.set(reference, result);
  }
  return result;
}

const ENTITY_CACHE_LIMIT = 10_000;
const entityCache = new Map<string, string | undefined>();
