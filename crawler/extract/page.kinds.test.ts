import { describe, expect, it } from 'vitest';
import { blogPostPage, renderedDomPage } from '../test/saved.pages.ts';
import { forumThread, forumThreadUrl } from '../test/fixtures/other.pages.ts';
import { extractPage } from './listing.extract.ts';
import { readableText } from './readable.text.ts';

const page = (title: string, body: string, head = '') => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;

describe('main text of articles and posts (Readability)', () => {
  it('keeps the post of a forum thread without menus, sidebar or comments', () => {
    const result = extractPage({ url: forumThreadUrl, html: forumThread });
    expect(result.kind).toBe('article');
    const text = result.listing!.description!;
    expect(text).toContain('Em ơi buồn làm chi\nAnh đưa em về sông Đuống');
    expect(text).toContain('Sao xót xa như rụng bàn tay');
    expect(text).not.toMatch(/BÌNH LUẬN|Chủ đề nổi bật|Có gì mới|Điều khoản/);
    expect(result.listing!.title).toBe('Bên kia sông Đuống');
  });

  it('keeps the line breaks of a re-published poem in a blog post', () => {
    const result = extractPage({ url: 'https://blog.vn/2026/01/ben-kia-song-duong/', html: blogPostPage });
    expect(result.listing!.description).toContain('Em ơi buồn làm chi\nAnh đưa em về sông Đuống');
    expect(result.listing!.description).not.toContain('Bài khác');
  });

  it('gives nothing for pages without a main text, and never throws', () => {
    expect(readableText('<html><body><nav><a href="/">x</a></nav></body></html>', 'https://a.vn/')).toBeUndefined();
    expect(readableText('', 'https://a.vn/')).toBeUndefined();
    expect(readableText('<<<\u0000 <p', 'https://a.vn/')).toBeUndefined();
  });
});

describe('block pages (generic)', () => {
  const cases: [string, string, number?][] = [
    ['Cloudflare challenge', page('Just a moment...', '<div id="cf-challenge-running"></div>'), 503],
    ['reCAPTCHA widget', page('Cửa hàng', '<form><div class="g-recaptcha" data-sitekey="x"></div></form>')],
    ['login wall with a password field', page('Cửa hàng', '<form><input name="u"><input type="password"></form>')],
    ['"unusual traffic" title', page('Sorry, we have detected unusual traffic from your network', '<p>…</p>')],
    ['login wall title', page('Facebook – log in or sign up', '<p>…</p>')],
    ['rate limited', renderedDomPage, 429],
    ['forbidden', renderedDomPage, 403],
  ];
  for (const [name, html, status] of cases) {
    it(`recognises ${name}`, () => {
      const result = extractPage({ url: 'https://shop.vn/p/1', html, status });
      expect(result.kind).toBe('blocked');
      expect(result.blockReason).toMatch(/^block page/);
      expect(result.listing).toBeUndefined();
    });
  }

  it('does not call a product page with a captcha-named class beside real data a wall', () => {
    const html = renderedDomPage.replace('</main>', '<div class="captcha-hint">Mã xác nhận khi thanh toán</div></main>');
    expect(extractPage({ url: 'https://shop.vn/p/tuong-go', html }).kind).toBe('product');
  });
});

describe('removed listings (generic)', () => {
  it('reads 404 and 410 as removed', () => {
    expect(extractPage({ url: 'https://shop.vn/p/1', html: page('Lỗi', '<h1>Lỗi</h1>'), status: 404 })).toMatchObject({ kind: 'removed', removedReason: 'HTTP 404' });
    expect(extractPage({ url: 'https://shop.vn/p/1', html: renderedDomPage, status: 410 })).toMatchObject({ kind: 'removed', removedReason: 'HTTP 410' });
  });

  it('reads a "product not found" page served with HTTP 200 as removed', () => {
    expect(extractPage({ url: 'https://shop.vn/p/1', html: page('Shop ABC', '<main><h1>Sản phẩm không tồn tại</h1><a href="/">Về trang chủ</a></main>'), status: 200 }).kind).toBe('removed');
    expect(extractPage({ url: 'https://shop.vn/p/1', html: page('Product not found – Shop', '<p>Sorry</p>'), status: 200 }).kind).toBe('removed');
    expect(extractPage({ url: 'https://chotot.com/1.htm', html: page('Chợ Tốt', '<div><p>Tin đăng này đã bị ẩn hoặc đã hết hạn.</p></div>') }).kind).toBe('removed');
  });

  it('keeps a real product whose page mentions "không tìm thấy" elsewhere', () => {
    const html = renderedDomPage.replace('</main>', '<section class="reviews"><h2>Đánh giá</h2><p>Không tìm thấy sản phẩm tương tự.</p></section></main>');
    expect(extractPage({ url: 'https://shop.vn/p/tuong-go', html }).kind).toBe('product');
  });
});

describe('availability', () => {
  it('reads schema.org availability from JSON-LD offers and microdata', () => {
    const ld = page('x', '<h1>Bình gốm</h1>', `<script type="application/ld+json">${JSON.stringify({ '@type': 'Product', name: 'Bình gốm', offers: { '@type': 'Offer', price: '350000', priceCurrency: 'VND', availability: 'https://schema.org/OutOfStock' } })}</script>`);
    expect(extractPage({ url: 'https://shop.vn/binh', html: ld }).listing!.availability).toBe('out_of_stock');
    const micro = page('x', '<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Áo</h1><div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="10000">10.000 ₫</span><link itemprop="availability" href="https://schema.org/InStock"></div></div>');
    expect(extractPage({ url: 'https://shop.vn/ao', html: micro }).listing!.availability).toBe('in_stock');
  });
});
