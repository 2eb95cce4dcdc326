import type { PlatformContext, PlatformProduct } from '../extract/listing.extract.ts';
import { platformAdapter } from './platform.adapter.ts';
import { amount, array, at, atFirst, isObject, str, stateFrom, statesFrom } from './state.read.ts';

/**
 * Lazada (MARKETPLACES.md): product pages embed window.__moduleData__ → data.root.fields (product,
 * skuInfos, skuGalleries, seller, primaryKey); search pages window.pageData → mods.listItems, the same
 * list in the page's own "?ajax=true" JSON. Prices are plain VND strings ("40000.00").
 */
function product(ctx: PlatformContext): PlatformProduct | undefined {
  const fields = at(stateFrom(ctx, /__moduleData__/), 'data.root.fields');
  if (!isObject(fields)) return undefined;
  const title = str(atFirst(fields, 'product.title', 'tracking.pdt_name'), 400);
  if (!title) return undefined;
  const sku = atFirst(fields, 'skuInfos.0', 'skuInfos.1');
  const price = amount(atFirst(sku, 'price.salePrice.value', 'price.salePrice.text', 'price.originalPrice.value'));
  const gallery = array(atFirst(fields, 'skuGalleries.0', 'skuGalleries.1')).map((g) => str(at(g, 'src') ?? at(g, 'poster')));
  const itemId = str(atFirst(fields, 'primaryKey.itemId', 'product.itemId'));
  const skuId = str(atFirst(fields, 'primaryKey.skuId', 'skuInfos.0.skuId'));
  const stock = at(sku, 'stock');
  const sellerUrl = str(at(fields, 'seller.url'));
  return {
    title,
    description: str(atFirst(fields, 'product.desc', 'product.highlights', 'specifications.0.features.description')),
    price: price ? { amount: price, currency: 'VND' } : undefined,
    images: [...gallery, str(at(sku, 'image'))].filter((u): u is string => Boolean(u)),
    sellerName: str(at(fields, 'seller.name'), 200),
    sellerUrl: sellerUrl ? new URL(sellerUrl, ctx.url).toString() : undefined,
    externalId: itemId ? (skuId ? `${itemId}.${skuId}` : itemId) : undefined,
    availability: typeof stock === 'number' ? (stock > 0 ? 'in_stock' : 'out_of_stock') : undefined,
  };
}

function productLinks(ctx: PlatformContext): string[] {
  const lists = [stateFrom(ctx, /pageData/), ...statesFrom(ctx, /[?&]ajax=true/)];
  const out: string[] = [];
  for (const data of lists) {
    for (const item of array(at(data, 'mods.listItems'))) {
      const href = str(at(item, 'itemUrl') ?? at(item, 'productUrl'));
      if (href) out.push(new URL(href, ctx.url).toString());
    }
  }
  return out;
}

function block(ctx: PlatformContext): string | undefined {
  if (ctx.$('#baxia-punish, .J_MIDDLEWARE_FRAME_WIDGET, #nocaptcha, iframe[src*="punish"]').length) return 'block page (Lazada slider captcha)';
  const title = ctx.$('title').text();
  if (/unusual traffic|lưu lượng truy cập bất thường/i.test(title)) return `block page (title "${title.trim().slice(0, 80)}")`;
  return undefined;
}

export const lazadaAdapter = platformAdapter({
  name: 'lazada',
  label: 'Lazada',
  hosts: /(^|\.)lazada\.vn$/,
  politeness: { requestsPerMinute: 4, delaySeconds: 15, maxConcurrency: 1, maxPagesPerRun: 60, needsSession: false },
  hooks: { product, productLinks, block },
});
