import { extractPage, type PlatformHooks } from '../extract/listing.extract.ts';
import { hostMatcher, type Politeness, type SiteAdapter } from './site-adapter.ts';

export interface PlatformDefinition {
  name: string;
  label: string;
  hosts: RegExp;
  politeness: Politeness;
  hooks: PlatformHooks;
}

/** A named adapter: the generic extraction with the platform's state paths, block and removal rules on top. */
export function platformAdapter(def: PlatformDefinition): SiteAdapter {
  return {
    name: def.name,
    label: def.label,
    matches: hostMatcher(def.hosts),
    politeness: def.politeness,
    extract: (input) => extractPage(input, def.hooks),
  };
}
