import path from 'node:path';
import { MatchSnapshot, toIndexedWork } from '../../matcher/match.index.ts';
import { matchCandidate, type WorkCandidate } from '../../matcher/match.candidates.ts';
import { listingOf } from '../cli/match/candidates.ts';
import { collectGarbage, nowMs, ratio, seededRandom, type Cell, type Table } from './bench.util.ts';
import { loadCorpus, sentences } from './text-quality.corpus.ts';
import { BENCH_MARKS, buildMarkSet } from './text-quality.marks.ts';
import { buildDistinctRegistry, distinctPages, foldedWords } from './text-quality.registry.ts';
import type { TrgmPeer } from './text-quality.trgm.ts';

/**
 * Speed on one core (issue 6 targets: ≥ 500 pages of ~5 kB per second against 10 k works, ≥ 2 000
 * listing titles per second against 10 k marks), with pg_trgm's GIN-indexed look-up in PGlite as the
 * peer on the same inputs. The page rows that answer the target use a registry of distinct works
 * (text-quality.registry.ts): pages with no copy, the common case of a crawl, and the same pages with
 * one registered work inside. The old measurement stays as a labelled worst case: registry and pages
 * cut from the one templated manual, where every page genuinely shares passages with ~1 000 works.
 */

type Log = (line: string) => void;

interface PageRow {
  oursPerSecond: number;
  /** The untimed warm-up pass: cold JIT and caches. */
  coldPerSecond: number;
  peerPerSecond: number;
  /** Reported (page, work) pairs per page; pg_trgm: rows over its default threshold per page. */
  oursPairs: number;
  peerRows: number;
  reported: { page: number; found: WorkCandidate[] }[];
}

/**
 * pg_trgm's `body % page` takes seconds per 5 kB page in PGlite (~2 s against 1 k works, ~25 s against
 * 10 k: the GIN scan keeps almost every row for the recheck), so its rate is timed on the first pages
 * of each row only; a figure two to three orders of magnitude off needs no more samples.
 */
const PEER_PAGES = 5;

/**
 * ipwatch's steady state, as a long-running matcher worker sees it, then the peer on the same pages.
 * From a collected heap (the registry's garbage would otherwise be collected on the pages' time), one
 * pass over the pages warms the JIT, then PAGE_PASSES timed passes follow it directly. The collection
 * comes before the warm-up, not between: a pass of 100 pages lasts ~0.2 s, and after a forced
 * collection V8 recompiled the tokeniser inside the timed pass, which then measured mostly that. The
 * first, cold pass is returned too, and shown.
 */
const PAGE_PASSES = 3;

async function timePages(snapshot: MatchSnapshot, pages: readonly string[], peer: TrgmPeer, table: string, quick: boolean): Promise<PageRow> {
  const reported: PageRow['reported'] = [];
  collectGarbage();
  let start = nowMs();
  pages.forEach((page, i) => {
    const found = matchCandidate(snapshot, listingOf(page), []).filter((c) => c.reported);
    if (found.length) reported.push({ page: i, found });
  });
  const coldPerSecond = pages.length / ((nowMs() - start) / 1000);
  const passes = quick ? 1 : PAGE_PASSES;
  start = nowMs();
  for (let pass = 0; pass < passes; pass += 1) for (const page of pages) matchCandidate(snapshot, listingOf(page), []);
  const oursPerSecond = (pages.length * passes) / ((nowMs() - start) / 1000);
  const sample = pages.slice(0, PEER_PAGES);
  let peerRows = 0;
  start = nowMs();
  for (const page of sample) peerRows += await peer.lookup(table, page, 'similarity');
  const peerPerSecond = sample.length / ((nowMs() - start) / 1000);
  const pairs = reported.reduce((n, r) => n + r.found.length, 0);
  return { oursPerSecond, coldPerSecond, peerPerSecond, oursPairs: pairs / pages.length, peerRows: peerRows / sample.length, reported };
}

const indexWorks = (texts: readonly string[]) =>
  new MatchSnapshot([], texts.map((text, i) => toIndexedWork({ id: i + 1, title: '', keywords: [], text })), Date.now());

/** The common case and one copy per page, against distinct works. */
async function distinctRows(quick: boolean, size: number, log: Log, peer: TrgmPeer) {
  const registry = buildDistinctRegistry(loadCorpus(path.resolve('data/bench'), log), size, seededRandom(10));
  const corpus = registry.bands.reduce((n, b) => n + b.corpus, 0);
  log(`speed registry: ${size} distinct works, ${corpus} from the corpus, ${size - corpus} generated (${registry.bands.map((b) => `${b.name}: ${b.corpus} + ${b.generated}`).join('; ')}); ${registry.pageParagraphs.length} page paragraphs`);
  const pages = distinctPages(registry, quick ? 20 : 100, seededRandom(11));
  const start = nowMs();
  const snapshot = indexWorks(registry.works);
  matchCandidate(snapshot, listingOf(pages.noCopy[0]!), []); // the text index is built on first use
  const loadMs = nowMs() - start;
  await peer.load('speed_distinct', registry.works.map((text, i) => ({ id: String(i), text })), true);

  const noCopy = await timePages(snapshot, pages.noCopy, peer, 'speed_distinct', quick);
  if (noCopy.reported.length) {
    log(`WARNING: ${noCopy.reported.length} pages with no copy reported ${Math.round(noCopy.oursPairs * pages.noCopy.length)} pairs; first ones:`);
    for (const { page, found } of noCopy.reported.slice(0, 3)) {
      for (const f of found.slice(0, 2)) log(`  page ${page} ~ work ${f.workId} (${f.score.toFixed(2)}): ${f.explanation} | work: ${registry.works[f.workId - 1]!.slice(0, 120)}`);
    }
  }
  const oneCopy = await timePages(snapshot, pages.oneCopy.map((p) => p.text), peer, 'speed_distinct', quick);
  const found = oneCopy.reported.filter((r) => r.found.some((f) => f.workId === pages.oneCopy[r.page]!.work + 1)).length;
  const missedLengths = pages.oneCopy.filter((_, i) => !oneCopy.reported.some((r) => r.page === i && r.found.some((f) => f.workId === pages.oneCopy[i]!.work + 1)))
    .map((p) => foldedWords(registry.works[p.work]!).length);
  log(`speed: ${size} distinct works loaded in ${(loadMs / 1000).toFixed(1)} s; no copy ${noCopy.oursPerSecond.toFixed(1)} pages/s (first, cold pass ${noCopy.coldPerSecond.toFixed(1)}), one copy ${oneCopy.oursPerSecond.toFixed(1)} pages/s (cold ${oneCopy.coldPerSecond.toFixed(1)}), embedded work reported on ${found}/${pages.oneCopy.length} pages${missedLengths.length ? ` (missed works of ${missedLengths.join(', ')} words)` : ''}`);
  return { noCopy, oneCopy, loadMs, found, bands: registry.bands, pageParagraphs: registry.pageParagraphs.length };
}

/**
 * The former measurement, kept as a worst case: works are the background paragraphs of the quality set
 * and their sentences (sentences repeat when the paragraphs run out), pages other paragraphs of the same
 * manual, so templated passages make each page a real copy of many works.
 */
async function templatedRow(quick: boolean, size: number, log: Log, peer: TrgmPeer, background: readonly string[]) {
  const random = seededRandom(8);
  const all = background.length > 20 ? [...background] : ['Không có đoạn văn nào', 'Một đoạn văn khác'];
  const pageParagraphs = all.slice(0, Math.ceil(all.length / 5));
  const paragraphs = all.slice(pageParagraphs.length);
  const texts: string[] = [];
  for (let i = 0; texts.length < size; i += 1) {
    const p = paragraphs[i % paragraphs.length]!;
    texts.push(i < paragraphs.length ? p : sentences(p)[Math.floor(random() * sentences(p).length)] ?? p);
  }
  const pages: string[] = [];
  for (let n = 0; n < (quick ? 20 : 100); n += 1) {
    let page = '';
    while (page.length < 5000) page += `${pageParagraphs[Math.floor(random() * pageParagraphs.length)]}\n`;
    pages.push(page);
  }
  const start = nowMs();
  const snapshot = indexWorks(texts);
  matchCandidate(snapshot, listingOf(pages[0]!), []); // the text index is built on first use
  const loadMs = nowMs() - start;
  await peer.load('speed_works', texts.map((text, i) => ({ id: String(i), text })), true);
  const row = await timePages(snapshot, pages, peer, 'speed_works', quick);
  log(`speed, templated worst case: ${size} works loaded in ${(loadMs / 1000).toFixed(1)} s; ${row.oursPerSecond.toFixed(1)} pages/s (cold pass ${row.coldPerSecond.toFixed(1)}; ${row.oursPairs.toFixed(1)} reported pairs per page)`);
  return { row, loadMs };
}

/** 10 k mark names distinct after folding (case and tone marks), so none is another's duplicate. */
function markNames(size: number, words: readonly string[]): string[] {
  const random = seededRandom(8);
  const names = new Map<string, string>();
  const add = (name: string) => {
    const key = foldedWords(name).join(' ');
    if (key && !names.has(key)) names.set(key, name);
  };
  BENCH_MARKS.forEach(add);
  while (names.size < size) {
    const at = Math.floor(random() * (words.length - 3));
    const n = 2 + Math.floor(random() * 2);
    add(words.slice(at, at + n).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' '));
  }
  return [...names.values()];
}

export async function speedTables(quick: boolean, log: Log, peer: TrgmPeer, background: readonly string[]) {
  const REGISTRY = quick ? 1_000 : 10_000;
  const distinct = await distinctRows(quick, REGISTRY, log, peer);
  const templated = await templatedRow(quick, REGISTRY, log, peer, background);

  const names = markNames(REGISTRY, background.flatMap((p) => p.split(/\s+/).filter((w) => /^\p{L}+$/u.test(w))));
  const markSnapshot = new MatchSnapshot([], names.map((name, i) => toIndexedWork({ id: i + 1, title: name, keywords: [], text: null, kind: 'mark' })), Date.now());
  const titles = buildMarkSet(seededRandom(9)).map((c) => c.text);
  const rounds = quick ? 1 : 5;
  // The mark index is built with the snapshot in production (at load), not on a listing's time.
  let start = nowMs();
  matchCandidate(markSnapshot, listingOf(titles[0]!), []);
  const markIndexMs = nowMs() - start;
  // The matcher is a long-running worker: what counts is its steady state, so a first pass warms the JIT
  // and the per-mark forms cached on first use, as for the pages (see timePages); it is shown too.
  collectGarbage();
  start = nowMs();
  for (const title of titles) matchCandidate(markSnapshot, listingOf(title), []);
  const coldTitles = titles.length / ((nowMs() - start) / 1000);
  start = nowMs();
  for (let r = 0; r < rounds; r += 1) for (const title of titles) matchCandidate(markSnapshot, listingOf(title), []);
  const oursTitles = (titles.length * rounds) / ((nowMs() - start) / 1000);
  log(`titles vs ${names.length} marks: mark index built in ${markIndexMs.toFixed(0)} ms; first pass (cold JIT and caches) ${coldTitles.toFixed(0)} titles/s, then ${oursTitles.toFixed(0)} titles/s over ${rounds} passes`);
  await peer.load('speed_marks', names.map((text, i) => ({ id: String(i), text })), true);
  start = nowMs();
  for (const title of titles) await peer.lookup('speed_marks', title, 'word_similarity');
  const peerTitles = titles.length / ((nowMs() - start) / 1000);

  const pageRow = (what: string, r: PageRow): Cell[] => [what, r.oursPerSecond, r.coldPerSecond, r.peerPerSecond, ratio(r.oursPerSecond, r.peerPerSecond), 500, r.oursPairs, r.peerRows];
  const table: Table = {
    title: `Speed, one core, steady state after a warm-up pass (${REGISTRY} registered works / marks; pg_trgm: body % page on the first ${PEER_PAGES} pages of a row, name <% title, GIN)`,
    columns: ['what', 'ipwatch /s', 'ipwatch first pass /s', 'pg_trgm /s', 'ratio', 'target /s', 'ipwatch reported/page', 'pg_trgm rows/page'],
    rows: [
      pageRow(`~5 kB pages, no copy, vs ${REGISTRY} distinct works`, distinct.noCopy),
      pageRow(`~5 kB pages, one copy each, vs ${REGISTRY} distinct works`, distinct.oneCopy),
      pageRow(`worst case: registry and pages from one templated manual`, templated.row),
      [`listing titles vs ${REGISTRY} marks (distinct after folding)`, oursTitles, coldTitles, peerTitles, ratio(oursTitles, peerTitles), 2000, null, null],
    ],
  };
  const figures = (r: PageRow) => ({ ours: r.oursPerSecond, oursCold: r.coldPerSecond, peer: r.peerPerSecond, oursPairs: r.oursPairs, peerRows: r.peerRows });
  return {
    tables: [table],
    data: {
      // oursPages / peerPages: the common case (no copy), which the issue's target is about.
      oursPages: distinct.noCopy.oursPerSecond,
      peerPages: distinct.noCopy.peerPerSecond,
      loadMs: distinct.loadMs,
      markIndexMs,
      registry: { bands: distinct.bands, pageParagraphs: distinct.pageParagraphs },
      pages: { noCopy: figures(distinct.noCopy), oneCopy: { ...figures(distinct.oneCopy), embeddedFound: distinct.found }, templated: { ...figures(templated.row), loadMs: templated.loadMs } },
      oursTitles,
      coldTitles,
      peerTitles,
    },
  };
}
