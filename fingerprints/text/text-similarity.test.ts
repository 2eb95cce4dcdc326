import { describe, expect, it } from 'vitest';
import { TEXT_THRESHOLD, textSimilarity, titleSimilarity, TITLE_THRESHOLD } from './text-similarity.ts';
import { foldVietnamese } from './vietnamese.ts';
import { FIXTURE_POEM } from './text.fixture.ts';

const POEM = FIXTURE_POEM;

const SHOP_PAGE = `Bình gốm men lam cao 30 cm, vẽ tay hoạ tiết sen. Sản phẩm được nung ở nhiệt độ cao, bền màu,
không bong tróc. Miễn phí vận chuyển cho đơn từ 500.000đ. Đổi trả trong 7 ngày nếu sản phẩm lỗi do nhà sản xuất.
Liên hệ Zalo để được tư vấn thêm về cách trưng bày bình gốm trong phòng khách, phòng thờ dịp Tết.
Chúng tôi cam kết hàng chính hãng, đóng gói cẩn thận bằng xốp và thùng carton ba lớp.`;

const TOURISM_PAGE = `Về làng tranh dịp Tết, du khách được xem các nghệ nhân in tranh trên giấy dó. Mẹ tôi kể ngày xưa
cả làng ngồi quét điệp dưới mái hiên, trẻ con chạy khắp sân. Màu đỏ son, màu vàng hoè, màu đen than lá tre
làm nên hồn quê. Ai về bến sông Đuống nhớ ghé chợ tranh, mua vài bức mới treo nhà cho ông bà vui.`;

describe('textSimilarity: true copies', () => {
  it('scores an identical text 1 and quotes it', () => {
    const result = textSimilarity(POEM, POEM);
    expect(result.score).toBe(1);
    expect(result.matched).toBe(true);
    expect(result.spans[0]!.text.startsWith('Làng tranh')).toBe(true);
  });

  it('finds an accent-stripped copy', () => {
    const result = textSimilarity(POEM, foldVietnamese(POEM).toLowerCase());
    expect(result.score).toBeGreaterThanOrEqual(0.95);
  });

  it('finds a teencode copy with the other tone style, NFD and HTML entities', () => {
    const copy = POEM.replace('chẳng bắt được ai', 'chẳng bắt dc ai')
      .replace('không nhà nào', 'ko nhà nào')
      .replace('hồn quê', 'h&ocirc;̀n qu&ecirc;')
      .normalize('NFD');
    const result = textSimilarity(POEM, copy);
    expect(result.score).toBeGreaterThanOrEqual(0.95);
  });

  it('finds a copy with reordered lines', () => {
    const lines = POEM.split('\n');
    const reordered = [lines[4], lines[0], lines[7], lines[2], lines[6], lines[1], lines[5], lines[3]].join('\n');
    const result = textSimilarity(POEM, reordered);
    expect(result.score).toBeGreaterThanOrEqual(0.9);
    expect(result.spans.map((s) => s.text).join(' ')).toContain('Ông cháu cùng xem cười vui cả sân');
  });

  it('finds the work embedded in a long page, and an excerpt of two lines quoted in a listing', () => {
    const page = `${SHOP_PAGE}\n${TOURISM_PAGE}\n<p>${POEM.replace(/\n/g, '<br>')}</p>\n${SHOP_PAGE}`;
    expect(textSimilarity(POEM, page).score).toBeGreaterThanOrEqual(0.95);
    const lines = POEM.split('\n');
    const listing = [
      { field: 'title', text: 'Tranh Đông Hồ chuột rước dâu khổ A3' },
      { field: 'description', text: `${SHOP_PAGE}\nThơ tặng kèm: ${lines[4]}, ${lines[5]}.` },
    ];
    const excerpt = textSimilarity(POEM, listing);
    expect(excerpt.score).toBeGreaterThanOrEqual(TEXT_THRESHOLD);
    expect(excerpt.spans.map((s) => s.field)).toContain('description');
    expect(excerpt.spans.some((s) => s.text.includes('Chuột rước dâu kèn trống rộn ràng'))).toBe(true);
  });

  it('finds a short slogan copied whole inside a page', () => {
    const slogan = 'Gốm Phù Lãng men da lươn bền màu';
    const result = textSimilarity(slogan, `${SHOP_PAGE} Cam kết: gốm phù lãng men da lươn bền màu với thời gian!`);
    expect(result.score).toBeGreaterThanOrEqual(0.9);
    expect(result.spans[0]!.text).toBe('gốm phù lãng men da lươn bền màu');
  });
});

describe('textSimilarity: false pairs', () => {
  it('keeps an unrelated page that shares the vocabulary low', () => {
    const result = textSimilarity(POEM, TOURISM_PAGE);
    expect(result.score).toBeLessThan(0.3);
    expect(result.matched).toBe(false);
    expect(textSimilarity(POEM, SHOP_PAGE).score).toBe(0);
  });

  it('does not match a short slogan on its common phrase', () => {
    const slogan = 'Gốm Phù Lãng men da lươn bền màu';
    const result = textSimilarity(slogan, 'Lọ hoa gốm men da lươn dáng cao, màu nâu bền màu, giá rẻ');
    expect(result.score).toBeLessThan(0.35);
    expect(result.explanation).toMatch(/no passage of 5\+ words/);
  });

  it('does not match a short slogan of common words against a page containing them scattered', () => {
    const slogan = 'Quê hương là chùm khế ngọt';
    const page = 'Về quê hương ăn khế ngọt, ngắm chùm hoa khế tím. Quê hương là nơi ta lớn lên.';
    expect(textSimilarity(slogan, page).score).toBeLessThan(TEXT_THRESHOLD);
  });

  it('does not add up scattered short coincidences on a long page', () => {
    // Every 3- and 4-word piece of the work occurs somewhere on the page, never 5 words in a row.
    const work = 'một hai ba bốn năm sáu bảy tám chín mười';
    const words = work.split(' ');
    const pieces = [];
    for (let i = 0; i + 4 <= words.length; i += 1) pieces.push(`${words.slice(i, i + 4).join(' ')}, rồi nghỉ.`);
    const result = textSimilarity(work, pieces.join(' '));
    expect(result.containment).toBe(1);
    expect(result.score).toBe(0);
  });

  it('says why a tiny work text is not compared', () => {
    expect(textSimilarity('Gà trống', 'gà trống').explanation).toMatch(/too short/);
  });
});

describe('titleSimilarity', () => {
  it('matches an accent-less listing title holding the work title', () => {
    const result = titleSimilarity('Tranh dong ho dam cuoi chuot kho lon', { title: 'Tranh Đám cưới chuột', keywords: ['Đông Hồ'] });
    expect(result.score).toBeGreaterThanOrEqual(TITLE_THRESHOLD);
    expect(result.keywords).toEqual(['Đông Hồ']);
    expect(result.keywordSpans).toEqual(['dong ho']);
    expect(result.spans).toEqual(['Tranh dong ho dam cuoi chuot']);
  });

  it('rejects shared single words and short generic titles', () => {
    expect(titleSimilarity('Bẫy chuột thông minh loại lớn', { title: 'Đám cưới chuột' }).score).toBeLessThan(0.3);
    expect(titleSimilarity('Gà trống thiến Đông Tảo 3kg', { title: 'Gà trống' }).matched).toBe(false);
    expect(titleSimilarity('Tranh sơn mài phong cảnh', { title: 'Tranh Đám cưới chuột' }).score).toBeLessThan(0.2);
  });
});
