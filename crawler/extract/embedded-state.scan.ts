import type { CheerioAPI } from 'cheerio';

/** Embedded application state found in a page: where it came from and the parsed value. */
export interface EmbeddedState {
  source: string;
  data: unknown;
}

/** Script ids of frameworks that serialise their whole state as JSON (Next.js, Modern.js/TikTok, Nuxt). */
const JSON_SCRIPT_IDS = ['__NEXT_DATA__', '__MODERN_ROUTER_DATA__', '__NUXT_DATA__', '__APOLLO_STATE__', '__INITIAL_STATE__'];

const ASSIGNMENT = /(?:window|self|globalThis)\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*["']([^"']+)["']\s*\])\s*=\s*(?=[{[])/g;

/**
 * Index just past the bracket that closes the one at `start`, or -1. Strings (with escapes) and comments
 * are skipped so braces inside them do not count: a regex cannot do this for nested objects.
 */
export function matchBracket(text: string, start: number): number {
  const open = text[start];
  if (open !== '{' && open !== '[') return -1;
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      if (end < 0) return -1;
      i = end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return -1;
      i = end + 1;
    } else if (ch === '{' || ch === '[') stack.push(ch === '{' ? '}' : ']');
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** Every `window.X = {…}` in a script whose object literal is valid JSON (most serialisers emit JSON). */
export function scanAssignments(script: string): EmbeddedState[] {
  const found: EmbeddedState[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(script); m; m = ASSIGNMENT.exec(script)) {
    const start = m.index + m[0].length;
    const end = matchBracket(script, start);
    if (end < 0) continue;
    const data = parseJson(script.slice(start, end));
    if (data !== undefined) found.push({ source: `window.${m[1] ?? m[2]}`, data });
    ASSIGNMENT.lastIndex = end;
  }
  return found;
}

/** `JSON.parse("…")` wrappers are common too (Lazada, Shopee): unwrap one level of string-encoded JSON. */
function parseJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'string' && /^\s*[{[]/.test(value)) return parseJson(value);
    return value;
  } catch {
    return undefined;
  }
}

export function embeddedStates($: CheerioAPI): EmbeddedState[] {
  const states: EmbeddedState[] = [];
  $('script').each((_, el) => {
    const node = $(el);
    const type = (node.attr('type') ?? '').toLowerCase();
    if (type === 'application/ld+json') return;
    const id = node.attr('id') ?? '';
    const text = node.text();
    if (!text.trim() || text.length > 20_000_000) return;
    if (JSON_SCRIPT_IDS.includes(id) || (type === 'application/json' && id)) {
      const data = parseJson(text.trim());
      if (data !== undefined) states.push({ source: id || 'application/json', data });
      return;
    }
    if (type && !/javascript|module/.test(type)) return;
    states.push(...scanAssignments(text));
  });
  return states;
}
