import type { PlatformContext, PlatformProduct } from '../extract/listing.extract.ts';
import { platformAdapter } from './platform.adapter.ts';
import { amount, array, at, atFirst, isObject, str, statesFrom } from './state.read.ts';

/**
 * Sendo (MARKETPLACES.md): search results arrive through the page's XHR to
 * searchlist-api.sendo.vn/web/products (data[]); product pages load their detail from detail-api.sendo.vn
 * (data: name, final_price, media, shop_info) — the detail shape is to confirm on a live page, so every
 * field has generic fallbacks. Plain VND.
 */
function product(ctx: PlatformContext): PlatformProduct | undefined {
  for (const payload of statesFrom(ctx, /detail-api\.sendo\.vn|\/full\/|\/product\/detail/)) {
    const data = at(payload, 'data');
    if (!isObject(data)) continue;
    const title = str(data.name, 400);
    if (!title) continue;
    const price = amount(data.final_price ?? data.special_price ?? data.price);
    const shop = atFirst(data, 'shop_info', 'shop');
    const shopUrl = str(at(shop, 'shop_url') ?? at(shop, 'url'));
    return {
      title,
      description: str(atFirst(data, 'description_info.description', 'description', 'short_description')),
      price: price ? { amount: price, currency: 'VND' } : undefined,
      images: array(atFirst(data, 'media', 'images')).map((m) => str(typeof m === 'string' ? m : atFirst(m, 'image', 'image_url', 'url'))).filter((u): u is string => Boolean(u)),
      sellerName: str(at(shop, 'shop_name') ?? at(shop, 'name'), 200),
      sellerUrl: shopUrl ? new URL(shopUrl, ctx.url).toString() : undefined,
      externalId: str(data.id ?? data.product_id),
      availability: data.is_out_of_stock === true ? 'out_of_stock' : data.is_out_of_stock === false ? 'in_stock' : undefined,
    };
  }
  return undefined;
}

function productLinks(ctx: PlatformContext): string[] {
  return statesFrom(ctx, /searchlist-api\.sendo\.vn|\/web\/products/)
    .flatMap((payload) => array(at(payload, 'data')))
    .map((card) => str(atFirst(card, 'url_key', 'category_path', 'product_url')))
    .filter((p): p is string => Boolean(p))
    .map((p) => new URL(/^https?:/.test(p) ? p : `/${p.replace(/^\/+/, '')}`, 'https://www.sendo.vn').toString());
}

export const sendoAdapter = platformAdapter({
  name: 'sendo',
  label: 'Sendo',
  hosts: /(^|\.)sendo\.vn$/,
  politeness: { requestsPerMinute: 12, delaySeconds: 5, maxConcurrency: 2, maxPagesPerRun: 300, needsSession: false },
  hooks: { product, productLinks },
});
