import type { PlatformContext, PlatformProduct } from '../extract/listing.extract.ts';
import { parsePrice } from '../extract/price.parse.ts';
import { platformAdapter } from './platform.adapter.ts';

/**
 * Facebook Marketplace and Page shops (MARKETPLACES.md): client-rendered DOM only (title: the last h1,
 * price: the element after it); logged-out visitors meet a login wall, so a source needs an officer's session.
 */
function product(ctx: PlatformContext): PlatformProduct | undefined {
  if (!/\/marketplace\/item\/\d+/.test(new URL(ctx.url).pathname)) return undefined;
  const h1 = ctx.$('h1').filter((_, el) => ctx.$(el).text().trim().length > 1).last();
  const title = h1.text().replace(/\s+/g, ' ').trim();
  if (!title) return undefined;
  const near = h1.parent().text().replace(title, '').slice(0, 200);
  const price = parsePrice(h1.next().text().trim() || near);
  const seller = ctx.$('a[href*="/marketplace/profile/"]').first();
  return {
    title,
    description: undefined,
    price: price ? { amount: price.amount, currency: price.currency ?? 'VND' } : undefined,
    images: ctx.$('img[src*="fbcdn.net"]').map((_, el) => ctx.$(el).attr('src') ?? '').get().filter(Boolean).slice(0, 12),
    sellerName: seller.text().trim() || undefined,
    sellerUrl: seller.attr('href') ? new URL(seller.attr('href')!, ctx.url).toString() : undefined,
    externalId: /\/marketplace\/item\/(\d+)/.exec(ctx.url)?.[1],
  };
}

function block(ctx: PlatformContext): string | undefined {
  const path = new URL(ctx.url).pathname;
  if (/^\/(login|checkpoint)\b/.test(path)) return `block page (Facebook login wall at ${path.slice(0, 40)})`;
  if (ctx.$('#login_form, form[action*="/login"], [data-testid="royal_login_form"]').length && !ctx.$('h1').length) return 'block page (Facebook login wall: this source needs an officer session)';
  return undefined;
}

export const facebookAdapter = platformAdapter({
  name: 'facebook',
  label: 'Facebook Marketplace',
  hosts: /(^|\.)(facebook|fb)\.com$/,
  politeness: { requestsPerMinute: 2, delaySeconds: 30, maxConcurrency: 1, maxPagesPerRun: 40, needsSession: true },
  hooks: { product, block },
});
