import { describe, expect, it } from 'vitest';
import { looksLikePrice, parsePrice, toVnd } from './price.parse.ts';

describe('parsePrice', () => {
  it.each([
    ['125.000 ₫', 125_000, 'VND'],
    ['₫125.000', 125_000, 'VND'],
    ['1.250.000đ', 1_250_000, 'VND'],
    ['1,2tr', 1_200_000, undefined],
    ['3 triệu', 3_000_000, undefined],
    ['125k', 125_000, undefined],
    ['125,000 VND', 125_000, 'VND'],
    ['1 250 000 ₫', 1_250_000, 'VND'],
    ['40000.00', 40_000, undefined],
    ['100.000 - 200.000 ₫', 100_000, 'VND'],
    ['Giá: 2.500.000 vnđ', 2_500_000, 'VND'],
    ['Mua 2 giảm còn 99.000đ', 99_000, 'VND'],
    ['$19.99', 20, 'USD'],
  ])('%s → %d', (text, amount, currency) => {
    expect(parsePrice(text)).toEqual({ amount, currency });
  });

  it('reads JSON numbers and refuses what is not a price', () => {
    expect(parsePrice(125000)).toEqual({ amount: 125000, currency: undefined });
    expect(parsePrice('Liên hệ')).toBeUndefined();
    expect(parsePrice('')).toBeUndefined();
    expect(parsePrice(-5)).toBeUndefined();
    expect(parsePrice(null)).toBeUndefined();
  });

  it('keeps whole đồng only for VND', () => {
    expect(toVnd(parsePrice('125.000 ₫'))).toBe(125000);
    expect(toVnd(parsePrice('$20'))).toBeUndefined();
    expect(toVnd(parsePrice('125000'))).toBe(125000);
  });

  it('tells price text from other numbers', () => {
    expect(looksLikePrice('125.000 ₫')).toBe(true);
    expect(looksLikePrice('1,2tr')).toBe(true);
    expect(looksLikePrice('Đã bán 1,2k')).toBe(true);
    expect(looksLikePrice('Năm 2024')).toBe(false);
  });
});
