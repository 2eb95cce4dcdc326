import type { PlatformContext, PlatformProduct } from '../extract/listing.extract.ts';
import { platformAdapter } from './platform.adapter.ts';
import { amount, array, at, atFirst, isObject, str, stateFrom } from './state.read.ts';

/**
 * TikTok Shop (MARKETPLACES.md): server-rendered <script id="__MODERN_ROUTER_DATA__"> with the product
 * in loaderData…components_map[] (component product_info); decimal VND strings. No web search.
 */
function productInfo(ctx: PlatformContext): Record<string, unknown> | undefined {
  const loader = at(stateFrom(ctx, /__MODERN_ROUTER_DATA__/), 'loaderData');
  if (!isObject(loader)) return undefined;
  for (const route of Object.values(loader)) {
    for (const component of array(atFirst(route, 'page_config.components_map', 'components_map'))) {
      const info = atFirst(component, 'component_data.product_info', 'product_info');
      if (isObject(info)) return info;
    }
  }
  return undefined;
}

function product(ctx: PlatformContext): PlatformProduct | undefined {
  const info = productInfo(ctx);
  const title = info && str(atFirst(info, 'product_name', 'product_base.title', 'title'), 400);
  if (!info || !title) return undefined;
  const price = amount(atFirst(info, 'price.sale_price_decimal', 'product_base.price.real_price', 'price.original_price_decimal'));
  const sellerId = str(atFirst(info, 'seller.seller_id', 'seller_id'));
  return {
    title,
    description: str(atFirst(info, 'desc', 'product_base.desc_detail', 'description')),
    price: price ? { amount: price, currency: 'VND' } : undefined,
    images: array(atFirst(info, 'product_base.images', 'images'))
      .map((i) => str(typeof i === 'string' ? i : atFirst(i, 'url_list.0', 'url')))
      .filter((u): u is string => Boolean(u)),
    sellerName: str(atFirst(info, 'seller.name', 'shop_name'), 200),
    sellerUrl: sellerId ? `https://shop.tiktok.com/vn/store/${sellerId}` : undefined,
    externalId: str(info.product_id),
  };
}

function block(ctx: PlatformContext): string | undefined {
  if (ctx.$('#captcha_container, #captcha-verify-image, .captcha_verify_container, [class*=secsdk-captcha]').length) return 'block page (TikTok verification puzzle)';
  return undefined;
}

export const tiktokAdapter = platformAdapter({
  name: 'tiktok-shop',
  label: 'TikTok Shop',
  hosts: /(^|\.)(shop\.)?tiktok\.com$/,
  politeness: { requestsPerMinute: 2, delaySeconds: 30, maxConcurrency: 1, maxPagesPerRun: 25, needsSession: true },
  hooks: { product, block },
});
