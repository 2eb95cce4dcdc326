import { createHash } from 'node:crypto';
import { categories, listings, listingsOfShop, publicListings } from './catalog.ts';
import { categoryBySlug, shopBySlug } from './catalog.shops.ts';
import { formatPrice, soldText } from './catalog.text.ts';
import type { Category, Listing, Shop } from './catalog.types.ts';

/** Server-rendered pages of the demo shop. Product pages are empty shells filled in by /static/app.js. */

export const SITE_NAME = 'Chợ Quê Online';
/** Two rows of the six-column grid. */
export const PAGE_SIZE = 12;
const PLACEHOLDER = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

/** Image URLs are opaque hashes, as on real marketplaces: nothing in them names the picture. */
export function imageHash(listingId: number, index: number): string {
  return createHash('sha1').update(`cho-que:${listingId}:${index}`).digest('hex').slice(0, 24);
}

export function imageUrl(l: Listing, index: number, thumb = false): string {
  return `/img/${imageHash(l.id, index)}${thumb ? '_tn' : ''}.jpg`;
}

/** Tracking parameters marketplaces add to links from feeds and search; a crawler must strip them. */
function tracked(l: Listing, source: string): string {
  const atk = createHash('md5').update(`${source}:${l.id}`).digest('hex');
  return `${l.path}?sp_atk=${atk.slice(0, 8)}-${atk.slice(8, 12)}-${atk.slice(12, 16)}&xptdk=${atk.slice(16, 28)}`;
}

export interface Head {
  title: string;
  canonical?: string;
  description?: string;
  extraHead?: string;
}

export function layout(head: Head, body: string): string {
  const nav = categories.map((c) => `<a href="/danh-muc/${c.slug}">${esc(c.name)}</a>`).join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(head.title)}</title>
${head.description ? `<meta name="description" content="${esc(head.description)}">` : ''}
${head.canonical ? `<link rel="canonical" href="${esc(head.canonical)}">` : ''}
<link rel="stylesheet" href="/static/style.css">${head.extraHead ?? ''}
</head><body>
<header class="top"><div class="wrap bar">
<a class="logo" href="/"><span class="mark">CQ</span>${SITE_NAME}</a>
<form class="search" action="/tim-kiem" method="get"><input name="q" placeholder="Tìm sản phẩm, thương hiệu, shop…" aria-label="Tìm kiếm"><button>Tìm</button></form>
<nav class="user"><a href="/gio-hang" rel="nofollow">Giỏ hàng</a><a href="/tai-khoan" rel="nofollow">Tài khoản</a></nav>
</div><div class="wrap cats">${nav}</div></header>
<main class="wrap">${body}</main>
<footer class="foot"><div class="wrap">© 2026 ${SITE_NAME} — sàn mẫu dùng cho bản trình diễn ipwatch, không bán hàng thật.
<a href="/tai-khoan/dieu-khoan" rel="nofollow">Điều khoản</a></div></footer>
<script src="/static/app.js" defer></script>
</body></html>`;
}

export function card(l: Listing, href: string = l.path): string {
  const shop = shopBySlug(l.shop);
  return `<a class="card" href="${esc(href)}">
<div class="thumb"><img class="lazy" src="${PLACEHOLDER}" data-src="${imageUrl(l, 0, true)}" alt="${esc(l.title)}" width="300" height="300"></div>
<div class="name">${esc(l.title)}</div>
<div class="meta"><span class="price">${esc(formatPrice(l.price, l.priceStyle))}</span><span class="sold">${soldText(l.sold)}</span></div>
<div class="loc">${esc(shop.location)}</div></a>`;
}

function grid(items: string[]): string {
  return `<div class="grid">${items.join('\n')}</div>`;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

function pager(base: string, page: number, pages: number): string {
  if (pages <= 1) return '';
  const join = base.includes('?') ? '&' : '?';
  const link = (p: number, label: string, cls = '') => `<a class="${cls}" href="${esc(`${base}${join}page=${p}`)}">${label}</a>`;
  const parts: string[] = [];
  if (page > 1) parts.push(link(page - 1, '‹ Trước', 'prev'));
  for (let p = 1; p <= pages; p++) parts.push(p === page ? `<span class="cur">${p}</span>` : link(p, String(p)));
  if (page < pages) parts.push(link(page + 1, 'Sau ›', 'next'));
  return `<nav class="pager" aria-label="Phân trang">${parts.join('')}</nav>`;
}

export function homePage(base: string): string {
  const cats = categories.map((c) => `<a class="cat" href="/danh-muc/${c.slug}"><span>${esc(c.name)}</span></a>`).join('');
  const feed = publicListings.slice(0, 18).map((l) => card(l, tracked(l, 'home')));
  const body = `<section class="banner"><h1>Chợ phiên trực tuyến — hàng Việt, quà quê</h1><p>Miễn phí vận chuyển cho đơn từ 199.000đ · Đổi trả 7 ngày</p></section>
<h2>Danh mục</h2><div class="catgrid">${cats}<a class="cat" href="/danh-muc/tat-ca"><span>Tất cả sản phẩm</span></a></div>
<h2>Gợi ý hôm nay</h2>${grid(feed)}
<p class="more"><a href="/danh-muc/tat-ca?page=2">Xem thêm sản phẩm</a></p>
<p class="fine">Shop nổi bật: ${shopLinks()} · ${hiddenLink()}</p>`;
  return layout({ title: `${SITE_NAME} - Mua sắm trực tuyến giá tốt`, canonical: `${base}/`, description: 'Sàn thương mại điện tử mẫu (demo).' }, body);
}

function shopLinks(): string {
  return [...new Set(publicListings.map((l) => l.shop))].map((s) => `<a href="/shop/${s}">${esc(shopBySlug(s).name)}</a>`).join(', ');
}

/** A link a careless crawler would follow; robots.txt forbids the path behind it. */
function hiddenLink(): string {
  const hidden = listings.find((l) => l.robotsDisallowed);
  return hidden ? `<a href="${esc(hidden.path)}">Hàng thanh lý nội bộ</a>` : '';
}

export function listPage(base: string, cat: Category | { slug: 'tat-ca'; name: string }, items: Listing[], page: number): string {
  const pages = pageCount(items.length);
  const slice = items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const path = `/danh-muc/${cat.slug}`;
  const canonical = page > 1 ? `${base}${path}?page=${page}` : `${base}${path}`;
  const body = `<div class="crumbs"><a href="/">Trang chủ</a> › ${esc(cat.name)}</div>
<h1>${esc(cat.name)} <small>(${items.length} sản phẩm)</small></h1>
<div class="sortbar">Sắp xếp theo: <a href="${path}?sort=pop" rel="nofollow">Phổ biến</a> <a href="${path}?sort=new" rel="nofollow">Mới nhất</a> <a href="${path}?sort=price" rel="nofollow">Giá</a></div>
${grid(slice.map((l) => card(l)))}${pager(path, page, pages)}`;
  return layout({ title: `${cat.name} - Trang ${page} | ${SITE_NAME}`, canonical }, body);
}

export function searchPage(q: string, items: Listing[], page: number): string {
  const pages = pageCount(items.length);
  const slice = items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const base = `/tim-kiem?q=${encodeURIComponent(q)}`;
  const result = items.length
    ? grid(slice.map((l) => card(l, `${tracked(l, `search:${q}`)}&search=1`))) + pager(base, page, pages)
    : `<p class="empty">Không tìm thấy sản phẩm nào cho “${esc(q)}”.</p>`;
  const body = `<h1>Kết quả tìm kiếm cho “${esc(q)}” <small>(${items.length})</small></h1>${result}`;
  return layout({ title: `${q} - Tìm kiếm | ${SITE_NAME}` }, body);
}

export function shopPage(base: string, shop: Shop): string {
  const items = listingsOfShop(shop.slug);
  const body = `<section class="shophead"><div class="avatar">${esc(shop.name.slice(0, 1))}</div><div><h1>${esc(shop.name)}</h1>
<p>${esc(shop.location)} · Tham gia ${shop.joined} · Đánh giá ${shop.rating.toFixed(1)}/5 · ${items.length} sản phẩm</p>${shop.phone ? `<p>Liên hệ: <a href="tel:${esc(shop.phone.replace(/[^+\d]/g, ''))}">${esc(shop.phone)}</a></p>` : ''}${shop.address ? `<p>Địa chỉ: ${esc(shop.address)}</p>` : ''}</div></section>
<h2>Tất cả sản phẩm của shop</h2>${grid(items.map((l) => card(l)))}`;
  return layout({ title: `${shop.name} | ${SITE_NAME}`, canonical: `${base}/shop/${shop.slug}` }, body);
}

/** Only what a real product page serves before its script runs: head metadata, and for some, JSON-LD. */
export function productShell(base: string, l: Listing): string {
  const jsonLd = l.jsonLd ? `\n<script type="application/ld+json">${JSON.stringify(productJsonLd(base, l)).replace(/</g, '\\u003c')}</script>` : '';
  const body = `<div class="crumbs"><a href="/">Trang chủ</a> › <a href="/danh-muc/${l.category}">${esc(categoryBySlug(l.category)?.name ?? '')}</a></div>
<div id="app" data-item-id="${l.id}"><div class="skeleton"><div class="sk-img"></div><div class="sk-lines"><i></i><i></i><i></i></div></div>
<noscript>Vui lòng bật JavaScript để xem sản phẩm.</noscript></div>`;
  return layout({ title: SITE_NAME, canonical: base + l.path, extraHead: jsonLd }, body);
}

function productJsonLd(base: string, l: Listing): object {
  const shop = shopBySlug(l.shop);
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: l.title,
    description: l.description,
    image: l.images.map((_, i) => base + imageUrl(l, i)),
    sku: String(l.id),
    offers: { '@type': 'Offer', price: String(l.price), priceCurrency: 'VND', availability: 'https://schema.org/InStock', url: base + l.path, seller: { '@type': 'Organization', name: shop.name } },
  };
}

export function simplePage(title: string, text: string, status = 200): { status: number; html: string } {
  return { status, html: layout({ title: `${title} | ${SITE_NAME}` }, `<h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="/">Về trang chủ</a></p>`) };
}
