import { foldVietnamese } from '../../fingerprints/text/vietnamese.ts';
import { sentences, type Document } from './text-quality.corpus.ts';
import { FILLER_WORDS, TEXT_EDITS, type Random } from './text-quality.edits.ts';

/**
 * The labelled text set: registered works (long paragraphs and one-sentence short works), their copies
 * under every edit, and innocent pages (unregistered paragraphs of the same help pages, the paragraph
 * that shares most words with each short work, long pages of unrelated paragraphs), all from the corpus.
 * Ground truth is independent of the matcher: a page is only labelled innocent when it holds no run of
 * 5 folded words shared with 30 % of a work's 5-word runs (the corpus repeats itself; those are real copies).
 */

export interface BenchWork {
  id: string;
  text: string;
  long: boolean;
}

export interface BenchCandidate {
  id: string;
  text: string;
  /** Id of the work it copies; undefined for an innocent page. */
  work?: string;
  edit: string;
}

export interface TextSet {
  works: BenchWork[];
  candidates: BenchCandidate[];
  /** Unused paragraphs: the background corpus of word statistics a deployment would also have. */
  background: string[];
}

const words = (text: string) => foldVietnamese(text.toLowerCase()).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function grams(list: readonly string[], n = 5): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + n <= list.length; i += 1) out.add(list.slice(i, i + n).join(' '));
  if (list.length < n && list.length) out.add(list.join(' '));
  return out;
}

function shuffle<T>(list: T[], random: Random): T[] {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

export function buildTextSet(docs: readonly Document[], random: Random, counts: { long: number; short: number; pages: number }): TextSet {
  const order = shuffle(docs.map((_, i) => i), random);
  const used = new Set<string>();
  const works: BenchWork[] = [];
  const hardNegatives: { text: string; edit: string }[] = [];
  // How many paragraphs hold each folded 4-word run: a short work must be (nearly) unique in the corpus,
  // or the corpus itself holds copies of it ("Đặt vị trí và các tùy chọn định dạng …" on many pages).
  const runCount = new Map<string, number>();
  for (const d of docs) for (const p of d.paragraphs) for (const g of grams(words(p), 4)) runCount.set(g, (runCount.get(g) ?? 0) + 1);
  const repeated = (text: string) => {
    const g = [...grams(words(text), 4)];
    return g.filter((x) => (runCount.get(x) ?? 0) > 1).length / Math.max(1, g.length);
  };

  // Long works: one help page's paragraphs joined to 40–220 words; its other paragraphs: same-page negatives.
  for (const di of order) {
    if (works.filter((w) => w.long).length >= counts.long) break;
    const doc = docs[di]!;
    let text = '';
    let taken = 0;
    for (const p of doc.paragraphs) {
      if (text.split(' ').length >= 40 && (text.split(' ').length >= 90 || random() < 0.4)) break;
      if (text.split(' ').length + p.split(' ').length > 220) break;
      text = text ? `${text} ${p}` : p;
      taken += 1;
    }
    if (text.split(' ').length < 40) continue;
    doc.paragraphs.slice(0, taken).forEach((p) => used.add(p));
    works.push({ id: `long-${works.length + 1}`, text, long: true });
    for (const p of doc.paragraphs.slice(taken, taken + 2)) {
      used.add(p);
      hardNegatives.push({ text: p, edit: 'same-page' });
    }
  }
  // Short works: one sentence of 7–16 words, found nowhere else in the corpus.
  for (const di of order) {
    if (works.filter((w) => !w.long).length >= counts.short) break;
    const doc = docs[di]!;
    const candidates = doc.paragraphs.filter((p) => !used.has(p)).flatMap(sentences);
    const sentence = candidates.find((s) => {
      const n = s.split(' ').length;
      return n >= 7 && n <= 16 && repeated(s) === 0;
    });
    if (!sentence) continue;
    for (const p of doc.paragraphs) if (p.includes(sentence)) used.add(p);
    works.push({ id: `short-${works.filter((w) => !w.long).length + 1}`, text: sentence, long: false });
  }

  // Context, filler and innocent paragraphs share no 6-word run with any work: else they ARE copies.
  const workRuns = new Set(works.flatMap((w) => [...grams(words(w.text), 6)]));
  const pool = docs.flatMap((d) => d.paragraphs).filter((p) => !used.has(p) && ![...grams(words(p), 6)].some((g) => workRuns.has(g)));
  shuffle(pool, random);
  const filler = pool.splice(0, 400);
  const background = pool.splice(0, Math.max(0, pool.length - 600));
  const innocent = pool;

  const candidates: BenchCandidate[] = [];
  const context = () => filler[Math.floor(random() * filler.length)]!;
  for (const work of works) {
    for (const edit of TEXT_EDITS) {
      if (edit.longOnly && !work.long) continue;
      const copy = edit.apply(work.text, random, FILLER_WORDS);
      candidates.push({ id: `${work.id}~${edit.name}`, text: `${context()}\n${copy}\n${context()}`, work: work.id, edit: edit.name });
    }
    // The whole work in the middle of a ~5 kB page of unrelated paragraphs.
    candidates.push({ id: `${work.id}~embedded`, text: page(work.text, filler, random), work: work.id, edit: 'embedded-5kB' });
  }
  // Innocent pages that share the most vocabulary with each short work: the false-match trap.
  for (const work of works.filter((w) => !w.long)) {
    const vocabulary = new Set(words(work.text).filter((w) => w.length > 2));
    let best = '';
    let bestShared = 0;
    for (const p of innocent) {
      const shared = new Set(words(p).filter((w) => vocabulary.has(w))).size;
      if (shared > bestShared) [best, bestShared] = [p, shared];
    }
    if (best) hardNegatives.push({ text: best, edit: 'shared-vocabulary' });
  }
  hardNegatives.forEach((n, i) => candidates.push({ id: `neg-${n.edit}-${i}`, text: n.text, edit: n.edit }));
  innocent.slice(0, counts.pages).forEach((p, i) => candidates.push({ id: `neg-paragraph-${i}`, text: i % 3 ? p : foldVietnamese(p), edit: i % 3 ? 'paragraph' : 'paragraph-folded' }));
  for (let i = 0; i < counts.pages / 2; i += 1) candidates.push({ id: `neg-page-${i}`, text: page('', innocent, random), edit: 'page-5kB' });

  // Independent ground truth: drop "innocent" pages the corpus itself made copies of a work.
  const workGrams = works.map((w) => grams(words(w.text)));
  const clean = candidates.filter((c) => {
    if (c.work) return true;
    const g = grams(words(c.text));
    return workGrams.every((wg) => [...wg].filter((x) => g.has(x)).length < 0.3 * wg.size);
  });
  return { works, candidates: clean, background };
}

function page(inside: string, paragraphs: readonly string[], random: Random): string {
  const parts: string[] = [];
  let length = 0;
  while (length < 5000) {
    const p = paragraphs[Math.floor(random() * paragraphs.length)]!;
    parts.push(p);
    length += p.length + 1;
  }
  if (inside) parts.splice(Math.floor(parts.length / 2), 0, inside);
  return parts.join('\n');
}
