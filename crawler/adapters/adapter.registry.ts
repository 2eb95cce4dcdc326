import { ValidationError } from '../../core/errors/errors.ts';
import { genericAdapter } from './generic.adapter.ts';
import type { SiteAdapter } from './site-adapter.ts';

const adapters = new Map<string, SiteAdapter>([[genericAdapter.name, genericAdapter]]);

export function adapterNames(): string[] {
  return [...adapters.keys()];
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
