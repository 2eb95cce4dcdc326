import { NonRetryableError } from 'crawlee';
import type { Page } from 'playwright';
import type { Config } from '../../core/config/config.ts';
import type { Database } from '../../core/database/database.ts';
import { errorMessage } from '../../core/errors/errors.ts';
import { loadSessionKey } from './session.key.ts';
import { SessionRepository } from './session.repository.ts';
import type { StorageState } from './storage-state.schema.ts';

/** Pages that already carry the session: a crawl re-navigating the same page does not add it twice. */
const applied = new WeakSet<Page>();

/**
 * Loads an officer's storage state into the page's browser context before navigation: cookies through
 * Playwright, localStorage through an init script limited to the session's own origins. Values are never
 * logged; an init script runs in the page only, so they do not leave the browser.
 */
export async function applyStorageState(page: Page, state: StorageState | undefined): Promise<void> {
  if (!state || applied.has(page)) return;
  applied.add(page);
  if (state.cookies.length) await page.context().addCookies(state.cookies);
  const origins = state.origins.filter((o) => o.localStorage.length);
  if (origins.length) {
    await page.addInitScript((entries: { origin: string; items: { name: string; value: string }[] }[]) => {
      const mine = entries.find((e) => e.origin === window.location.origin);
      if (!mine) return;
      try {
        for (const item of mine.items) if (window.localStorage.getItem(item.name) === null) window.localStorage.setItem(item.name, item.value);
      } catch {
        /* storage disabled for this origin */
      }
    }, origins.map((o) => ({ origin: o.origin, items: o.localStorage })));
  }
}

/** One key per data directory and process: reading the key file for every page would be waste. */
const keys = new Map<string, Promise<Buffer>>();

/**
 * The crawl's hook: loads the source's sealed session (if any) into the page before it navigates.
 * An unreadable session stops the page with a clear, value-free message instead of crawling logged out.
 */
export async function applySourceSession(page: Page, ctx: { db: Database; config: Pick<Config, 'sessionKey' | 'dataDir'> }, sourceId: number): Promise<void> {
  if (applied.has(page)) return;
  const cacheKey = `${ctx.config.dataDir}\u0000${ctx.config.sessionKey ?? ''}`;
  const key = () => {
    let loaded = keys.get(cacheKey);
    if (!loaded) keys.set(cacheKey, (loaded = loadSessionKey(ctx.config)));
    return loaded;
  };
  try {
    await applyStorageState(page, await new SessionRepository(ctx.db, key).load(sourceId));
  } catch (error) {
    throw new NonRetryableError(`browser session not used: ${errorMessage(error)}`);
  }
}
