/** Saved HTML of the kinds of pages the generic adapter meets, trimmed to what matters. */

const shell = (head: string, body: string, lang = 'vi') => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

export const jsonLdPage = shell(
  `<title>Tranh Đông Hồ Đám cưới chuột | Lazada.vn</title>
  <link rel="canonical" href="https://www.lazada.vn/products/tranh-dam-cuoi-chuot-i123456-s789.html?spm=a2o4n.search&search=1">
  <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"BreadcrumbList","itemListElement":[]},
  {"@type":"Product","name":"Tranh Đông Hồ Đám cưới chuột","description":"Tranh in giấy dó,\\nkhổ 30x40.","image":["https://vn-live.slatic.net/p/a.jpg",{"@type":"ImageObject","url":"https://vn-live.slatic.net/p/b.jpg"}],
  "sku":"789","offers":[{"@type":"AggregateOffer","lowPrice":"40000.00","highPrice":"55000.00","priceCurrency":"VND","seller":{"@type":"Organization","name":"Nhà tranh Bắc Ninh","url":"https://www.lazada.vn/shop/nha-tranh"}}]}]}</script>`,
  `<h1>Tranh Đông Hồ Đám cưới chuột</h1><div class="pdp-price">40.000 ₫</div>`,
);

export const openGraphPage = shell(
  `<title>Gốm Phù Lãng</title>
  <meta property="og:type" content="product"><meta property="og:title" content="Bình gốm Phù Lãng men da lươn">
  <meta property="og:description" content="Bình gốm thủ công">
  <meta property="og:image" content="https://cdn.shop.vn/gom-1.jpg"><meta property="og:image" content="https://cdn.shop.vn/gom-2.jpg">
  <meta property="og:url" content="https://shop.vn/gom-phu-lang?utm_source=zalo&fbclid=xyz">
  <meta property="product:price:amount" content="350000"><meta property="product:price:currency" content="VND">`,
  `<div>Trang sản phẩm</div>`,
);

export const renderedDomPage = shell(
  `<title>Loading…</title>`,
  `<header><img src="https://shop.vn/logo.png" class="logo"></header>
  <main><div class="product-detail">
    <div class="gallery">
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-original="/img/a.jpg">
      <img data-ks-lazyload="//cdn.shop.vn/img/b.jpg" src="data:image/png;base64,iVBOR">
      <img srcset="/img/c-320.jpg 320w, /img/c-1080.jpg 1080w" src="/img/c-320.jpg">
      <img src="/img/icon-cart.png" width="16" height="16">
    </div>
    <h1> Tượng   gỗ Đồng Kỵ </h1>
    <div class="price-box"><del class="old-price">2.000.000đ</del><span class="current-price">1.250.000đ</span></div>
    <div class="shop-name"><a href="/shop/dong-ky">Đồ gỗ Đồng Kỵ</a></div>
    <button>Thêm vào giỏ hàng</button>
    <div class="product-description"><p>Tượng gỗ mít nguyên khối.</p><p>Cao 40 cm.</p></div>
  </div>
  <section class="related-products"><div class="card"><a href="/p/khac"><img src="/img/related.jpg"><h3>Khác</h3></a><span>99.000đ</span></div></section>
  </main>`,
);

export const nextDataPage = shell(
  `<title>Sách Truyện Kiều - Tiki</title>
  <script id="__NEXT_DATA__" type="application/json">${JSON.stringify({
    props: {
      initialState: {
        productv2: { productData: { response: { data: { id: 2468, name: 'Truyện Kiều (bản đặc biệt)', price: 189000, list_price: 250000, short_description: 'Truyện Kiều của Nguyễn Du, bìa cứng, minh hoạ màu, bản in đặc biệt năm 2026.', images: [{ base_url: 'https://salt.tikicdn.com/ts/product/a.jpg' }], current_seller: { name: 'Nhà sách Kinh Bắc', link: 'https://tiki.vn/cua-hang/kinh-bac' } } } } },
        related: { items: [{ name: 'Lục Vân Tiên', price: 99000 }, { name: 'Chinh phụ ngâm', price: 89000 }] },
      },
    },
  })}</script>`,
  `<div id="__next"></div>`,
);

export const moduleDataPage = shell(
  `<title>Nón lá</title><script>var x = 1; window.__moduleData__ = {"data":{"root":{"fields":{"item":{"itemId":"555","title":"Nón lá Chuông \\"quai lụa\\" {đẹp}","salePrice":{"value":"75000.00","text":"75.000 ₫"},"desc":"Nón lá làng Chuông, vành 40 cm, quai lụa.","images":["//vn-live.slatic.net/p/non.jpg"],"seller":{"name":"Làng Chuông"}}}}}}; window.other = [1,2];</script>`,
  `<div id="root"></div>`,
);

export const modernRouterPage = shell(
  `<title>TikTok Shop</title><script id="__MODERN_ROUTER_DATA__" type="application/json">${JSON.stringify({
    loaderData: { 'pdp/page': { page_config: { components_map: [{ component_type: 'product_info', component_data: { product_info: { product_id: '1729000111', product_name: 'Tranh sơn mài Hạc', price: { sale_price_decimal: '450000', currency: 'VND' }, desc: 'Tranh sơn mài vẽ tay hình hạc, khung gỗ.' } } }] } } },
  })}</script>`,
  `<div id="root"></div>`,
);

export const blockPage = shell(`<title>Security Check</title>`, `<div class="captcha-container"><div id="nc_1_wrapper"></div></div><p>Vui lòng xác minh bạn không phải robot.</p>`);

export const malformedPage = `<html><head><title>Trang hỏng<script type="application/ld+json">{"@type": "Product", "name": </script></head><body><h1>Trang <div><span>hỏng \u0000 <img src="`;

export const categoryPage = shell(
  `<title>Tranh dân gian</title>`,
  `<nav><a href="/">Trang chủ</a><a href="/gio-hang">Giỏ</a></nav>
  <main><h1>Tranh dân gian</h1><ul>
  <li class="product-item"><a href="/san-pham/tranh-ga?utm_source=x"><img data-src="/t/1.jpg"><h3>Tranh gà</h3></a><span class="price">125.000 ₫</span></li>
  <li class="product-item"><a href="/san-pham/tranh-lon"><img data-src="/t/2.jpg"><h3>Tranh lợn</h3></a><span class="price">150.000 ₫</span></li>
  <li class="product-item"><a href="/san-pham/tranh-chuot"><img data-src="/t/3.jpg"><h3>Tranh chuột</h3></a><span class="price">99.000 ₫</span></li>
  <li class="product-item"><a href="https://other.vn/san-pham/x"><h3>Ngoài</h3></a><span class="price">1 ₫</span></li>
  </ul>
  <div class="pagination"><a href="?page=2">2</a><a href="?page=3">3</a><a href="/danh-muc/tranh?page=2" rel="next">›</a></div>
  <a href="/danh-muc/gom">Gốm</a><a href="/files/catalog.pdf">Catalogue</a><a href="mailto:a@b.vn">Mail</a></main>`,
);

export const blogPostPage = shell(
  `<title>Bài thơ Bên kia sông Đuống – Blog văn chương</title><meta property="og:type" content="article">`,
  `<header><h1 class="site-title">Blog văn chương</h1></header>
  <article><h2 class="entry-title">Bên kia sông Đuống</h2><div class="entry-content">
  <p>Em ơi buồn làm chi<br>Anh đưa em về sông Đuống<br>Ngày xưa cát trắng phẳng lì</p>
  <p>Sông Đuống trôi đi<br>Một dòng lấp lánh<br>Nằm nghiêng nghiêng trong kháng chiến trường kỳ</p>
  <p>Xanh xanh bãi mía bờ dâu<br>Ngô khoai biêng biếc<br>Đứng bên này sông sao nhớ tiếc</p>
  <p><img src="/wp-content/uploads/song-duong.jpg" width="600" height="400"></p>
  </div><span class="author"><a href="/author/admin">admin</a></span></article>
  <aside><h3><a href="/bai-khac">Bài khác</a></h3></aside>`,
);

export const microdataPage = shell(
  `<title>Áo dài</title>`,
  `<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Áo dài lụa Vạn Phúc</h1>
  <img itemprop="image" src="/img/ao-dai.jpg"><div itemprop="description">Lụa tơ tằm Vạn Phúc.</div>
  <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="890000">890.000 ₫</span><meta itemprop="priceCurrency" content="VND"></div></div>`,
);
