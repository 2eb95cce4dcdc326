import type { PlatformContext, PlatformProduct } from '../extract/listing.extract.ts';
import { platformAdapter } from './platform.adapter.ts';
import { amount, array, at, atFirst, isObject, slugify, str, statesFrom } from './state.read.ts';

/**
 * Shopee (MARKETPLACES.md): client-rendered only; the product comes from the page's own call to
 * api/v4/pdp/get_pc, grids from api/v4/search/search_items (cards under item_basic, item_data since 2026).
 * Prices are VND × 100000, -1 when unset. Never call these APIs ourselves: they are signed.
 */
const IMAGE_HOST = 'https://down-vn.img.susercontent.com/file/';
/** Error codes of the anti-bot layer, answered with HTTP 200. */
const BOT_ERRORS = new Set([90309999, 90309998, 10006]);
const PRODUCT_PATH = /-i\.\d+\.\d+|\/product\/\d+\/\d+/;

const image = (hash: unknown) => {
  const h = str(hash);
  if (!h) return undefined;
  return /^https?:\/\//.test(h) ? h : `${IMAGE_HOST}${h}`;
};

function availability(item: Record<string, unknown>): string | undefined {
  if (item.item_status && item.item_status !== 'normal') return 'discontinued';
  const stock = atFirst(item, 'stock', 'normal_stock', 'stock_info_v2.summed_stock');
  return typeof stock === 'number' ? (stock > 0 ? 'in_stock' : 'out_of_stock') : undefined;
}

function product(ctx: PlatformContext): PlatformProduct | undefined {
  for (const data of statesFrom(ctx, /\/api\/v4\/(pdp\/get_pc|pdp\/get|item\/get)/)) {
    const item = atFirst(data, 'data.item', 'data');
    if (!isObject(item)) continue;
    const title = str(item.title ?? item.name, 400);
    if (!title) continue;
    const shop = at(data, 'data.shop_detailed');
    const shopId = str(item.shop_id ?? item.shopid);
    const itemId = str(item.item_id ?? item.itemid);
    const models = array(item.models).filter(isObject);
    return {
      title,
      description: str(item.description),
      price: ((p) => (p ? { amount: p, currency: 'VND' } : undefined))(amount(item.price_min ?? item.price ?? models[0]?.price, 100_000)),
      images: array(item.images).map(image).filter((u): u is string => Boolean(u)),
      sellerName: isObject(shop) ? str(shop.name, 200) : undefined,
      sellerUrl: shopId ? `https://shopee.vn/shop/${shopId}` : undefined,
      externalId: shopId && itemId ? `${shopId}.${itemId}` : itemId,
      availability: availability(item),
    };
  }
  return undefined;
}

function productLinks(ctx: PlatformContext): string[] {
  const out: string[] = [];
  for (const data of statesFrom(ctx, /\/api\/v4\/(search\/search_items|shop\/search_items|shop\/rcmd_items|recommend)/)) {
    for (const entry of array(atFirst(data, 'items', 'data.items', 'data.sections.0.data.item'))) {
      const card = isObject(entry) ? (atFirst(entry, 'item_basic', 'item_data', 'item') ?? entry) : undefined;
      if (!isObject(card)) continue;
      const shopId = str(card.shopid ?? card.shop_id);
      const itemId = str(card.itemid ?? card.item_id);
      const name = str(card.name ?? card.title) ?? 'san-pham';
      if (shopId && itemId) out.push(new URL(`/${slugify(name)}-i.${shopId}.${itemId}`, ctx.url).toString());
    }
  }
  return out;
}

function block(ctx: PlatformContext): string | undefined {
  for (const state of ctx.states) {
    const code = at(state.data, 'error');
    if (typeof code === 'number' && BOT_ERRORS.has(code) && /\/api\//.test(state.source)) return `block page (Shopee anti-bot answer ${code} from ${new URL(state.source).pathname})`;
  }
  // A product page whose data never arrived is a wall, not an empty product (MARKETPLACES.md §6).
  const path = new URL(ctx.url).pathname;
  if (PRODUCT_PATH.test(path) && !product(ctx) && !gone(ctx) && ctx.status !== 404 && !/không tồn tại|not found/i.test(ctx.$('body').text().slice(0, 20_000))) {
    const fetched = ctx.states.some((s) => /\/api\/v4\//.test(s.source));
    return `block page (Shopee product data missing${fetched ? '' : ': the page made no product call'})`;
  }
  return undefined;
}

function gone(ctx: PlatformContext): string | undefined {
  for (const data of statesFrom(ctx, /\/api\/v4\/(pdp\/get_pc|pdp\/get|item\/get)/)) {
    const message = str(at(data, 'error_msg')) ?? str(at(data, 'error_message'));
    if (at(data, 'data') == null && message && /not.?found|không tồn tại|deleted|banned/i.test(message)) return `Shopee says "${message.slice(0, 80)}"`;
  }
  return undefined;
}

export const shopeeAdapter = platformAdapter({
  name: 'shopee',
  label: 'Shopee',
  hosts: /(^|\.)shopee\.vn$/,
  politeness: { requestsPerMinute: 2, delaySeconds: 30, maxConcurrency: 1, maxPagesPerRun: 25, needsSession: true },
  hooks: { scaledPrices: true, product, productLinks, block, gone },
});
