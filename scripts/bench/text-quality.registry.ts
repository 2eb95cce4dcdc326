import { foldVietnamese } from '../../fingerprints/text/vietnamese.ts';
import { sentences, type Document } from './text-quality.corpus.ts';
import type { Random } from './text-quality.edits.ts';

/**
 * A registry of DISTINCT works for the speed bench, and pages that copy none of them. The help manual
 * is templated ("Chèn một bảng mới ở sau / ở trước bảng hiện thời"), so registering its paragraphs as
 * they come makes every page a genuine copy of ~1 000 works: that measures the manual, not a registry
 * of poems, lyrics and articles, where two works sharing a 5-word passage is the exception. Here no two
 * works share a run of 5 folded words (the ground-truth rule of text-quality.set.ts), and no page
 * paragraph shares one with any work; both are checked at the end, not assumed.
 *
 * Length mix (words), because a registry holds both verses and articles and long works are what fill
 * the shingle index: 45 % verse-like 8–20, 35 % stanza / product-description 21–60, 20 % article 61–200
 * (about 44 words on average). Works are, longest band first (they are the hardest to place), seeded-
 * shuffled corpus units: sentences, paragraphs and runs of consecutive paragraphs of one help page.
 * The corpus cannot give 10 k: greedy de-duplication of all its paragraphs and sentences keeps only
 * ~4 300–5 600 (depending on the order), and with a fifth of the help pages kept back for the pages and
 * the length quotas it gives 2 496 (1 259 verse, 810 stanza, 427 article; seed 10). The rest of each
 * band is generated: a seeded walk over the corpus' own words (Vietnamese vocabulary and word order,
 * new sentences) that refuses any word closing a 5-word run already held by a work or a page.
 */

/** Folded lowercase words, exactly as text-quality.set.ts counts them. */
export const foldedWords = (text: string) => foldVietnamese(text.toLowerCase()).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

const RUN = 5;
function runs(list: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + RUN <= list.length; i += 1) out.push(list.slice(i, i + RUN).join(' '));
  return out;
}

/**
 * Flattened tables are not prose: "76 Không tìm thấy đường dẫn 76 Không tìm thấy đường dẫn …" repeats
 * its own runs, and as a page paragraph it matches every work about a missing file.
 */
function prose(list: readonly string[]): boolean {
  const own = runs(list);
  return new Set(own).size >= 0.9 * own.length;
}

export const BANDS = [
  { name: 'verse', min: 8, max: 20, share: 0.45 },
  { name: 'stanza', min: 21, max: 60, share: 0.35 },
  { name: 'article', min: 61, max: 200, share: 0.2 },
] as const;

/** Share of the help pages kept back for the candidate pages (other pages of the web, not registered). */
const PAGE_DOC_SHARE = 0.2;

export class RegistryInvariantError extends Error {
  override name = 'RegistryInvariantError';
}

export interface DistinctRegistry {
  works: string[];
  /** Per band: how many works came from the corpus and how many were generated. */
  bands: { name: string; corpus: number; generated: number }[];
  /** Paragraphs that share no 5-word run with any work: the stuff of pages with no copy. */
  pageParagraphs: string[];
  /** Indexes of the works sharing a 5-word run with a text (the independent ground truth). */
  sharedWith(text: string): number[];
}

const pick = <T>(list: readonly T[], random: Random): T => list[Math.floor(random() * list.length)]!;

function shuffle<T>(list: T[], random: Random): T[] {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** Sentences, paragraphs and joined consecutive paragraphs of each help page, 8–200 words, once each. */
function corpusUnits(docs: readonly Document[]): string[] {
  const out = new Set<string>();
  for (const doc of docs) {
    doc.paragraphs.forEach((p, i) => {
      for (const s of sentences(p)) out.add(s);
      let text = '';
      for (const next of doc.paragraphs.slice(i)) {
        text = text ? `${text} ${next}` : next;
        if (foldedWords(text).length > BANDS[2].max) break;
        out.add(text);
      }
    });
  }
  return [...out];
}

export function buildDistinctRegistry(docs: readonly Document[], size: number, random: Random): DistinctRegistry {
  const order = shuffle(docs.map((_, i) => i), random);
  const pageDocs = order.slice(0, Math.ceil(order.length * PAGE_DOC_SHARE)).map((i) => docs[i]!);
  const workDocs = order.slice(pageDocs.length).map((i) => docs[i]!);
  const quota = BANDS.map((b, i) => (i === 0 ? size - BANDS.slice(1).reduce((n, x) => n + Math.round(size * x.share), 0) : Math.round(size * b.share)));
  const taken = new Set<string>();
  const byBand: string[][] = BANDS.map(() => []);

  const units = shuffle(corpusUnits(workDocs), random).map((text) => ({ text, words: foldedWords(text) }));
  for (let b = BANDS.length - 1; b >= 0; b -= 1) {
    const band = BANDS[b]!;
    for (const unit of units) {
      if (byBand[b]!.length >= quota[b]!) break;
      if (unit.words.length < band.min || unit.words.length > band.max || !prose(unit.words)) continue;
      const own = runs(unit.words);
      if (own.some((r) => taken.has(r))) continue;
      own.forEach((r) => taken.add(r));
      byBand[b]!.push(unit.text);
    }
  }
  const fromCorpus = byBand.map((list) => list.length);

  const pageParagraphs = pageDocs.flatMap((d) => d.paragraphs).filter((p) => prose(foldedWords(p)) && !runs(foldedWords(p)).some((r) => taken.has(r)));
  for (const p of pageParagraphs) runs(foldedWords(p)).forEach((r) => taken.add(r));

  const walk = corpusWalk(docs, taken, random);
  BANDS.forEach((band, b) => {
    while (byBand[b]!.length < quota[b]!) byBand[b]!.push(walk(band.min + Math.floor(random() * (band.max - band.min + 1))));
  });

  const works = shuffle(byBand.flat(), random);
  const owner = new Map<string, number>();
  works.forEach((text, i) => {
    for (const r of runs(foldedWords(text))) {
      const other = owner.get(r);
      if (other !== undefined && other !== i) throw new RegistryInvariantError(`works ${other} and ${i} share "${r}"`);
      owner.set(r, i);
    }
  });
  const sharedWith = (text: string) => [...new Set(runs(foldedWords(text)).flatMap((r) => (owner.has(r) ? [owner.get(r)!] : [])))];
  const leaking = pageParagraphs.find((p) => sharedWith(p).length);
  if (leaking) throw new RegistryInvariantError(`page paragraph shares a 5-word run with a work: ${leaking}`);
  return {
    works,
    bands: BANDS.map((band, b) => ({ name: `${band.name} ${band.min}–${band.max}`, corpus: fromCorpus[b]!, generated: byBand[b]!.length - fromCorpus[b]! })),
    pageParagraphs,
    sharedWith,
  };
}

/**
 * New text in the corpus' words: each word follows the previous two (else the previous one) somewhere in
 * the corpus when it can, so phrases read like the corpus and share its common 2–4-word runs as real
 * works do; but no word may close a 5-word run that `taken` holds, and each accepted run joins `taken`,
 * so generated works are distinct from every other work and page by construction.
 */
function corpusWalk(docs: readonly Document[], taken: Set<string>, random: Random): (length: number) => string {
  const next = new Map<string, string[]>();
  const follow = (key: string, token: string) => {
    const list = next.get(key);
    if (list) list.push(token);
    else next.set(key, [token]);
  };
  const vocabulary: string[] = [];
  const starts: string[] = [];
  for (const p of docs.flatMap((d) => d.paragraphs)) {
    // Only tokens that fold to one word, so a token is exactly one step of the 5-word runs.
    const tokens = p.split(' ').filter((t) => /^\p{L}+[.,:;!?]?$/u.test(t));
    const folded = tokens.map((t) => foldedWords(t)[0]!);
    if (tokens[0] && /^\p{Lu}/u.test(tokens[0])) starts.push(tokens[0]);
    tokens.forEach((t, i) => {
      vocabulary.push(t);
      if (i > 0) follow(folded[i - 1]!, t);
      if (i > 1) follow(`${folded[i - 2]} ${folded[i - 1]}`, t);
    });
  }
  return (length) => {
    const out: string[] = [pick(starts, random)];
    const folded = [foldedWords(out[0]!)[0]!];
    while (out.length < length) {
      const two = next.get(folded.slice(-2).join(' ')) ?? [];
      const one = next.get(folded.at(-1)!) ?? [];
      let accepted = false;
      for (let attempt = 0; attempt < 400 && !accepted; attempt += 1) {
        const from = attempt < 6 && two.length ? two : attempt < 12 && one.length ? one : vocabulary;
        let token = pick(from, random);
        const word = foldedWords(token)[0]!;
        const run = folded.length >= RUN - 1 ? [...folded.slice(1 - RUN), word].join(' ') : undefined;
        if (run !== undefined && taken.has(run)) continue;
        if (run !== undefined) taken.add(run);
        if (/[.!?]$/.test(out.at(-1)!)) token = token[0]!.toUpperCase() + token.slice(1);
        out.push(token);
        folded.push(word);
        accepted = true;
      }
      if (!accepted) throw new RegistryInvariantError('no corpus word avoids the registered 5-word runs');
    }
    const text = out.join(' ');
    return /[.!?]$/.test(text) ? text : `${text.replace(/[,:;]$/, '')}.`;
  };
}

/** ~5 kB pages of page paragraphs, each checked whole (joins included) to share no 5-word run with a work. */
export function distinctPages(registry: DistinctRegistry, count: number, random: Random): { noCopy: string[]; oneCopy: { text: string; work: number }[] } {
  const noCopy: string[] = [];
  const oneCopy: { text: string; work: number }[] = [];
  if (!registry.pageParagraphs.length) throw new RegistryInvariantError('no corpus paragraph is free of registered runs');
  while (noCopy.length < count) {
    const parts: string[] = [];
    while (parts.join('\n').length < 5000) {
      const p = pick(registry.pageParagraphs, random);
      if (!registry.sharedWith([...parts.slice(-1), p].join('\n')).length) parts.push(p);
    }
    noCopy.push(parts.join('\n'));
    // The same page with one random work in the middle; redrawn in the rare case a join adds a second.
    for (;;) {
      const work = Math.floor(random() * registry.works.length);
      const middle = Math.floor(parts.length / 2);
      const text = [...parts.slice(0, middle), registry.works[work]!, ...parts.slice(middle)].join('\n');
      const shared = registry.sharedWith(text);
      if (shared.length === 1 && shared[0] === work) {
        oneCopy.push({ text, work });
        break;
      }
    }
  }
  return { noCopy, oneCopy };
}
