import type { Locale } from '../i18n/i18n.ts';

const VN_TZ = 'Asia/Ho_Chi_Minh';

/** Prices are shown as Vietnamese readers expect them (1.250.000 ₫), whatever the UI language. */
export function formatVnd(amount: number | null | undefined): string {
  if (amount == null) return '—';
  return new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(amount);
}

export function formatUtc(date: Date): string {
  return `${date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`;
}

const vnParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(date: Date): Record<string, string> {
  return Object.fromEntries(vnParts.formatToParts(date).map((p) => [p.type, p.value]));
}

/** Vietnam time (UTC+7, no daylight saving) as dd/mm/yyyy HH:MM:SS, the form official documents use. */
export function formatVietnamTime(date: Date): string {
  const p = parts(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second} (UTC+7)`;
}

export function formatVietnamDate(date: Date): string {
  const p = parts(date);
  return `${p.day}/${p.month}/${p.year}`;
}

export function formatScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** The same page in another language, keeping the other query parameters. */
export function languageHref(currentUrl: string, lang: Locale): string {
  const url = new URL(currentUrl);
  url.searchParams.set('lang', lang);
  return `${url.pathname}?${url.searchParams.toString()}`;
}

/** Only local paths: an open redirect after login would hand phishers a trusted link. */
export function safeNext(next: unknown, fallback = '/findings'): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}
