import { describe, expect, it } from 'vitest';
import { absoluteUrl, canonicalizeUrl, externalIdFromUrl, platformOf, sameSite } from './url.canonical.ts';

describe('canonicalizeUrl', () => {
  it('drops tracking parameters and the fragment, sorts the rest', () => {
    expect(canonicalizeUrl('https://Shopee.vn/ao-i.1.2?sp_atk=x&xptdk=y&utm_source=fb&utm_medium=a#top')).toBe('https://shopee.vn/ao-i.1.2');
    expect(canonicalizeUrl('https://www.lazada.vn/products/x-i1-s2.html?search=1&spm=a.b&clickTrackInfo=z')).toBe('https://www.lazada.vn/products/x-i1-s2.html');
    expect(canonicalizeUrl('https://tiki.vn/x-p9.html?spid=3&fbclid=1&gclid=2&extraParams=q')).toBe('https://tiki.vn/x-p9.html?spid=3');
    expect(canonicalizeUrl('https://a.vn/s?q=tranh&page=2')).toBe('https://a.vn/s?page=2&q=tranh');
    expect(canonicalizeUrl('https://a.vn/tim?search=tranh')).toBe('https://a.vn/tim?search=tranh');
    expect(canonicalizeUrl('http://a.vn:80/x')).toBe('http://a.vn/x');
  });

  it('absolutises and refuses non-web schemes', () => {
    expect(absoluteUrl('/img/a.jpg', 'https://a.vn/p/1')).toBe('https://a.vn/img/a.jpg');
    expect(absoluteUrl('//cdn.a.vn/x.jpg', 'https://a.vn/')).toBe('https://cdn.a.vn/x.jpg');
    expect(absoluteUrl('javascript:void(0)', 'https://a.vn/')).toBeUndefined();
    expect(absoluteUrl('data:image/gif;base64,AAA', 'https://a.vn/')).toBeUndefined();
  });

  it('knows sites, platforms and marketplace ids', () => {
    expect(sameSite('https://www.a.vn/x', 'https://a.vn/y')).toBe(true);
    expect(sameSite('https://b.vn/x', 'https://a.vn/y')).toBe(false);
    expect(platformOf('https://www.lazada.vn/x')).toBe('lazada.vn');
    expect(externalIdFromUrl('https://shopee.vn/Tranh-ga-i.123.456')).toBe('123.456');
    expect(externalIdFromUrl('https://www.lazada.vn/products/tranh-i789-s1011.html')).toBe('789.1011');
    expect(externalIdFromUrl('https://tiki.vn/tranh-p2468.html?spid=1')).toBe('2468');
    expect(externalIdFromUrl('https://www.chotot.com/112233445.htm')).toBe('112233445');
    expect(externalIdFromUrl('https://shop.a.vn/tranh')).toBeUndefined();
  });
});
