import type { CheerioAPI } from 'cheerio';
import { oneLine } from './text.clean.ts';

/**
 * A seller's phone number and address where the page shows them (issue 8: link repeat offenders across
 * listings and platforms). Vietnamese numbers are written many ways ("0912.345.678", "+84 912 345 678",
 * "(0222) 3812 345"); they are normalised to E.164 (+84…) so the same seller matches across pages.
 */

/** Mobile (03/05/07/08/09 + 8 digits) and landline (02xx + 7–8 digits) numbers; hotlines 1800/1900 as written. */
export function normalizeVietnamesePhone(raw: string): string | undefined {
  const digits = raw.replace(/[\s.\-()/]/g, '');
  if (!/^\+?\d+$/.test(digits)) return undefined;
  if (/^(1800|1900)\d{4,6}$/.test(digits)) return digits;
  // "+84 0912…": the trunk 0 written after the country code as well.
  const trunk = /^\+?840\d{9,10}$/.test(digits);
  const national = trunk ? digits.replace(/^\+?84/, '') : digits.startsWith('+84') ? `0${digits.slice(3)}` : digits.startsWith('84') && digits.length >= 11 ? `0${digits.slice(2)}` : digits;
  if (/^0[35789]\d{8}$/.test(national) || /^02\d{8,9}$/.test(national)) return `+84${national.slice(1)}`;
  return undefined;
}

// A run of digits with the separators people use, not touching other digits or letters (prices, ids).
const PHONE_CANDIDATE = /(?<![\d\p{L}])(?:(?:\+?84|0)[\s.\-()]*\d(?:[\s.\-()]*\d){6,10}|1[89]00(?:[\s.\-]*\d){4,6})(?![\d\p{L}])/gu;

/** Phone numbers in free text, normalised and de-duplicated, in order of appearance. */
export function phonesIn(text: string | undefined, max = 3): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const phone = normalizeVietnamesePhone(match[0]);
    if (phone && !out.includes(phone)) out.push(phone);
    if (out.length >= max) break;
  }
  return out;
}

const ADDRESS_LABEL = /(?:địa\s*chỉ|đ\/c|dia\s*chi|address)\s*[:：]\s*([^\n|]{6,160})/iu;

/** "Địa chỉ: 12 Nguyễn Văn Cừ, phường Kinh Bắc, Bắc Ninh" → the part after the label, on one line. */
export function addressIn(text: string | undefined): string | undefined {
  const match = text?.match(ADDRESS_LABEL);
  return match ? oneLine(match[1]!.replace(/[.;,\s]+$/, ''), 160) : undefined;
}

/** schema.org PostalAddress (or a plain string) as one line, most specific part first. */
export function postalAddress(value: unknown): string | undefined {
  if (typeof value === 'string') return oneLine(value, 160);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const parts = ['streetAddress', 'addressLocality', 'addressRegion'].map((k) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '')).filter(Boolean);
  return parts.length ? oneLine(parts.join(', '), 160) : undefined;
}

export interface SellerContact {
  phone: string | undefined;
  address: string | undefined;
}

/**
 * Structured data first (JSON-LD seller/organization telephone and address, `tel:` links), then the
 * listing's own text. Navigation, header and footer are left out: a marketplace's own hotline there is
 * not the seller's.
 */
export function sellerContact($: CheerioAPI, structured: { telephone?: unknown; address?: unknown }[], description: string | undefined): SellerContact {
  let phone: string | undefined;
  let address: string | undefined;
  for (const s of structured) {
    phone ??= typeof s.telephone === 'string' ? normalizeVietnamesePhone(s.telephone) : undefined;
    address ??= postalAddress(s.address);
  }
  if (!phone) {
    $('a[href^="tel:"]').each((_, el) => {
      if (phone || $(el).closest('header, nav, footer').length) return;
      phone = normalizeVietnamesePhone(decodeURIComponent(($(el).attr('href') ?? '').slice(4)));
    });
  }
  phone ??= phonesIn(description)[0];
  address ??= addressIn(description);
  return { phone, address };
}
