import type { PlatformContext, PlatformProduct } from '../extract/listing.extract.ts';
import { platformAdapter } from './platform.adapter.ts';
import { amount, array, at, atFirst, isObject, str, stateFrom, statesFrom } from './state.read.ts';

/**
 * Tiki (MARKETPLACES.md): Next.js __NEXT_DATA__ with the product under
 * props.initialState.productv2.productData.response.data, grids under props.initialState.catalog.data;
 * the page's own calls to /api/v2/products/<id> and the listings API carry the same shapes. Plain VND.
 */
const INVENTORY: Record<string, string> = { available: 'in_stock', out_of_stock: 'out_of_stock', discontinued: 'discontinued', preorder: 'preorder' };

function fromProduct(data: unknown, base: string): PlatformProduct | undefined {
  if (!isObject(data)) return undefined;
  const title = str(data.name, 400);
  if (!title) return undefined;
  const price = amount(data.price ?? data.final_price);
  const seller = atFirst(data, 'current_seller', 'seller');
  const link = str(at(seller, 'link') ?? at(seller, 'url'));
  return {
    title,
    description: str(data.description) ?? str(data.short_description),
    price: price ? { amount: price, currency: 'VND' } : undefined,
    images: array(data.images)
      .map((i) => str(atFirst(i, 'large_url', 'base_url', 'medium_url')))
      .concat(array(data.images).length ? [] : [str(data.thumbnail_url)])
      .filter((u): u is string => Boolean(u)),
    sellerName: str(at(seller, 'name'), 200),
    sellerUrl: link ? new URL(link, base).toString() : undefined,
    externalId: str(data.id),
    availability: INVENTORY[str(data.inventory_status) ?? ''] ?? str(data.inventory_status, 40),
  };
}

function product(ctx: PlatformContext): PlatformProduct | undefined {
  const next = stateFrom(ctx, /^__NEXT_DATA__$/);
  return (
    fromProduct(atFirst(next, 'props.initialState.productv2.productData.response.data', 'props.pageProps.product'), ctx.url) ??
    statesFrom(ctx, /\/api\/v2\/products\/\d+/).map((d) => fromProduct(d, ctx.url)).find(Boolean)
  );
}

function productLinks(ctx: PlatformContext): string[] {
  const next = stateFrom(ctx, /^__NEXT_DATA__$/);
  const cards = [...array(at(next, 'props.initialState.catalog.data')), ...statesFrom(ctx, /\/api\/(personalish\/v1\/blocks\/listings|v2\/products\?)/).flatMap((d) => array(at(d, 'data')))];
  return cards.map((c) => str(at(c, 'url_path') ?? at(c, 'url_key'))).filter((p): p is string => Boolean(p)).map((p) => new URL(p.replace(/^\/?/, '/'), ctx.url).toString());
}

function gone(ctx: PlatformContext): string | undefined {
  const next = stateFrom(ctx, /^__NEXT_DATA__$/);
  const status = at(next, 'props.pageProps.statusCode') ?? at(next, 'props.initialState.productv2.productData.response.status');
  if (status === 404 || at(next, 'page') === '/404') return 'Tiki says the product does not exist (404 in page state)';
  return undefined;
}

export const tikiAdapter = platformAdapter({
  name: 'tiki',
  label: 'Tiki',
  hosts: /(^|\.)tiki\.vn$/,
  politeness: { requestsPerMinute: 12, delaySeconds: 5, maxConcurrency: 2, maxPagesPerRun: 300, needsSession: false },
  hooks: { product, productLinks, gone },
});
