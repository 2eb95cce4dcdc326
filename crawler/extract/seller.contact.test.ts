import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { addressIn, normalizeVietnamesePhone, phonesIn, postalAddress, sellerContact } from './seller.contact.ts';

describe('seller contact', () => {
  it('normalises the ways Vietnamese numbers are written to E.164', () => {
    for (const raw of ['0912345678', '0912.345.678', '0912 345 678', '+84 912 345 678', '84912345678', '+84-912-345-678', '(+84) 912345678', '+84 0912 345 678', '840912345678']) {
      expect(normalizeVietnamesePhone(raw)).toBe('+84912345678');
    }
    expect(normalizeVietnamesePhone('(0222) 3812 345')).toBe('+842223812345');
    expect(normalizeVietnamesePhone('1900 1234')).toBe('19001234');
  });

  it('refuses what is not a phone number: prices, ids, short or foreign numbers', () => {
    for (const raw of ['1.200.000', '0123', '0612345678', '12345678901', 'abc', '+1 202 555 0100', '']) expect(normalizeVietnamesePhone(raw)).toBeUndefined();
  });

  it('finds numbers in free text, not inside prices or product codes', () => {
    const text = 'Giá 1.250.000đ, mã SP 0912345678999. Liên hệ Zalo 0987.654.321 hoặc 0987 654 321, hotline 1900 6035.';
    expect(phonesIn(text)).toEqual(['+84987654321', '19006035']);
    expect(phonesIn(undefined)).toEqual([]);
  });

  it('reads an address after its label, and schema.org PostalAddress', () => {
    expect(addressIn('Xưởng gốm.\nĐịa chỉ: 12 Nguyễn Văn Cừ, phường Kinh Bắc, Bắc Ninh.\nGiao toàn quốc')).toBe('12 Nguyễn Văn Cừ, phường Kinh Bắc, Bắc Ninh');
    expect(addressIn('Không có')).toBeUndefined();
    expect(postalAddress({ '@type': 'PostalAddress', streetAddress: 'Thôn Đông Hồ', addressLocality: 'xã Thuận Thành', addressRegion: 'Bắc Ninh' })).toBe('Thôn Đông Hồ, xã Thuận Thành, Bắc Ninh');
  });

  it('prefers structured data, skips a marketplace hotline in the footer', () => {
    const $ = cheerio.load('<main><a href="tel:0912-345-678">Gọi shop</a></main><footer><a href="tel:19001234">CSKH</a></footer>');
    expect(sellerContact($, [], undefined)).toEqual({ phone: '+84912345678', address: undefined });
    const footerOnly = cheerio.load('<main>Tranh</main><footer><a href="tel:19001234">CSKH</a></footer>');
    expect(sellerContact(footerOnly, [], 'ĐT: 0345 678 901')).toEqual({ phone: '+84345678901', address: undefined });
    expect(sellerContact($, [{ telephone: '+84 222 3812 345', address: 'Phù Lãng, Bắc Ninh' }], undefined)).toEqual({ phone: '+842223812345', address: 'Phù Lãng, Bắc Ninh' });
  });
});
