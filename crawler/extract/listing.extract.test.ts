import { describe, expect, it } from 'vitest';
import { blockPage, blogPostPage, categoryPage, jsonLdPage, malformedPage, microdataPage, moduleDataPage, modernRouterPage, nextDataPage, openGraphPage, renderedDomPage } from '../test/saved.pages.ts';
import { extractPage } from './listing.extract.ts';

describe('extractPage', () => {
  it('reads a JSON-LD Product (@graph, AggregateOffer, ImageObject) and the canonical link', () => {
    const page = extractPage({ url: 'https://www.lazada.vn/products/tranh-dam-cuoi-chuot-i123456-s789.html?spm=x', html: jsonLdPage });
    expect(page.kind).toBe('product');
    expect(page.listing).toMatchObject({
      url: 'https://www.lazada.vn/products/tranh-dam-cuoi-chuot-i123456-s789.html',
      platform: 'lazada.vn',
      externalId: '123456.789',
      title: 'Tranh Đông Hồ Đám cưới chuột',
      description: 'Tranh in giấy dó,\nkhổ 30x40.',
      priceVnd: 40000,
      currency: 'VND',
      sellerName: 'Nhà tranh Bắc Ninh',
      sellerUrl: 'https://www.lazada.vn/shop/nha-tranh',
      images: ['https://vn-live.slatic.net/p/a.jpg', 'https://vn-live.slatic.net/p/b.jpg'],
      source: 'json-ld',
    });
    expect(page.listing!.contentHash).toMatch(/^[a-f0-9]{64}$/);
  });

  it('reads an OpenGraph-only product page and cleans og:url', () => {
    const page = extractPage({ url: 'https://shop.vn/gom-phu-lang?utm_source=zalo', html: openGraphPage });
    expect(page.kind).toBe('product');
    expect(page.listing).toMatchObject({ url: 'https://shop.vn/gom-phu-lang', title: 'Bình gốm Phù Lãng men da lươn', priceVnd: 350000, images: ['https://cdn.shop.vn/gom-1.jpg', 'https://cdn.shop.vn/gom-2.jpg'], source: 'opengraph' });
  });

  it('reads a client-rendered DOM: heading, current price, seller, lazy images without placeholders, icons or related items', () => {
    const page = extractPage({ url: 'https://shop.vn/p/tuong-go', html: renderedDomPage });
    expect(page.kind).toBe('product');
    expect(page.listing).toMatchObject({ title: 'Tượng gỗ Đồng Kỵ', priceVnd: 1250000, sellerName: 'Đồ gỗ Đồng Kỵ', sellerUrl: 'https://shop.vn/shop/dong-ky', source: 'dom' });
    expect(page.listing!.description).toBe('Tượng gỗ mít nguyên khối.\nCao 40 cm.');
    expect(page.listing!.images).toEqual(['https://shop.vn/img/a.jpg', 'https://cdn.shop.vn/img/b.jpg', 'https://shop.vn/img/c-1080.jpg']);
  });

  it('reads __NEXT_DATA__ and picks the detailed product, not the related cards', () => {
    const page = extractPage({ url: 'https://tiki.vn/truyen-kieu-p2468.html?spid=1', html: nextDataPage });
    expect(page.kind).toBe('product');
    expect(page.listing).toMatchObject({ title: 'Truyện Kiều (bản đặc biệt)', priceVnd: 189000, externalId: '2468', sellerName: 'Nhà sách Kinh Bắc', images: ['https://salt.tikicdn.com/ts/product/a.jpg'], source: 'state' });
  });

  it('reads window.__moduleData__ with a brace-matching scanner (quotes and braces inside strings)', () => {
    const page = extractPage({ url: 'https://www.lazada.vn/products/non-la-i555.html', html: moduleDataPage });
    expect(page.listing).toMatchObject({ title: 'Nón lá Chuông "quai lụa" {đẹp}', priceVnd: 75000, sellerName: 'Làng Chuông', images: ['https://vn-live.slatic.net/p/non.jpg'] });
  });

  it('reads __MODERN_ROUTER_DATA__ (TikTok Shop decimal prices)', () => {
    const page = extractPage({ url: 'https://shop.tiktok.com/vn/pdp/1729000111', html: modernRouterPage });
    expect(page.listing).toMatchObject({ title: 'Tranh sơn mài Hạc', priceVnd: 450000, externalId: '1729000111' });
  });

  it('reads JSON the page fetched itself', () => {
    const page = extractPage({ url: 'https://spa.vn/item/9', html: '<html><body><div id="app"></div></body></html>', jsonResponses: [{ url: 'https://spa.vn/api/item/9', data: { data: { item: { title: 'Quạt giấy', price: 45000, description: 'Quạt giấy làng Chàng Sơn, nan tre, vẽ tay.' } } } }] });
    expect(page.listing).toMatchObject({ title: 'Quạt giấy', priceVnd: 45000 });
  });

  it('reads microdata', () => {
    const page = extractPage({ url: 'https://aodai.vn/ao-dai', html: microdataPage });
    expect(page.listing).toMatchObject({ title: 'Áo dài lụa Vạn Phúc', priceVnd: 890000, images: ['https://aodai.vn/img/ao-dai.jpg'], source: 'microdata' });
  });

  it('reports a block page and never makes it a listing', () => {
    const page = extractPage({ url: 'https://shopee.vn/verify/traffic?is_initial=true', html: blockPage });
    expect(page.kind).toBe('blocked');
    expect(page.listing).toBeUndefined();
    expect(extractPage({ url: 'https://shop.vn/p/1', html: blockPage }).blockReason).toMatch(/Security Check/);
    expect(extractPage({ url: 'https://shop.vn/p/1', html: renderedDomPage, status: 429 }).kind).toBe('blocked');
  });

  it('survives a malformed page', () => {
    const page = extractPage({ url: 'https://shop.vn/hong', html: malformedPage });
    expect(['other', 'article', 'product']).toContain(page.kind);
    expect(() => extractPage({ url: 'https://shop.vn/x', html: '' })).not.toThrow();
    expect(extractPage({ url: 'https://shop.vn/x', html: '\u0000\u0001<<<>>>' }).listing).toBeUndefined();
  });

  it('classifies a category page and finds same-site product and pagination links', () => {
    const page = extractPage({ url: 'https://shop.vn/danh-muc/tranh', html: categoryPage });
    expect(page.kind).toBe('index');
    expect(page.listing).toBeUndefined();
    expect(page.links.products.sort()).toEqual(['https://shop.vn/san-pham/tranh-chuot', 'https://shop.vn/san-pham/tranh-ga', 'https://shop.vn/san-pham/tranh-lon']);
    expect(page.links.pagination.sort()).toEqual(['https://shop.vn/danh-muc/tranh?page=2', 'https://shop.vn/danh-muc/tranh?page=3']);
    expect(page.links.other).toContain('https://shop.vn/danh-muc/gom');
    expect([...page.links.products, ...page.links.pagination, ...page.links.other].some((u) => /other\.vn|\.pdf|mailto|gio-hang/.test(u))).toBe(false);
  });

  it('keeps a blog post that re-publishes a text, with the text as description', () => {
    const page = extractPage({ url: 'https://blog.vn/2026/01/ben-kia-song-duong/', html: blogPostPage });
    expect(page.kind).toBe('article');
    expect(page.listing!.title).toBe('Bên kia sông Đuống');
    expect(page.listing!.description).toContain('Em ơi buồn làm chi\nAnh đưa em về sông Đuống');
    expect(page.listing!.priceVnd).toBeUndefined();
    expect(page.listing!.images).toEqual(['https://blog.vn/wp-content/uploads/song-duong.jpg']);
  });

  it('gives the same content hash for the same content and a new one when it changes', () => {
    const a = extractPage({ url: 'https://shop.vn/gom-phu-lang', html: openGraphPage }).listing!;
    const b = extractPage({ url: 'https://shop.vn/gom-phu-lang?fbclid=1', html: openGraphPage }).listing!;
    const c = extractPage({ url: 'https://shop.vn/gom-phu-lang', html: openGraphPage.replace('350000', '360000') }).listing!;
    expect(a.contentHash).toBe(b.contentHash);
    expect(c.contentHash).not.toBe(a.contentHash);
  });
});

describe('seller contact in extraction', () => {
  const page = (jsonLd: object, body = '') => `<!doctype html><html><head><script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head><body><main><h1>Bình gốm men lam</h1>${body}</main><footer><a href="tel:19001234">Tổng đài sàn</a></footer></body></html>`;

  it("takes the seller's telephone and address from JSON-LD, normalised, outside the content hash", () => {
    const ld = { '@context': 'https://schema.org', '@type': 'Product', name: 'Bình gốm men lam', offers: { '@type': 'Offer', price: 350000, priceCurrency: 'VND', seller: { '@type': 'Organization', name: 'Gốm Kinh Bắc', telephone: '0912.345.678', address: { '@type': 'PostalAddress', streetAddress: 'Thôn Phù Lãng', addressRegion: 'Bắc Ninh' } } } };
    const withContact = extractPage({ url: 'https://shop.vn/binh', html: page(ld) }).listing!;
    expect(withContact).toMatchObject({ sellerName: 'Gốm Kinh Bắc', sellerPhone: '+84912345678', sellerAddress: 'Thôn Phù Lãng, Bắc Ninh' });
    const without = extractPage({ url: 'https://shop.vn/binh', html: page({ ...ld, offers: { ...ld.offers, seller: { '@type': 'Organization', name: 'Gốm Kinh Bắc' } } }) }).listing!;
    expect(without.sellerPhone).toBeUndefined();
    expect(without.contentHash).toBe(withContact.contentHash);
  });

  it("falls back to the listing's own text, never to the marketplace hotline in the footer", () => {
    const ld = { '@context': 'https://schema.org', '@type': 'Product', name: 'Bình gốm men lam', description: 'Hàng thủ công. Zalo: 0987 654 321. Địa chỉ: xã Phù Lãng, Bắc Ninh', offers: { '@type': 'Offer', price: 350000, priceCurrency: 'VND' } };
    expect(extractPage({ url: 'https://shop.vn/binh', html: page(ld) }).listing).toMatchObject({ sellerPhone: '+84987654321', sellerAddress: 'xã Phù Lãng, Bắc Ninh' });
    const bare = { ...ld, description: 'Hàng thủ công.' };
    expect(extractPage({ url: 'https://shop.vn/binh', html: page(bare) }).listing!.sellerPhone).toBeUndefined();
  });
});
