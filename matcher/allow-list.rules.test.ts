import { describe, expect, it } from 'vitest';
import { normalizeRuleValue, normalizeUrl, ruleCovers } from './allow-list.rules.ts';

const listing = { url: 'https://shop.tiki.vn/p/tranh-dong-ho?spid=12', sellerName: 'Nhà sách Cấp Phép', sellerUrl: 'https://www.tiki.vn/cua-hang/nha-sach/' };

describe('allow rules', () => {
  it('normalises values so that spelling variants meet', () => {
    expect(normalizeRuleValue('seller', '  NHÀ SÁCH — cấp phép ')).toBe('nha sach cap phep');
    expect(normalizeRuleValue('shop', 'tiki.vn/cua-hang/nha-sach?x=1#a')).toBe('tiki.vn/cua-hang/nha-sach');
    expect(normalizeRuleValue('domain', 'https://WWW.Tiki.vn/abc')).toBe('tiki.vn');
    expect(normalizeRuleValue('domain', 'localhost')).toBeUndefined();
    expect(normalizeRuleValue('url', 'http://[bad')).toBeUndefined();
    expect(normalizeRuleValue('seller', '  — ')).toBeUndefined();
    expect(normalizeUrl('https://shop.tiki.vn/p/x/?a=1', true)).toBe('shop.tiki.vn/p/x?a=1');
  });

  it('covers a listing by seller name, shop, domain with subdomains, or the exact page', () => {
    expect(ruleCovers({ kind: 'seller', value: 'nha sach cap phep' }, listing)).toBe(true);
    expect(ruleCovers({ kind: 'shop', value: 'tiki.vn/cua-hang/nha-sach' }, listing)).toBe(true);
    expect(ruleCovers({ kind: 'domain', value: 'tiki.vn' }, listing)).toBe(true);
    expect(ruleCovers({ kind: 'domain', value: 'ki.vn' }, listing)).toBe(false);
    expect(ruleCovers({ kind: 'url', value: 'shop.tiki.vn/p/tranh-dong-ho?spid=12' }, listing)).toBe(true);
    expect(ruleCovers({ kind: 'url', value: 'shop.tiki.vn/p/tranh-dong-ho' }, listing)).toBe(false);
    expect(ruleCovers({ kind: 'seller', value: 'nha sach' }, { ...listing, sellerName: null })).toBe(false);
  });
});
