import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from './html-entities.ts';
import { canonicalToneMarks, foldedWords, foldVietnamese, matchTokens, normalizeVietnamese, tokenize } from './vietnamese.ts';

describe('canonicalToneMarks (old style: hòa, thủy, khỏe)', () => {
  it.each([
    ['hoà', 'hòa'], ['hòa', 'hòa'], ['thuỷ', 'thủy'], ['thủy', 'thủy'], ['khoẻ', 'khỏe'], ['khỏe', 'khỏe'],
    ['tuỳ', 'tùy'], ['uỷ', 'ủy'], ['hoá', 'hóa'], ['HOÀ', 'HÒA'], ['Thuỷ', 'Thủy'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalToneMarks(input)).toBe(expected);
  });

  it.each([
    ['hòang', 'hoàng'], ['hoàng', 'hoàng'], ['huỳnh', 'huỳnh'], ['qủa', 'quả'], ['quả', 'quả'], ['giữ', 'giữ'],
    ['gìn', 'gìn'], ['già', 'già'], ['giường', 'giường'], ['người', 'người'], ['ngoài', 'ngoài'], ['khuỷu', 'khuỷu'],
    ['của', 'của'], ['mùa', 'mùa'], ['quốc', 'quốc'], ['quý', 'quý'], ['thuở', 'thuở'], ['chuyển', 'chuyển'],
    ['đám', 'đám'], ['cưới', 'cưới'], ['chuột', 'chuột'], ['hồ', 'hồ'], ['tòan', 'toàn'],
  ])('keeps or repairs %s → %s', (input, expected) => {
    expect(canonicalToneMarks(input)).toBe(expected);
  });

  it('leaves words without exactly one tone mark alone', () => {
    expect(canonicalToneMarks('shopee')).toBe('shopee');
    expect(canonicalToneMarks('nguyen')).toBe('nguyen');
    expect(canonicalToneMarks('café')).toBe('café');
  });
});

describe('normalizeVietnamese', () => {
  it('treats NFD input like NFC', () => {
    const nfd = 'Đám cưới chuột'.normalize('NFD');
    expect(nfd).not.toBe('Đám cưới chuột');
    expect(normalizeVietnamese(nfd)).toBe('đám cưới chuột');
  });

  it('gives both tone-mark styles one form (hoà/hòa stay different after NFC alone)', () => {
    expect('hoà'.normalize('NFC')).not.toBe('hòa'.normalize('NFC'));
    expect(normalizeVietnamese('Hoà bình, thuỷ chung, khoẻ mạnh')).toBe(normalizeVietnamese('Hòa bình, thủy chung, khỏe mạnh'));
    expect(normalizeVietnamese('Hoà bình, thuỷ chung')).toBe('hòa bình thủy chung');
  });

  it('decodes HTML entities, numeric and named', () => {
    expect(normalizeVietnamese('Tranh &#272;&ocirc;ng H&#x1ED3; &amp; g&agrave;')).toBe('tranh đông hồ gà');
    expect(decodeHtmlEntities('a&nbsp;b &unknown; &#0;')).toBe('a\u00a0b &unknown; \ufffd');
  });

  it('lowercases, drops punctuation and collapses whitespace and lines', () => {
    expect(normalizeVietnamese('  TRANH  Đông Hồ!!!\r\n\n«Đám cưới chuột» —\tgiá: 120.000đ ')).toBe('tranh đông hồ đám cưới chuột giá 120 000đ');
  });
});

describe('foldVietnamese', () => {
  it('strips every mark and maps đ to d (NFD stripping alone leaves đ)', () => {
    expect('đ'.normalize('NFD').replace(/\p{M}/gu, '')).toBe('đ');
    expect(foldVietnamese('Đám cưới chuột ở Đông Hồ')).toBe('Dam cuoi chuot o Dong Ho');
    expect(foldVietnamese('hoà')).toBe(foldVietnamese('hòa'));
  });
});

describe('tokens', () => {
  it('keeps offsets into the decoded text, so spans can quote the original', () => {
    const { source, tokens } = tokenize('Tranh &amp; Đám cưới');
    expect(tokens.map((t) => source.slice(t.start, t.end))).toEqual(['Tranh', 'Đám', 'cưới']);
  });

  it('expands teencode only as whole tokens', () => {
    expect(foldedWords('ko biet dc ntn, k ai vs minh')).toEqual([
      'khong', 'biet', 'duoc', 'nhu', 'the', 'nao', 'khong', 'ai', 'voi', 'minh',
    ]);
    expect(foldedWords('kong kg 5kg ok')).toEqual(['kong', 'kg', '5kg', 'ok']);
    const tokens = matchTokens(tokenize('đc ntn').tokens);
    expect(tokens.map((t) => [t.norm, t.source])).toEqual([['được', 0], ['như', 1], ['thế', 1], ['nào', 1]]);
  });
});
