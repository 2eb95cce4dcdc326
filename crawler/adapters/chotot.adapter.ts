import type { PlatformContext, PlatformProduct } from '../extract/listing.extract.ts';
import { platformAdapter } from './platform.adapter.ts';
import { amount, array, at, atFirst, isObject, str, stateFrom } from './state.read.ts';

/**
 * Chợ Tốt (MARKETPLACES.md): Next.js __NEXT_DATA__ with the ad under adView.adInfo.ad (subject, body,
 * price, images, account_name) and category pages under adlisting.data.ads. Plain VND; subdomains nha./xe.
 */
function product(ctx: PlatformContext): PlatformProduct | undefined {
  const next = stateFrom(ctx, /^__NEXT_DATA__$/);
  const ad = atFirst(next, 'props.initialState.adView.adInfo.ad', 'props.pageProps.initialState.adView.adInfo.ad');
  if (!isObject(ad)) return undefined;
  const title = str(ad.subject, 400);
  if (!title) return undefined;
  const price = amount(ad.price);
  const account = str(ad.account_oid);
  return {
    title,
    description: str(ad.body),
    price: price ? { amount: price, currency: 'VND' } : undefined,
    images: array(ad.images).map((i) => str(typeof i === 'string' ? i : at(i, 'url'))).filter((u): u is string => Boolean(u)),
    sellerName: str(ad.account_name ?? ad.full_name, 200),
    sellerUrl: account ? `https://www.chotot.com/user/${account}` : undefined,
    externalId: str(ad.list_id),
  };
}

function productLinks(ctx: PlatformContext): string[] {
  const next = stateFrom(ctx, /^__NEXT_DATA__$/);
  return array(atFirst(next, 'props.initialState.adlisting.data.ads', 'props.pageProps.initialState.adlisting.data.ads'))
    .map((ad) => str(at(ad, 'list_id')))
    .filter((id): id is string => Boolean(id))
    .map((id) => new URL(`/${id}.htm`, ctx.url).toString());
}

export const chototAdapter = platformAdapter({
  name: 'chotot',
  label: 'Chợ Tốt',
  hosts: /(^|\.)chotot\.com$/,
  politeness: { requestsPerMinute: 12, delaySeconds: 5, maxConcurrency: 2, maxPagesPerRun: 300, needsSession: false },
  hooks: { product, productLinks },
});
