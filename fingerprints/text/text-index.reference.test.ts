import { describe, expect, it } from 'vitest';
import { commonShingleTexts, ShingleIndex } from './text-index.ts';
import { prepareMatchText, shingleAt, shinglePositions, textSimilarity, type PreparedText } from './text-similarity.ts';

/**
 * ShingleIndex works on shingle numbers, typed arrays and bit masks for speed. Here its naming rule is
 * written out plainly on shingle strings (the documented rule, hits in the index's order) and both must
 * name exactly the same works, on registries dense enough that many shingles are common; and the
 * shingle runs it gives textSimilarity must be those textSimilarity finds itself.
 */

function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const text = (vocabulary: readonly string[], words: number) => Array.from({ length: words }, () => vocabulary[Math.floor(next() * vocabulary.length)]!).join(' ');
  return { next, text };
}

const SMALL = 'mẹ ngồi in mộc dưới mái hiên xưa màu son chàm gốm'.split(' ');
const LARGE = 'làng tranh bên bến sông đuống giấy dó quét điệp óng ánh vỏ sò phù lãng đông hồ bát tràng chum vại lọ bình men lam rạn nâu da lươn hoa văn'.split(' ');

const passageEnds = (di: number, dj: number) => (di === 2 && dj === 2) || (di >= 3 && di <= 6 && dj >= 3 && dj <= 6);

/** The naming rule of ShingleIndex, on strings. */
function referenceNamed(registered: readonly { id: number; text: PreparedText }[], cand: PreparedText): number[] {
  const groups = new Map<string, { ids: number[]; text: PreparedText }>();
  for (const { id, text } of registered) {
    if (!shinglePositions(text).size) continue;
    const key = text.words.map((w) => w.fold).join(' ');
    const group = groups.get(key) ?? { ids: [], text };
    groups.set(key, group);
    group.ids.push(id);
  }
  const list = [...groups.values()];
  const frequency = new Map<string, number>();
  for (const { text } of list) for (const key of shinglePositions(text).keys()) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  const limit = commonShingleTexts(list.length);
  const common = (key: string) => (frequency.get(key) ?? 0) > limit;
  const candAt = shinglePositions(cand);
  const hits = list.map(() => [] as [number, number][]);
  for (const [key, js] of candAt) {
    if (!frequency.has(key) || common(key)) continue;
    list.forEach(({ text }, g) => {
      for (const i of shinglePositions(text).get(key) ?? []) for (const j of js) hits[g]!.push([i, j]);
    });
  }
  const named: number[] = [];
  list.forEach(({ ids, text }, g) => {
    const own = hits[g]!;
    if (!own.length) return;
    const words = text.words.filter((w) => w.source >= 0).length;
    const pair = own.some(([i, j]) => own.some(([k, l]) => passageEnds(k - i, l - j)));
    const neighbour = () =>
      own.slice(-8).some(([i, j]) => {
        for (let other = i - 6; other <= i + 6; other += 1) {
          if (other < 0 || other + 3 > text.words.length) continue;
          const key = shingleAt(text.words, other);
          if (!common(key)) continue;
          for (const k of candAt.get(key) ?? []) if (other < i ? passageEnds(i - other, j - k) : passageEnds(other - i, k - j)) return true;
        }
        return false;
      });
    if (words < 5 || pair || ((own.length > 1 || words <= 20) && neighbour())) named.push(...ids);
  });
  return named.sort((a, b) => a - b);
}

describe('ShingleIndex against its rule written plainly', () => {
  const { next, text } = generator(7);
  const registered: { id: number; text: PreparedText }[] = [];
  for (let id = 1; id <= 400; id += 1) {
    const vocabulary = id % 2 ? SMALL : LARGE;
    const words = id % 10 === 0 ? 3 + Math.floor(next() * 3) : 6 + Math.floor(next() * (id % 3 ? 20 : 80));
    const body = id % 17 === 0 ? registered[id - 2]!.text : id % 13 === 0 ? prepareMatchText([{ field: 'a', text: text(vocabulary, 8) }, { field: 'b', text: text(vocabulary, words) }]) : prepareMatchText(text(vocabulary, words));
    registered.push({ id, text: body });
  }
  // A phrase held by many works (its shingles are common), and short works that continue it their own way:
  // a page with the phrase and a word or two of one of them names it only through a common neighbour.
  const phrase = 'bên bến sông đuống giấy dó quét';
  for (let id = 401; id <= 440; id += 1) registered.push({ id, text: prepareMatchText(`${text(LARGE, id % 5)} ${phrase} ${text(LARGE, 3 + (id % 4))}`) });
  const own = (id: number, k: number) => Array.from({ length: k }, (_, i) => `từ${id}x${i}`).join(' ');
  for (let id = 441; id <= 470; id += 1) registered.push({ id, text: prepareMatchText(id % 2 ? `${phrase} ${own(id, 6)}` : `${own(id, 1 + (id % 3))} ${phrase} ${own(id, 4)}`) });
  // One common shingle two words before a work's first distinctive one: named on that diagonal alone.
  const three = 'chum vại lọ';
  for (let id = 471; id <= 500; id += 1) registered.push({ id, text: prepareMatchText(`${text(SMALL, 2 + (id % 3))} ${three} ${text(SMALL, 4)}`) });
  for (let id = 501; id <= 510; id += 1) registered.push({ id, text: prepareMatchText(`đầu${id} ${three} ${own(id, 25)}`) });
  // Shingles past the first 64 of a text are not among its positions (shinglePositions), on either side.
  const refrain = (n: number) => Array.from({ length: n }, () => 'mẹ ngồi in').join(' ');
  registered.push({ id: 511, text: prepareMatchText(`${refrain(70)} ${own(511, 5)}`) });
  const index = new ShingleIndex();
  for (const { id, text: body } of registered) index.add(id, body);
  const pages = Array.from({ length: 60 }, (_, p) => {
    const copied = registered[Math.floor(next() * registered.length)]!.text.words.filter((w) => w.source >= 0).map((w) => w.fold);
    const from = Math.floor(next() * copied.length);
    const parts = [text(p % 2 ? LARGE : SMALL, 40 + p * 10), copied.slice(from, from + 4 + (p % 9)).join(' '), text(LARGE, 30)];
    if (p % 10 === 0) parts.push(Array.from({ length: 70 }, () => 'mẹ ngồi in').join(' '));
    return prepareMatchText(p % 3 ? parts.join(' ') : [{ field: 'title', text: parts[0]! }, { field: 'body', text: parts.slice(1).join(' ') }]);
  });
  for (let id = 441; id <= 470; id += 1) {
    const words = registered[id - 1]!.text.words.map((w) => w.norm);
    const at = words.indexOf('bên');
    const cut = words.slice(Math.max(0, at - 1 - (id % 2)), at + 7 + (id % 3)).join(' ');
    pages.push(prepareMatchText(`${text(LARGE, 20)} ${cut} ${text(SMALL, 20)}`));
  }
  for (let id = 441; id <= 470; id += 5) pages.push(prepareMatchText(`${Array.from({ length: 70 }, () => phrase).join(' ')} ${own(id, 1)}`));
  for (let id = 501; id <= 510; id += 1) pages.push(prepareMatchText(`${text(LARGE, 20)} ${three} ${own(id, 2)} ${text(LARGE, 20)}`));

  it('names exactly the works the rule names', () => {
    let named = 0;
    for (const page of pages) {
      const expected = referenceNamed(registered, page);
      expect([...index.candidates(page)].sort((a, b) => a - b)).toEqual(expected);
      named += expected.length;
    }
    expect(named).toBeGreaterThan(100);
  });

  it('gives textSimilarity the shingle runs it finds itself', () => {
    let scored = 0;
    for (const page of [...pages.slice(0, 20), prepareMatchText(`${refrain(80)} ${own(511, 3)}`)]) {
      for (const { text: work } of registered) {
        const shared = index.sharedShingles(work, page);
        if (!shared) continue;
        const plain = textSimilarity(work, page);
        expect(textSimilarity(work, page, undefined, shared)).toEqual(plain);
        if (plain.score > 0) scored += 1;
      }
    }
    expect(scored).toBeGreaterThan(20);
  });
});
