import { describe, expect, it } from 'vitest';
import { originalRange, prepareSource } from './text-source.ts';
import { canonicalToneMarks, foldedWords, normalizeVietnamese, tokenize } from './vietnamese.ts';
import { textSimilarity } from './text-similarity.ts';

describe('prepareSource: tags, entities, NFC with offsets into the original', () => {
  it('replaces tags by spaces, drops script/style/comments, decodes entities', () => {
    const html = '<div class="x"><p>Tranh&nbsp;<b>Đ&ocirc;ng</b>&#x20;H&#7891;</p><script>var a = "<p>";</script><!-- c --><style>p{}</style>x</div>';
    expect(prepareSource(html).text.replace(/\s+/g, ' ').trim()).toBe('Tranh Đông Hồ x');
    expect(normalizeVietnamese('<p>Dòng 1</p><p>Dòng 2</p>')).toBe('dòng 1 dòng 2');
  });

  it('leaves text that only looks like markup alone', () => {
    expect(prepareSource('giá < 100k & > 50k').text).toBe('giá < 100k & > 50k');
    expect(prepareSource('a &unknown; b').text).toBe('a &unknown; b');
  });

  it('maps every word back to its offsets in the text as given (NFD, entities, tags)', () => {
    const original = '<b>Đ&#7863;ng</b> ' + 'Hồ'.normalize('NFD') + ' đẹp';
    const { source, tokens } = tokenize(original);
    expect(tokens.map((t) => source.slice(t.start, t.end))).toEqual(['Đặng', 'Hồ', 'đẹp']);
    expect(tokens.map((t) => original.slice(t.originalStart, t.originalEnd))).toEqual(['Đ&#7863;ng', 'Hồ'.normalize('NFD'), 'đẹp']);
    const prepared = prepareSource(original);
    expect(originalRange(prepared, 0, prepared.text.length)).toEqual({ start: 0, end: original.length });
  });

  it('drops soft hyphens and zero-width characters that split words invisibly', () => {
    expect(foldedWords('Đông\u00adHồ ph\u200bù')).toEqual(['dongho', 'phu']);
  });

  it('reports matched spans in original offsets', () => {
    const work = 'Làng tranh bên bến sông Đuống giấy dó quét điệp óng ánh vỏ sò';
    const page = '<h1>Shop</h1>\n<p>L&agrave;ng tranh b&ecirc;n bến sông Đuống, giấy dó quét điệp óng ánh vỏ sò</p>';
    const result = textSimilarity(work, page);
    expect(result.matched).toBe(true);
    const span = result.spans[0]!;
    expect(page.slice(span.start, span.end)).toBe('L&agrave;ng tranh b&ecirc;n bến sông Đuống, giấy dó quét điệp óng ánh vỏ sò');
    expect(span.text).toBe('Làng tranh bên bến sông Đuống, giấy dó quét điệp óng ánh vỏ sò');
  });
});

describe('canonicalToneMarks over every vowel cluster (new style → old style)', () => {
  // [new style, old style]: only open oa, oe, uy differ; everything else has one placement in both.
  it.each([
    ['hoà', 'hòa'], ['hoá', 'hóa'], ['hoả', 'hỏa'], ['hoã', 'hõa'], ['hoạ', 'họa'], ['khoẻ', 'khỏe'], ['xoè', 'xòe'],
    ['thuỷ', 'thủy'], ['tuý', 'túy'], ['luỹ', 'lũy'], ['uỵ', 'ụy'], ['hoàng', 'hoàng'], ['toán', 'toán'], ['khuếch', 'khuếch'],
    ['quà', 'quà'], ['quý', 'quý'], ['giá', 'giá'], ['gịa', 'giạ'], ['người', 'người'], ['ngừơi', 'người'], ['rượu', 'rượu'],
    ['khuyên', 'khuyên'], ['khuýên', 'khuyến'], ['chuyện', 'chuyện'], ['thuở', 'thuở'], ['tươi', 'tươi'], ['cuối', 'cuối'],
    ['ngoáy', 'ngoáy'], ['khuỷu', 'khuỷu'], ['hươu', 'hươu'], ['yêu', 'yêu'], ['yếu', 'yếu'], ['oải', 'oải'], ['uốn', 'uốn'],
    ['mía', 'mía'], ['múa', 'múa'], ['mưa', 'mưa'], ['mứa', 'mứa'], ['bầu', 'bầu'], ['đâý', 'đấy'], ['cáu', 'cáu'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalToneMarks(input)).toBe(expected);
    expect(canonicalToneMarks(input.toUpperCase())).toBe(expected.toUpperCase());
    expect(canonicalToneMarks(input.normalize('NFD'))).toBe(expected);
  });
});

describe('hostile input', () => {
  it('handles empty, whitespace-only, binary and lone-surrogate text without throwing', () => {
    expect(tokenize('').tokens).toEqual([]);
    expect(tokenize(' \n\t\r ').tokens).toEqual([]);
    expect(() => tokenize('\u0000\u0001\uffff\ud800abc\udfff')).not.toThrow();
    expect(foldedWords('\ud800Phù\udc00')).toContain('phu');
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    expect(() => textSimilarity('Làng tranh bên bến sông Đuống', binary)).not.toThrow();
  });

  it('keeps a zalgo cluster of 300 000 marks in one piece without overflowing the stack', () => {
    const zalgo = `Phù${'\u0301'.repeat(300_000)} Lãng`;
    const { tokens } = tokenize(zalgo);
    expect(tokens.map((t) => t.originalEnd - t.originalStart)).toEqual([300_003, 4]);
  });

  it('does not mistake Object.prototype keys for entities or teencode', () => {
    expect(prepareSource('a &constructor; &toString; b').text).toBe('a &constructor; &toString; b');
    expect(foldedWords('constructor hasOwnProperty')).toEqual(['constructor', 'hasownproperty']);
  });

  it('treats malformed UTF-8 (decoded to U+FFFD) as separators, not letters', () => {
    const decoded = Buffer.from([0x50, 0x68, 0xc3, 0xb9, 0xff, 0x4c, 0x61, 0x6e, 0x67]).toString('utf8');
    expect(foldedWords(decoded)).toEqual(['phu', 'lang']);
  });

  // Its speed is measured in `npm run bench -- text-quality`; here only that a crawled 1.2 MB page is whole.
  it('tokenises a huge text completely', () => {
    const huge = 'Làng tranh bên bến sông Đuống. '.repeat(40_000); // ~1.2 MB
    const { tokens } = tokenize(huge);
    expect(tokens.length).toBe(240_000);
    const last = tokens.at(-1)!;
    expect(huge.slice(last.originalStart, last.originalEnd)).toBe('Đuống');
    expect(last.originalEnd).toBe(huge.length - 2);
  });
});
