import { describe, expect, it } from 'vitest';
import { extractBankAccounts, extractPhones, namesMatch, nameSimilarity, normalizePhone, sellerKeysOf, sellerNameKey } from './seller.keys.ts';

describe('seller keys', () => {
  it('normalises VN phone numbers written every usual way', () => {
    for (const raw of ['0912345678', '0912 345 678', '0912.345.678', '+84 912 345 678', '+84912345678', '84912345678', '(+84) 912-345-678', '+84 0912 345 678']) {
      expect(normalizePhone(raw), raw).toBe('0912345678');
    }
    expect(normalizePhone('0222 3854 123')).toBe('02223854123');
    expect(normalizePhone('0123456789')).toBeUndefined(); // 01x is no longer a mobile prefix
    expect(normalizePhone('091234567')).toBeUndefined();
    expect(normalizePhone('125000')).toBeUndefined();
  });

  it('extracts phones from running text, not from prices or longer numbers', () => {
    const text = 'Liên hệ Zalo: 0912.345.678 hoặc +84 98 765 4321. Giá 125.000đ, mã đơn 2026112512345678.';
    expect(extractPhones(text)).toEqual(['0912345678', '0987654321']);
    expect(extractPhones('gọi 0912345678 / 0912 345 678')).toEqual(['0912345678']);
    expect(extractPhones('không có số')).toEqual([]);
  });

  it('takes a bank account only next to a bank name', () => {
    expect(extractBankAccounts('STK: 0123 456 789 Vietcombank - Nguyễn Văn A')).toEqual(['VCB:0123456789']);
    expect(extractBankAccounts('Chuyển khoản MB Bank 9704-1234-5678, ghi tên')).toEqual(['MB:970412345678']);
    expect(extractBankAccounts('ngân hàng Techcombank số 19031234567011')).toEqual(['TCB:19031234567011']);
    expect(extractBankAccounts('Mã sản phẩm 123456789, giao hàng 3 ngày')).toEqual([]);
    // A number far from the bank's name is not its account.
    expect(extractBankAccounts(`Vietcombank ${'x'.repeat(60)} 123456789`)).toEqual([]);
  });

  it('compares seller names folded, without generic words', () => {
    expect(sellerNameKey('Shop Tranh Đẹp 68')).toBe('tranhdep68');
    expect(sellerNameKey('TRANH ĐẸP 68 Official Store')).toBe('tranhdep68');
    expect(nameSimilarity('tranhdep68', 'tranhdep68')).toBe(1);
    expect(namesMatch('tranhdongho', 'tranhdonghoo')).toBe(true);
    expect(namesMatch('tranhdep68', 'gomviet')).toBe(false);
    expect(namesMatch('abc', 'abc')).toBe(false); // too short to say
  });

  it('collects every key of a listing', () => {
    const keys = sellerKeysOf({
      title: 'Tranh Đông Hồ — Zalo 0912 345 678',
      description: 'STK 0123456789 Vietcombank',
      sellerName: 'Shop Tranh Đẹp 68',
      sellerUrl: 'https://www.shopee.vn/shop/tranhdep68/?utm=x',
    });
    expect(keys).toEqual([
      { kind: 'shop', value: 'shopee.vn/shop/tranhdep68' },
      { kind: 'phone', value: '0912345678' },
      { kind: 'bank', value: 'VCB:0123456789' },
      { kind: 'name', value: 'tranhdep68' },
    ]);
  });

  it('keys the phone the crawler read from the seller block (E.164) like one written in the text, once', () => {
    const base = { title: 'Tranh Đông Hồ', description: 'Zalo 0912 345 678', sellerName: null, sellerUrl: null };
    expect(sellerKeysOf({ ...base, sellerPhone: '+84912345678' })).toEqual([{ kind: 'phone', value: '0912345678' }]);
    expect(sellerKeysOf({ ...base, description: null, sellerPhone: '+842223812345' })).toEqual([{ kind: 'phone', value: '02223812345' }]);
    // A hotline is a marketplace's or a brand's, shared by strangers: never a key.
    expect(sellerKeysOf({ ...base, description: null, sellerPhone: '19001234' })).toEqual([]);
  });
});
