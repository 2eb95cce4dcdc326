import type { PlatformContext, PlatformProduct } from '../extract/listing.extract.ts';
import { platformAdapter } from './platform.adapter.ts';
import { amount, array, at, isObject, str, statesFrom } from './state.read.ts';

/**
 * The bundled sample marketplace "Chợ Quê Online" (scripts/demo/marketplace): product pages are shells
 * filled from the page's own call to /api/san-pham/<id> ({ item, related }); grids are server-rendered
 * a.card links. It runs on loopback, so it is chosen by name (--adapter cho-que), never by host.
 */
function product(ctx: PlatformContext): PlatformProduct | undefined {
  for (const data of statesFrom(ctx, /\/api\/san-pham\/\d+/)) {
    const item = at(data, 'item');
    if (!isObject(item)) continue;
    const title = str(item.name, 400);
    if (!title) continue;
    const price = amount(item.price);
    const shopUrl = str(at(item, 'shop.url'));
    return {
      title,
      description: str(item.description),
      price: price ? { amount: price, currency: str(item.currency) ?? 'VND' } : undefined,
      images: array(item.images).map((u) => str(u)).filter((u): u is string => Boolean(u)).map((u) => new URL(u, ctx.url).toString()),
      sellerName: str(at(item, 'shop.name'), 200),
      sellerUrl: shopUrl ? new URL(shopUrl, ctx.url).toString() : undefined,
      sellerPhone: str(at(item, 'shop.phone'), 40),
      sellerAddress: str(at(item, 'shop.address'), 200),
      externalId: str(item.itemid),
    };
  }
  return undefined;
}

function productLinks(ctx: PlatformContext): string[] {
  // Only grid pages: a product page's "related" cards are links to follow, not a sign it is an index.
  if (/\/(san-pham|san-pham-an)\//.test(new URL(ctx.url).pathname)) return [];
  return ctx.$('.grid a.card[href]').map((_, el) => new URL(ctx.$(el).attr('href')!, ctx.url).toString()).get();
}

export const choQueAdapter = platformAdapter({
  name: 'cho-que',
  label: 'Chợ Quê Online (sample marketplace)',
  hosts: /^$/,
  politeness: { requestsPerMinute: 0, delaySeconds: 0, maxConcurrency: 4, maxPagesPerRun: 10_000, needsSession: false },
  hooks: { product, productLinks },
});
