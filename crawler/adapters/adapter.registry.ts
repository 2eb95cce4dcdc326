import { ValidationError } from '../../core/errors/errors.ts';
import { choQueAdapter } from './cho-que.adapter.ts';
import { chototAdapter } from './chotot.adapter.ts';
import { facebookAdapter } from './facebook.adapter.ts';
import { genericAdapter } from './generic.adapter.ts';
import { lazadaAdapter } from './lazada.adapter.ts';
import { sendoAdapter } from './sendo.adapter.ts';
import { shopeeAdapter } from './shopee.adapter.ts';
import type { Politeness, SiteAdapter } from './site-adapter.ts';
import { tikiAdapter } from './tiki.adapter.ts';
import { tiktokAdapter } from './tiktok.adapter.ts';

const all: SiteAdapter[] = [genericAdapter, choQueAdapter, shopeeAdapter, lazadaAdapter, tikiAdapter, sendoAdapter, chototAdapter, tiktokAdapter, facebookAdapter];
const adapters = new Map<string, SiteAdapter>(all.map((a) => [a.name, a]));

/** Every adapter name a source or `ipwatch crawl --adapter NAME` may use. */
export const ADAPTER_NAMES: readonly string[] = Object.freeze(all.map((a) => a.name));

export function adapterNames(): string[] {
  return [...ADAPTER_NAMES];
}

/** The adapter a source names; an unknown name is the officer's input to correct, so a ValidationError. */
export function adapterByName(name: string): SiteAdapter {
  const adapter = adapters.get(name);
  if (!adapter) throw new ValidationError(`unknown site adapter "${name}"; known: ${adapterNames().join(', ')}`, { adapter: name });
  return adapter;
}

/** The most specific adapter for a URL, the generic one when no site-specific adapter claims it. */
export function adapterForUrl(url: string): SiteAdapter {
  for (const adapter of adapters.values()) if (adapter !== genericAdapter && adapter.matches(url)) return adapter;
  return genericAdapter;
}

/** Polite defaults of an adapter (for the per-domain limiter); the generic ones for an unknown name. */
export function politenessOf(name: string): Politeness {
  return adapters.get(name)?.politeness ?? genericAdapter.politeness;
}

/** Name, label and defaults of every adapter, for the source form and the API. */
export function adapterCatalogue(): { name: string; label: string; politeness: Politeness }[] {
  return all.map((a) => ({ name: a.name, label: a.label, politeness: a.politeness }));
}
