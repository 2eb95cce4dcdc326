import { describe, expect, it } from 'vitest';
import { jsonLdPage, openGraphPage, renderedDomPage } from '../test/saved.pages.ts';
import * as cq from '../test/fixtures/cho-que.pages.ts';
import * as lz from '../test/fixtures/lazada.pages.ts';
import * as ot from '../test/fixtures/other.pages.ts';
import * as sp from '../test/fixtures/shopee.pages.ts';
import * as tk from '../test/fixtures/tiki.pages.ts';
import { ADAPTER_NAMES, adapterByName, adapterCatalogue, adapterForUrl, politenessOf } from './adapter.registry.ts';

const run = (name: string, url: string, html: string, json: [string, unknown][] = [], status = 200) =>
  adapterByName(name).extract({ url, html, status, jsonResponses: json.map(([u, data]) => ({ url: u, data })) });

describe('adapter registry', () => {
  it('names every adapter, picks one by host, and keeps the generic one as fallback', () => {
    expect(ADAPTER_NAMES).toEqual(expect.arrayContaining(['generic', 'cho-que', 'shopee', 'lazada', 'tiki', 'sendo', 'chotot', 'tiktok-shop', 'facebook']));
    expect(adapterForUrl(sp.shopeeProductUrl).name).toBe('shopee');
    expect(adapterForUrl('https://m.tiki.vn/x-p1.html').name).toBe('tiki');
    expect(adapterForUrl('https://www.lazada.vn/products/x-i1.html').name).toBe('lazada');
    expect(adapterForUrl('https://evil-shopee.vn.example.com/').name).toBe('generic');
    expect(adapterForUrl('http://127.0.0.1:3100/').name).toBe('generic');
    expect(() => adapterByName('nope')).toThrow(/unknown site adapter "nope"; known: generic/);
  });

  it('exposes polite default rates per platform', () => {
    expect(politenessOf('shopee')).toMatchObject({ requestsPerMinute: 2, delaySeconds: 30, maxConcurrency: 1, needsSession: true });
    expect(politenessOf('cho-que').requestsPerMinute).toBe(0);
    expect(politenessOf('tiki').delaySeconds).toBeLessThan(politenessOf('lazada').delaySeconds);
    expect(politenessOf('unknown')).toEqual(politenessOf('generic'));
    for (const a of adapterCatalogue()) expect(a.politeness.maxConcurrency).toBeGreaterThanOrEqual(1);
  });
});

describe('Chợ Quê Online (sample marketplace)', () => {
  it('reads the product from the JSON the page fetched, canonical URL without tracking', () => {
    const page = run('cho-que', cq.choQueProductUrl, cq.choQueProduct, [[cq.choQueApiUrl, cq.choQueApi]]);
    expect(page.kind).toBe('product');
    expect(page.listing).toMatchObject({
      url: `${cq.choQueBase}/san-pham/tranh-dong-ho-lon-dan-i1007`,
      title: 'Tranh Đông Hồ Lợn đàn in giấy điệp',
      priceVnd: 125000,
      sellerName: 'Xưởng tranh Kinh Bắc',
      sellerUrl: `${cq.choQueBase}/shop/xuong-tranh-kinh-bac`,
      externalId: '1007',
      images: [`${cq.choQueBase}/img/0a1b2c3d4e5f60718293a4b5.jpg`, `${cq.choQueBase}/img/1a1b2c3d4e5f60718293a4b5.jpg`],
      source: 'adapter',
    });
    expect(page.links.products).toContain(`${cq.choQueBase}/san-pham/tranh-ga-trong-i1008`);
  });

  it('classifies a grid page as an index and a not-found page as removed', () => {
    const grid = run('cho-que', cq.choQueCategoryUrl, cq.choQueCategory);
    expect(grid.kind).toBe('index');
    expect(grid.links.products).toHaveLength(3);
    expect(run('cho-que', cq.choQueNotFoundUrl, cq.choQueNotFound, [], 404)).toMatchObject({ kind: 'removed', removedReason: 'HTTP 404' });
    expect(run('cho-que', cq.choQueNotFoundUrl, cq.choQueNotFound, [], 200)).toMatchObject({ kind: 'removed', removedReason: expect.stringMatching(/Không tìm thấy trang/) });
  });
});

describe('Shopee', () => {
  it('reads a product page from its own pdp call: ÷100000 prices, image hashes, shop, stable id', () => {
    const page = run('shopee', sp.shopeeProductUrl, sp.shopeeProductDom, [[sp.shopeePdpUrl, sp.shopeePdp]]);
    expect(page.kind).toBe('product');
    expect(page.listing).toMatchObject({
      url: 'https://shopee.vn/Tranh-%C4%90%C3%B4ng-H%E1%BB%93-L%E1%BB%A3n-%C4%91%C3%A0n-i.88001234.22334455667',
      title: 'Tranh Đông Hồ Lợn đàn khổ A3 in giấy điệp',
      priceVnd: 120000,
      currency: 'VND',
      externalId: '88001234.22334455667',
      sellerName: 'Tranh Dân Gian Kinh Bắc',
      sellerUrl: 'https://shopee.vn/shop/88001234',
      availability: 'in_stock',
      images: ['https://down-vn.img.susercontent.com/file/vn-11134207-7r98o-lsh1a2b3c4d5e6', 'https://down-vn.img.susercontent.com/file/vn-11134207-7r98o-lsh1a2b3c4d5e7'],
    });
    expect(page.listing!.description).toContain('Khổ A3');
  });

  it('turns search results and a shop page into product links (item_basic and the 2026 item_data)', () => {
    const search = run('shopee', sp.shopeeSearchUrl, sp.shopeeSearchDom, [[sp.shopeeSearchApiUrl, sp.shopeeSearchJson]]);
    expect(search.kind).toBe('index');
    expect(search.links.products.filter((u) => /-i\.\d+\.\d+$/.test(u))).toEqual(
      expect.arrayContaining(['https://shopee.vn/Tranh-Dong-Ho-Lon-dan-kho-A3-i.88001234.22334455667', 'https://shopee.vn/Tranh-Dam-cuoi-chuot-i.77.1002', 'https://shopee.vn/Tranh-ga-trong-i.77.1003']),
    );
    const shop = run('shopee', sp.shopeeShopUrl, sp.shopeeShell(), [[sp.shopeeShopApiUrl, sp.shopeeShopJson]]);
    expect(shop.kind).toBe('index');
    expect(shop.links.products).toEqual(expect.arrayContaining(['https://shopee.vn/Tranh-Bit-mat-bat-de-i.88001234.5']));
  });

  it('reports traffic walls, anti-bot JSON and a product page without data as blocked, never as listings', () => {
    const wall = run('shopee', sp.shopeeTrafficWallUrl, sp.shopeeTrafficWall);
    expect(wall.kind).toBe('blocked');
    expect(wall.listing).toBeUndefined();
    const antiBot = run('shopee', sp.shopeeProductUrl, sp.shopeeShell(), [[sp.shopeePdpUrl, sp.shopeeAntiBotJson]]);
    expect(antiBot).toMatchObject({ kind: 'blocked', blockReason: expect.stringMatching(/90309999/) });
    expect(run('shopee', sp.shopeeProductUrl, sp.shopeeShell())).toMatchObject({ kind: 'blocked', blockReason: expect.stringMatching(/data missing/) });
  });

  it('reports a taken-down item as removed', () => {
    expect(run('shopee', sp.shopeeProductUrl, sp.shopeeGoneDom, [[sp.shopeePdpUrl, sp.shopeeGoneJson]])).toMatchObject({ kind: 'removed', removedReason: expect.stringMatching(/item not found/) });
    expect(run('shopee', sp.shopeeProductUrl, sp.shopeeGoneDom)).toMatchObject({ kind: 'removed' });
  });
});

describe('Lazada', () => {
  it('reads window.__moduleData__: sku price, gallery, seller, item+sku id, stock', () => {
    const page = run('lazada', lz.lazadaProductUrl, lz.lazadaProduct);
    expect(page.listing).toMatchObject({
      url: 'https://www.lazada.vn/products/non-la-lang-chuong-quai-lua-i2233445566-s11223344556.html',
      title: 'Nón lá làng Chuông quai lụa, vành 40 cm',
      priceVnd: 75000,
      externalId: '2233445566.11223344556',
      sellerName: 'Nón Lá Làng Chuông Official',
      sellerUrl: 'https://www.lazada.vn/shop/non-la-lang-chuong/',
      availability: 'out_of_stock',
      images: ['https://vn-live.slatic.net/p/non-la-1.jpg', 'https://vn-live.slatic.net/p/non-la-2.jpg', 'https://vn-live.slatic.net/p/non-la-0.jpg'],
    });
    expect(page.listing!.description).toBe('Nón lá làng Chuông, lá cọ phơi sương.\nQuai lụa tơ tằm.');
  });

  it('reads search results from window.pageData and from the ajax JSON', () => {
    const page = run('lazada', lz.lazadaSearchUrl, lz.lazadaSearch, [[lz.lazadaSearchAjaxUrl, lz.lazadaSearchAjax]]);
    expect(page.kind).toBe('index');
    expect(page.links.products).toEqual(
      expect.arrayContaining(['https://www.lazada.vn/products/non-la-lang-chuong-quai-lua-i2233445566-s11223344556.html', 'https://www.lazada.vn/products/non-la-bai-tho-i998877-s1.html', 'https://www.lazada.vn/products/non-la-tre-em-i555-s6.html']),
    );
  });

  it('reports the slider captcha (HTTP 200) as blocked, by URL and by widget', () => {
    expect(run('lazada', lz.lazadaPunishUrl, lz.lazadaPunish).kind).toBe('blocked');
    expect(run('lazada', lz.lazadaProductUrl, lz.lazadaPunish)).toMatchObject({ kind: 'blocked', blockReason: expect.stringMatching(/captcha/) });
  });
});

describe('Tiki', () => {
  it('reads productv2 from __NEXT_DATA__ with inventory status and seller link', () => {
    const page = run('tiki', tk.tikiProductUrl, tk.tikiProduct);
    expect(page.listing).toMatchObject({
      url: 'https://tiki.vn/truyen-kieu-ban-dac-biet-p2468013.html?itm_campaign=abc&spid=2468014',
      title: 'Truyện Kiều (bản đặc biệt, bìa cứng)',
      priceVnd: 189000,
      externalId: '2468013',
      sellerName: 'Nhà sách Kinh Bắc',
      sellerUrl: 'https://tiki.vn/cua-hang/nha-sach-kinh-bac',
      availability: 'in_stock',
      images: ['https://salt.tikicdn.com/cache/w1200/ts/product/a1.jpg', 'https://salt.tikicdn.com/ts/product/a2.jpg'],
    });
  });

  it('reads category grids from the state and shop grids from the listings API', () => {
    const cat = run('tiki', tk.tikiCategoryUrl, tk.tikiCategory);
    expect(cat.kind).toBe('index');
    expect(cat.links.products).toEqual(expect.arrayContaining(['https://tiki.vn/truyen-kieu-p2468013.html?spid=2468014', 'https://tiki.vn/tat-den-p9753.html']));
    const shop = run('tiki', tk.tikiShopUrl, tk.tikiShop, [[tk.tikiShopApiUrl, tk.tikiShopJson]]);
    expect(shop.kind).toBe('index');
    expect(shop.links.products).toContain('https://tiki.vn/vo-nhat-p4444.html');
  });

  it('reports a 404 page state as removed', () => {
    expect(run('tiki', tk.tikiGoneUrl, tk.tikiGone)).toMatchObject({ kind: 'removed', removedReason: expect.stringMatching(/404/) });
  });
});

describe('Sendo, Chợ Tốt, TikTok Shop, Facebook', () => {
  it('Sendo: search XHR on another subdomain gives product links; the detail XHR gives the product', () => {
    const search = run('sendo', ot.sendoSearchUrl, ot.sendoSearch, [[ot.sendoSearchApiUrl, ot.sendoSearchJson]]);
    expect(search.kind).toBe('index');
    expect(search.links.products).toEqual(expect.arrayContaining(['https://www.sendo.vn/binh-gom-phu-lang-men-da-luon-11.html', 'https://www.sendo.vn/dia-gom-phu-lang-12.html']));
    const product = run('sendo', ot.sendoProductUrl, ot.sendoProduct, [[ot.sendoDetailUrl, ot.sendoDetailJson]]);
    expect(product.listing).toMatchObject({ title: 'Bình gốm Phù Lãng men da lươn', priceVnd: 350000, sellerName: 'Gốm Phù Lãng', availability: 'in_stock', images: ['https://media3.scdn.vn/img4/binh-1.jpg', 'https://media3.scdn.vn/img4/binh-2.jpg'] });
  });

  it('Chợ Tốt: ad and listing from __NEXT_DATA__', () => {
    expect(run('chotot', ot.chototAdUrl, ot.chototAd).listing).toMatchObject({ title: 'Bộ tranh Đông Hồ cũ 5 bức', priceVnd: 2500000, externalId: '112233445', sellerName: 'Anh Tuấn', sellerUrl: 'https://www.chotot.com/user/abc123' });
    const list = run('chotot', ot.chototListUrl, ot.chototList);
    expect(list.kind).toBe('index');
    expect(list.links.products).toEqual(expect.arrayContaining(['https://www.chotot.com/1.htm', 'https://www.chotot.com/22.htm']));
  });

  it('TikTok Shop: product_info from __MODERN_ROUTER_DATA__; the puzzle page is blocked', () => {
    expect(run('tiktok-shop', ot.tiktokUrl, ot.tiktokProduct).listing).toMatchObject({ title: 'Tranh sơn mài Hạc khung gỗ', priceVnd: 450000, externalId: '1729000111222', sellerName: 'Sơn Mài Hạ Thái', images: ['https://p16-oec-va.ibyteimg.com/tos/a.jpeg'] });
    expect(run('tiktok-shop', ot.tiktokUrl, ot.tiktokCaptcha)).toMatchObject({ kind: 'blocked', blockReason: expect.stringMatching(/puzzle|captcha/) });
  });

  it('Facebook: last h1 and the price after it; login walls (redirected or in place) are blocked', () => {
    expect(run('facebook', ot.facebookItemUrl, ot.facebookItem).listing).toMatchObject({ title: 'Tranh Đông Hồ Đám cưới chuột', priceVnd: 250000, externalId: '1234567890123456', sellerName: 'Nguyễn Văn A' });
    expect(run('facebook', ot.facebookLoginWallUrl, ot.facebookLoginWall).kind).toBe('blocked');
    expect(run('facebook', ot.facebookItemUrl, ot.facebookOverlayWall)).toMatchObject({ kind: 'blocked', blockReason: expect.stringMatching(/login wall/) });
    expect(run('generic', ot.facebookItemUrl, ot.facebookOverlayWall).kind).toBe('blocked');
  });
});

describe('named adapters fall back to the generic extraction', () => {
  it('on pages their state paths do not cover', () => {
    expect(run('lazada', 'https://www.lazada.vn/products/tranh-dam-cuoi-chuot-i123456-s789.html', jsonLdPage).listing).toMatchObject({ title: 'Tranh Đông Hồ Đám cưới chuột', priceVnd: 40000, source: 'json-ld' });
    expect(run('tiki', 'https://tiki.vn/gom-p1.html', openGraphPage).listing).toMatchObject({ priceVnd: 350000, source: 'opengraph' });
    expect(run('sendo', 'https://www.sendo.vn/tuong-go.html', renderedDomPage).listing).toMatchObject({ title: 'Tượng gỗ Đồng Kỵ', source: 'dom' });
  });

  it('and survive hostile state (wrong types, huge numbers, nulls)', () => {
    const weird = { data: { item: { title: ['x'], price_min: 'abc', images: 'nope', models: null }, shop_detailed: 7 } };
    expect(() => run('shopee', sp.shopeeProductUrl, sp.shopeeShell(), [[sp.shopeePdpUrl, weird]])).not.toThrow();
    expect(() => run('tiki', tk.tikiProductUrl, '<script id="__NEXT_DATA__" type="application/json">{"props":{"initialState":{"productv2":{"productData":{"response":{"data":{"name":5,"images":{"a":1}}}}}}}}</script>')).not.toThrow();
    expect(() => run('lazada', lz.lazadaProductUrl, '<script>window.__moduleData__ = {"data":{"root":{"fields":{"product":{"title":"T"},"skuInfos":"x","skuGalleries":{"0":"y"}}}}};</script>')).not.toThrow();
  });
});
