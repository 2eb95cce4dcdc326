import type { PlatformContext } from '../extract/listing.extract.ts';
import { parsePrice } from '../extract/price.parse.ts';

/** Small readers for the state paths MARKETPLACES.md lists: every one tolerant of missing or renamed keys. */

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Value at a dotted path ("props.initialState.catalog.data"); undefined when any step is missing. */
export function at(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** The first path of several that holds something: sites rename fields, adapters read a list of fallbacks. */
export function atFirst(root: unknown, ...paths: string[]): unknown {
  for (const path of paths) {
    const value = at(root, path);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

export function str(value: unknown, max = 100_000): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
}

export function amount(value: unknown, divisor = 1): number | undefined {
  if (value === -1 || value === null || value === undefined || value === '') return undefined;
  const parsed = parsePrice(typeof value === 'number' || typeof value === 'string' ? value : undefined);
  return parsed && parsed.amount > 0 ? Math.round(parsed.amount / divisor) : undefined;
}

export const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Embedded states (by source name) and fetched JSON (by URL) whose source matches. */
export function statesFrom(ctx: PlatformContext, source: RegExp): unknown[] {
  return ctx.states.filter((s) => source.test(s.source)).map((s) => s.data);
}

export function stateFrom(ctx: PlatformContext, source: RegExp): unknown {
  return statesFrom(ctx, source)[0];
}

/** Vietnamese slug as marketplaces build it from a title (for links rebuilt from JSON cards). */
export function slugify(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}
