/** Prices as Vietnamese shops print them, turned into whole units of their currency (đồng for VND). */

export interface ParsedPrice {
  amount: number;
  currency: string | undefined;
}

const CURRENCY_PATTERNS: [RegExp, string][] = [
  [/₫|\bvn[dđ]\b|vnđ|\bđồng\b|\bdong\b|(?<=\d\s?)[đd](?![a-zà-ỹ])/i, 'VND'],
  [/\$|\busd\b/i, 'USD'],
  [/€|\beur\b/i, 'EUR'],
];

/** Multipliers written after the number: "1,2tr", "125k", "3 triệu", "2 nghìn". */
const UNIT_PATTERN = /^\s*(tri[eệ]u|tr|k|ng[hà]n|ngh[iì]n|ng)(?![a-zà-ỹ])/i;
const UNIT_VALUE: Record<string, number> = { tr: 1e6, triệu: 1e6, trieu: 1e6, k: 1e3, nghìn: 1e3, nghin: 1e3, ngàn: 1e3, ngan: 1e3, ng: 1e3 };

export function detectCurrency(text: string): string | undefined {
  for (const [pattern, code] of CURRENCY_PATTERNS) if (pattern.test(text)) return code;
  return undefined;
}

/**
 * Reads the first price in a text. Separators are ambiguous ("1.250.000" vs "40000.00" vs "1,2tr"):
 * groups of exactly three digits are thousands, one or two trailing digits are decimals.
 */
export function parsePrice(input: unknown): ParsedPrice | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? { amount: Math.round(input), currency: undefined } : undefined;
  if (typeof input !== 'string') return undefined;
  const whole = input.normalize('NFC').replace(/\u00a0/g, ' ').trim();
  if (!whole || whole.length > 200) return undefined;
  // "Mua 2 giảm 125.000đ": read the amount that carries a currency or unit, not the first digit seen.
  const matched = PRICE_TEXT.exec(whole);
  let text = matched?.[0] ?? whole;
  // A range ("100.000 - 200.000 ₫", "1,2 - 1,5tr") shows its unit once, after the upper bound: read the lower.
  const range = matched ? /(\d[\d.,]*)\s*[-–~]\s*$/.exec(whole.slice(0, matched.index)) : null;
  if (range && /^\d/.test(text)) text = `${range[1]}${text.replace(/^[\d.,\s]+/, '')}`;
  const match = /(\d[\d.,\s]*\d|\d)/.exec(text);
  if (!match) return undefined;
  const numeral = match[1]!.replace(/\s+(?=\d{3}(\D|$))/g, '').replace(/\s/g, '');
  let value = readNumeral(numeral);
  if (value === undefined) return undefined;
  const after = text.slice(match.index + match[0].length);
  const unit = UNIT_PATTERN.exec(after);
  if (unit) value *= UNIT_VALUE[unit[1]!.toLowerCase()] ?? 1;
  if (!Number.isFinite(value) || value < 0) return undefined;
  return { amount: Math.round(value), currency: detectCurrency(text) };
}

function readNumeral(numeral: string): number | undefined {
  if (/^\d+$/.test(numeral)) return Number(numeral);
  if (/^\d{1,3}([.,]\d{3})+$/.test(numeral)) {
    // "1.250" or "1,250": thousands in Vietnamese and English alike.
    return Number(numeral.replace(/[.,]/g, ''));
  }
  const decimal = /^(\d{1,3}(?:([.,])\d{3})*|\d+)([.,])(\d{1,2})$/.exec(numeral);
  if (decimal && decimal[2] !== decimal[3]) {
    return Number(`${decimal[1]!.replace(/[.,]/g, '')}.${decimal[4]}`);
  }
  const plain = /^(\d+)[.,](\d+)$/.exec(numeral);
  if (plain) return Number(`${plain[1]}.${plain[2]}`);
  return undefined;
}

/** A price-looking text: a number with a currency sign or a Vietnamese amount unit next to it. */
export const PRICE_TEXT = /(?:₫\s?\d(?:[\d.,]|\s(?=\d{3}\b))*|\d(?:[\d.,]|\s(?=\d{3}\b))*\s?(?:₫|đ(?![\p{L}\d])|vn[dđ](?![\p{L}\d])|tr(?:iệu)?(?![\p{L}\d])|k(?![\p{L}\d]))|\$\s?\d[\d.,]*)/iu;

export function looksLikePrice(text: string): boolean {
  return text.length <= 60 && PRICE_TEXT.test(text.replace(/\u00a0/g, ' '));
}

/** Whole đồng, or undefined when the price is in another currency or absent. */
export function toVnd(price: ParsedPrice | undefined, fallbackCurrency = 'VND'): number | undefined {
  if (!price) return undefined;
  const currency = price.currency ?? fallbackCurrency;
  return currency === 'VND' ? price.amount : undefined;
}
