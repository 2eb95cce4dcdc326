import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { HIDDEN_PREFIX, groundTruth, listingById, listingsOfCategory, publicListings } from './catalog.ts';
import { categoryBySlug, shopBySlug, shops } from './catalog.shops.ts';
import { fold, formatPrice, soldText } from './catalog.text.ts';
import type { GroundTruth, Listing } from './catalog.types.ts';
import { buildImageStore, type ImageStore } from './image-store.ts';
import { homePage, imageUrl, listPage, pageCount, productShell, searchPage, shopPage, simplePage } from './pages.ts';

/**
 * DEMO ONLY: a sample Vietnamese marketplace served on loopback, with planted infringements of the demo
 * registry and the hostile pages a crawler meets in the wild. `truth` says which listing copies which work.
 */

export interface MarketplaceOptions {
  host?: string;
  port?: number;
}

export interface Marketplace {
  url: string;
  close(): Promise<void>;
  truth: GroundTruth;
}

export type { GroundTruth, TruthListing, EditKind, HostileKind } from './catalog.types.ts';

const ROBOTS = ['User-agent: *', 'Disallow: /gio-hang', 'Disallow: /tai-khoan', `Disallow: ${HIDDEN_PREFIX}`, ''].join('\n');
/** Product JSON arrives a little after the page, as from a real API, so a crawler has to wait for it. */
const API_DELAY_MS = 60;

const staticDir = new URL('./static/', import.meta.url);

interface Reply {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

const html = (body: string, status = 200): Reply => ({ status, type: 'text/html; charset=utf-8', body });
const json = (value: unknown, status = 200): Reply => ({ status, type: 'application/json; charset=utf-8', body: JSON.stringify(value) });

function pageParam(url: URL): number | undefined {
  const raw = url.searchParams.get('page') ?? '1';
  const page = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  return page >= 1 ? page : undefined;
}

function apiItem(l: Listing) {
  const shop = shopBySlug(l.shop);
  const related = publicListings.filter((o) => o.category === l.category && o.id !== l.id).slice(0, 6);
  return {
    item: {
      itemid: l.id,
      name: l.title,
      price: l.price,
      price_text: formatPrice(l.price, l.priceStyle),
      currency: 'VND',
      description: l.description,
      images: l.images.map((_, i) => imageUrl(l, i)),
      sold_text: soldText(l.sold),
      rating: shop.rating,
      category: { slug: l.category, name: categoryBySlug(l.category)?.name ?? '' },
      shop: { name: shop.name, slug: shop.slug, location: shop.location, url: `/shop/${shop.slug}`, ...(shop.phone ? { phone: shop.phone } : {}), ...(shop.address ? { address: shop.address } : {}) },
    },
    related: related.map((o) => ({ itemid: o.id, name: o.title, url: o.path, image: imageUrl(o, 0, true), price_text: formatPrice(o.price, o.priceStyle) })),
  };
}

function search(q: string): Listing[] {
  const tokens = fold(q).toLowerCase().split(/\s+/).filter(Boolean);
  if (!tokens.length) return [];
  return publicListings.filter((l) => {
    const hay = fold(`${l.title} ${shopBySlug(l.shop).name}`).toLowerCase();
    return tokens.every((t) => hay.includes(t));
  });
}

async function route(base: string, url: URL, images: ImageStore, files: Map<string, Reply>): Promise<Reply> {
  const path = url.pathname;
  const notFound = () => simplePage('Không tìm thấy trang', 'Trang bạn tìm không tồn tại hoặc đã bị xóa.', 404);
  if (path === '/') return html(homePage(base));
  if (path === '/robots.txt') return { status: 200, type: 'text/plain; charset=utf-8', body: ROBOTS };
  const file = files.get(path);
  if (file) return file;
  if (path.startsWith('/img/')) {
    const found = await images.get(path.slice('/img/'.length));
    if (!found) return { status: 404, type: 'text/plain; charset=utf-8', body: 'Not Found' };
    return { status: 200, type: 'image/jpeg', body: found, headers: { 'cache-control': 'public, max-age=86400' } };
  }
  const cat = /^\/danh-muc\/([a-z0-9-]+)$/.exec(path);
  if (cat) {
    const page = pageParam(url);
    const category = cat[1] === 'tat-ca' ? { slug: 'tat-ca' as const, name: 'Tất cả sản phẩm' } : categoryBySlug(cat[1]!);
    const items = cat[1] === 'tat-ca' ? publicListings : listingsOfCategory(cat[1]!);
    if (!category || !page || page > pageCount(items.length)) { const r = notFound(); return html(r.html, r.status); }
    return html(listPage(base, category, items, page));
  }
  if (path === '/tim-kiem') {
    const q = url.searchParams.get('q') ?? '';
    const items = search(q);
    const page = pageParam(url);
    if (!page || page > pageCount(items.length)) { const r = notFound(); return html(r.html, r.status); }
    return html(searchPage(q, items, page));
  }
  const product = /^\/(san-pham|san-pham-an)\/([a-z0-9-]*)-i(\d+)$/.exec(path);
  if (product) {
    const l = listingById(Number(product[3]));
    const hidden = product[1] === 'san-pham-an';
    if (!l || hidden !== Boolean(l.robotsDisallowed)) { const r = notFound(); return html(r.html, r.status); }
    return html(productShell(base, l));
  }
  const api = /^\/api\/san-pham\/(\d+)$/.exec(path);
  if (api) {
    await new Promise((r) => setTimeout(r, API_DELAY_MS));
    const l = listingById(Number(api[1]));
    if (!l) return json({ error: 'not_found', message: 'Sản phẩm không tồn tại' }, 404);
    // A truncated body with a JSON content type, as a backend cut off mid-response sends.
    if (l.hostile === 'json-malformed') return { status: 200, type: 'application/json; charset=utf-8', body: JSON.stringify(apiItem(l)).slice(0, 90) };
    return json(apiItem(l));
  }
  const shop = /^\/shop\/([a-z0-9-]+)$/.exec(path);
  if (shop) {
    const s = shops.find((x) => x.slug === shop[1]);
    if (!s) { const r = notFound(); return html(r.html, r.status); }
    return html(shopPage(base, s));
  }
  if (path === '/gio-hang' || path.startsWith('/tai-khoan')) {
    const r = simplePage(path === '/gio-hang' ? 'Giỏ hàng' : 'Tài khoản', 'Vui lòng đăng nhập để tiếp tục.');
    return html(r.html, r.status);
  }
  const r = notFound();
  return html(r.html, r.status);
}

async function loadStatic(): Promise<Map<string, Reply>> {
  const files = new Map<string, Reply>();
  for (const [name, type] of [['app.js', 'text/javascript; charset=utf-8'], ['style.css', 'text/css; charset=utf-8']] as const) {
    const body = await readFile(fileURLToPath(new URL(name, staticDir)), 'utf8');
    files.set(`/static/${name}`, { status: 200, type, body, headers: { 'cache-control': 'public, max-age=3600' } });
  }
  return files;
}

export async function startMarketplace(opts: MarketplaceOptions = {}): Promise<Marketplace> {
  const host = opts.host ?? '127.0.0.1';
  const [images, files] = await Promise.all([buildImageStore(), loadStatic()]);
  let base = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (reply: Reply) => {
      res.writeHead(reply.status, { 'content-type': reply.type, ...reply.headers });
      res.end(req.method === 'HEAD' ? undefined : reply.body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send({ status: 405, type: 'text/plain', body: 'Method Not Allowed', headers: { allow: 'GET, HEAD' } });
    const url = new URL(req.url ?? '/', base);
    route(base, url, images, files).then(send, (err: unknown) => send({ status: 500, type: 'text/plain', body: `Lỗi máy chủ: ${String(err)}` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: base,
    truth: groundTruth(base),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
