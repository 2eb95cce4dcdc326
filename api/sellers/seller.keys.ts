import { normalizeVietnamesePhone } from '../../crawler/extract/seller.contact.ts';
import { foldVietnamese } from '../../fingerprints/text/vietnamese.ts';
import { normalizeSellerName, normalizeUrl } from '../../matcher/allow-list.rules.ts';
import type { SellerKeyKind } from './seller.schema.ts';

export interface SellerKey {
  kind: SellerKeyKind;
  value: string;
}

export interface SellerFields {
  title: string;
  description: string | null;
  sellerName: string | null;
  sellerUrl: string | null;
  /** The number the crawler read from the page's seller block or structured data (E.164), if any. */
  sellerPhone?: string | null;
}

/**
 * A phone number in its one national form (0xxxxxxxxx): "+84 912.345.678", "84912345678",
 * "0912 345 678" and "(+84) 912-345-678" are the same number. The crawler's normaliser decides what a
 * Vietnamese number is (one rule for the whole pipeline); keys keep the national form they were stored
 * in. Hotlines (1800/1900) are undefined here: a marketplace's or a brand's, they would link strangers.
 */
export function normalizePhone(raw: string): string | undefined {
  const e164 = normalizeVietnamesePhone(raw);
  return e164?.startsWith('+84') ? `0${e164.slice(3)}` : undefined;
}

/** Digit groups separated by single spaces, dots, dashes or brackets, not glued to other digits. */
const NUMBER_RUN = /(?<![\d])(?:\(?\+?\d[\d().\- ]{4,24}\d)(?![\d])/g;

/** Every VN phone number written in a text, normalised, in order of appearance, each once. */
export function extractPhones(text: string): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(NUMBER_RUN)) {
    const run = match[0];
    if (/ {2,}|\.{2,}|-{2,}/.test(run)) continue;
    const phone = normalizePhone(run);
    if (phone) out.add(phone);
  }
  return [...out];
}

/** Bank names and common short forms (folded, lowercase, spaces removed) → one code per bank. */
const BANKS: Record<string, string> = {
  vietcombank: 'VCB', vcb: 'VCB', techcombank: 'TCB', tcb: 'TCB', vietinbank: 'CTG', bidv: 'BIDV', agribank: 'AGRIBANK',
  mbbank: 'MB', mb: 'MB', quandoi: 'MB', acb: 'ACB', achau: 'ACB', vpbank: 'VPB', tpbank: 'TPB', tienphong: 'TPB',
  sacombank: 'STB', vib: 'VIB', shb: 'SHB', hdbank: 'HDB', ocb: 'OCB', phuongdong: 'OCB', msb: 'MSB', seabank: 'SEAB', eximbank: 'EIB',
  lpbank: 'LPB', lienvietpostbank: 'LPB', namabank: 'NAB', bacabank: 'BAB', abbank: 'ABB', pvcombank: 'PVCB', scb: 'SCB',
  kienlongbank: 'KLB', vietabank: 'VAB', baovietbank: 'BVB', oceanbank: 'OCEAN', gpbank: 'GPB', vietbank: 'VBB', ncb: 'NCB',
  saigonbank: 'SGB', shinhan: 'SHINHAN', woori: 'WOORI', cake: 'CAKE', timo: 'TIMO',
};
const BANK_WORDS = Object.keys(BANKS).sort((a, b) => b.length - a.length);
/** A bank's name as written: letters possibly split by spaces ("MB Bank", "Viet com bank", "ngân hàng ACB"). */
const BANK_PATTERN = new RegExp(`(?<![a-z])(${BANK_WORDS.map((w) => w.split('').join(' ?')).join('|')})(?: ?bank)?(?![a-z])`, 'g');
/** How far (characters) a bank's name may be from the account number it names. */
const BANK_WINDOW = 40;

/**
 * Bank account numbers that have a bank's name next to them ("STK 0123 456 789 Vietcombank",
 * "MB Bank: 9704-1234-5678"): `<BANKCODE>:<digits>`. A number without a bank nearby is not taken
 * (it may be a phone, a price or an order number).
 */
export function extractBankAccounts(text: string): string[] {
  const folded = foldVietnamese(text.normalize('NFC')).toLowerCase();
  const banks = [...folded.matchAll(BANK_PATTERN)].map((m) => ({ code: BANKS[m[1]!.replace(/ /g, '')]!, start: m.index, end: m.index + m[0].length }));
  if (!banks.length) return [];
  const out = new Set<string>();
  for (const match of folded.matchAll(NUMBER_RUN)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length < 6 || digits.length > 19 || match[0].includes('+')) continue;
    const start = match.index;
    const end = start + match[0].length;
    let best: { code: string; gap: number } | undefined;
    for (const bank of banks) {
      const between = bank.end <= start ? folded.slice(bank.end, start) : bank.start >= end ? folded.slice(end, bank.start) : '';
      // A bank names a number on the same line only.
      if (between.includes('\n')) continue;
      const gap = between.length;
      if (gap <= BANK_WINDOW && (!best || gap < best.gap)) best = { code: bank.code, gap };
    }
    if (best) out.add(`${best.code}:${digits}`);
  }
  return [...out];
}

/** Generic words of shop names that say nothing about who sells. */
const GENERIC = new Set(['shop', 'store', 'official', 'chinh', 'hang', 'cua', 'ban', 'mall', 'the', 'sieu', 'thi']);

/** A seller's name reduced for comparison: folded, lowercase, generic words and spaces dropped. */
export function sellerNameKey(name: string): string {
  return normalizeSellerName(name).split(' ').filter((w) => w && !GENERIC.has(w)).join('');
}

function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) out.set(text.slice(i, i + 2), (out.get(text.slice(i, i + 2)) ?? 0) + 1);
  return out;
}

/** Dice coefficient over character bigrams of two name keys, 0..1. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (a.length < 2 || b.length < 2) return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  for (const [gram, n] of x) shared += Math.min(n, y.get(gram) ?? 0);
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/** Names this close (after sellerNameKey) are taken as one seller; shorter keys must be equal. */
export const NAME_SIMILARITY_MIN = 0.85;
export const NAME_KEY_MIN_LENGTH = 5;

export function namesMatch(a: string, b: string): boolean {
  if (a.length < NAME_KEY_MIN_LENGTH || b.length < NAME_KEY_MIN_LENGTH) return false;
  return nameSimilarity(a, b) >= NAME_SIMILARITY_MIN;
}

/** Everything that identifies the seller behind one listing. */
export function sellerKeysOf(listing: SellerFields): SellerKey[] {
  const keys: SellerKey[] = [];
  const shop = listing.sellerUrl ? normalizeUrl(listing.sellerUrl, false) : undefined;
  if (shop) keys.push({ kind: 'shop', value: shop });
  const text = [listing.sellerName ?? '', listing.title, listing.description ?? ''].join('\n');
  const shown = listing.sellerPhone ? normalizePhone(listing.sellerPhone) : undefined;
  for (const phone of new Set([...(shown ? [shown] : []), ...extractPhones(text)])) keys.push({ kind: 'phone', value: phone });
  for (const account of extractBankAccounts(text)) keys.push({ kind: 'bank', value: account });
  const name = listing.sellerName ? sellerNameKey(listing.sellerName) : '';
  if (name.length >= NAME_KEY_MIN_LENGTH) keys.push({ kind: 'name', value: name });
  return keys;
}
