import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** A tiny shop on 127.0.0.1 for crawl tests: server- and client-rendered products, lazy images, robots.txt. */
export interface FixtureSite {
  url: string;
  hits: Map<string, number>;
  close(): Promise<void>;
  /** Bytes served for each good image path, to check what was stored. */
  images: Map<string, Buffer>;
}

async function png(r: number, g: number, b: number): Promise<Buffer> {
  return sharp({ create: { width: 240, height: 240, channels: 3, background: { r, g, b } } })
    .composite([{ input: Buffer.from(`<svg width="240" height="240"><circle cx="${60 + r / 4}" cy="120" r="50" fill="white"/></svg>`) }])
    .png()
    .toBuffer();
}

const layout = (title: string, body: string, head = '') => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title>${head}</head>
<body><header><a href="/"><img src="/img/logo.png" alt="logo" width="40" height="40"></a><nav><a href="/danh-muc/tranh">Tranh</a> <a href="/gio-hang">Giỏ hàng</a></nav></header>
<main>${body}</main><footer><a href="/gioi-thieu">Giới thiệu</a></footer></body></html>`;

const card = (href: string, name: string, price: string) => `<li class="product-card"><a href="${href}"><img data-src="/img/thumb.png" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><h3>${name}</h3></a><span class="price">${price}</span></li>`;

export async function startFixtureSite(options: { closedPort?: number } = {}): Promise<FixtureSite> {
  const images = new Map<string, Buffer>([
    ['/img/ga.png', await png(200, 30, 30)],
    ['/img/ga-2.png', await png(30, 160, 40)],
    ['/img/lon.png', await png(30, 30, 200)],
    ['/img/gom.png', await png(150, 100, 20)],
    ['/img/thumb.png', await png(90, 90, 90)],
    ['/img/logo.png', await png(10, 10, 10)],
  ]);
  const hits = new Map<string, number>();
  const pages: Record<string, () => [number, string, string]> = {
    '/robots.txt': () => [200, 'text/plain', 'User-agent: *\nDisallow: /san-pham/cam\nDisallow: /img/private/\n'],
    '/': () => [200, 'text/html', layout('Cửa hàng tranh', '<h1>Cửa hàng tranh dân gian</h1><a href="/danh-muc/tranh">Xem tranh</a>')],
    '/danh-muc/tranh': () => [200, 'text/html', layout('Tranh', `<h1>Tranh Đông Hồ</h1><ul>
      ${card('/san-pham/tranh-ga?utm_source=fb&sp_atk=1', 'Tranh gà', '125.000 ₫')}
      ${card('/san-pham/tranh-lon', 'Tranh lợn', '1.250.000đ')}
      ${card('/san-pham/gom-phu-lang', 'Gốm Phù Lãng', '1,2tr')}
      </ul><div class="pagination"><a href="/danh-muc/tranh?page=2">2</a></div>`)],
    '/danh-muc/tranh?page=2': () => [200, 'text/html', layout('Tranh trang 2', `<h1>Tranh Đông Hồ</h1><ul>
      ${card('/san-pham/cam', 'Tranh cấm', '99.000 ₫')}
      ${card('/san-pham/hong', 'Trang hỏng', '10.000 ₫')}
      ${card('/san-pham/tranh-ga', 'Tranh gà', '125.000 ₫')}
      </ul><div class="pagination"><a href="/danh-muc/tranh">1</a></div>`)],
    '/san-pham/tranh-ga': () => [200, 'text/html', layout('Tranh gà Đông Hồ', `<div class="product"><h1>Tranh gà Đông Hồ</h1>
      <img src="/img/ga.png" width="400" height="400" alt="Tranh gà"><img data-src="/img/ga-2.png" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
      <span class="price">125.000 ₫</span><div class="description">Tranh gà in trên giấy điệp, làng Đông Hồ.</div><button>Thêm vào giỏ</button></div>`,
      `<link rel="canonical" href="/san-pham/tranh-ga"><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Tranh gà Đông Hồ', description: 'Tranh gà in trên giấy điệp, làng Đông Hồ.', image: ['/img/ga.png', '/img/ga-2.png'], sku: 'GA-01', offers: { '@type': 'Offer', price: 125000, priceCurrency: 'VND', seller: { '@type': 'Organization', name: 'Xưởng tranh Nguyễn Đăng' } } })}</script>`)],
    // Client-rendered: the shell has no data; a script fetches it and lazy-loads the picture on scroll.
    '/san-pham/tranh-lon': () => [200, 'text/html', layout('Đang tải…', `<div id="app">Đang tải…</div><div style="height:2500px"></div><img id="lazy" class="lazy" data-src="/img/lon.png" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="300" height="300">
      <script>
      fetch('/api/products/lon').then(r => r.json()).then(p => {
        document.title = p.name;
        document.getElementById('app').innerHTML = '<div class="product-detail"><h1>' + p.name + '</h1><div class="price">' + p.priceText + '</div><p class="shop-name"><a href="/shop/lang-tranh">Làng tranh</a></p><button>Mua ngay</button></div>';
      });
      const io = new IntersectionObserver(es => es.forEach(e => { if (e.isIntersecting) { e.target.src = e.target.dataset.src; io.unobserve(e.target); } }));
      io.observe(document.getElementById('lazy'));
      </script>`)],
    '/api/products/lon': () => [200, 'application/json', JSON.stringify({ id: 'lon', name: 'Tranh lợn ăn cây ráy', priceText: '1.250.000đ', price: 1250000, description: 'Tranh lợn đàn, khắc gỗ, in màu thủ công tại làng Đông Hồ, Bắc Ninh.', images: ['/img/lon.png'], shop: { name: 'Làng tranh', url: '/shop/lang-tranh' } })],
    '/san-pham/gom-phu-lang': () => [200, 'text/html', layout('Gốm Phù Lãng', '<p>Bình gốm men da lươn.</p><img src="/img/gom.png" width="300" height="300"><img src="/img/missing.jpg" width="300" height="300"><img src="/img/fake.jpg" width="300" height="300"><img src="/img/private/x.png" width="300" height="300">' + (options.closedPort ? `<img src="http://127.0.0.1:${options.closedPort}/img/away.png" width="300" height="300">` : ''),
      '<meta property="og:type" content="product"><meta property="og:title" content="Bình gốm Phù Lãng"><meta property="og:description" content="Bình gốm men da lươn, Phù Lãng."><meta property="product:price:amount" content="1200000"><meta property="product:price:currency" content="VND"><meta property="og:url" content="/san-pham/gom-phu-lang?fbclid=abc">')],
    '/san-pham/cam': () => [200, 'text/html', layout('Cấm', '<h1>Không được vào</h1><span class="price">99.000 ₫</span>')],
    '/san-pham/hong': () => [200, 'text/html', '<html><head><title>Trang hỏng<script type="application/ld+json">{"@type": "Product", "name": </script></head><body><h1>Trang <div><span>hỏng \u0000\u0001 <img src="'],
    '/img/fake.jpg': () => [200, 'image/jpeg', '<html><body>Not found</body></html>'],
  };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const image = images.get(path);
    if (image) {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': image.byteLength });
      return res.end(image);
    }
    const page = pages[path];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html' });
      return res.end('<html><body><h1>404</h1></body></html>');
    }
    const [status, type, body] = page();
    res.writeHead(status, { 'content-type': type.startsWith('image/') ? type : `${type}; charset=utf-8`, 'x-fixture': 'ipwatch' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    images,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
