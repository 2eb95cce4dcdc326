import { MatchSnapshot, toIndexedWork } from '../../matcher/match.index.ts';
import { matchCandidate } from '../../matcher/match.candidates.ts';
import { listingOf } from '../cli/match/candidates.ts';
import { nowMs, ratio, seededRandom, type Table } from './bench.util.ts';
import { sentences } from './text-quality.corpus.ts';
import { BENCH_MARKS, buildMarkSet } from './text-quality.marks.ts';
import type { TrgmPeer } from './text-quality.trgm.ts';

/**
 * Speed on one core (issue 6 targets: ≥ 500 pages of ~5 kB per second against 10 k works, ≥ 2 000
 * listing titles per second against 10 k marks), with pg_trgm's GIN-indexed look-up in PGlite as the
 * peer on the same inputs. Registries are built from the background paragraphs (works) and their word
 * pairs and triples (marks): sizes and vocabulary of the real thing.
 */


export async function speedTables(quick: boolean, log: (line: string) => void, peer: TrgmPeer, background: readonly string[]) {
  const REGISTRY = quick ? 1_000 : 10_000;
  const random = seededRandom(8);
  const all = background.length > 20 ? [...background] : ['Không có đoạn văn nào', 'Một đoạn văn khác'];
  // Pages are made of paragraphs the registry does not hold: the common case of a page with no copy.
  const pageParagraphs = all.slice(0, Math.ceil(all.length / 5));
  const paragraphs = all.slice(pageParagraphs.length);
  const texts: string[] = [];
  for (let i = 0; texts.length < REGISTRY; i += 1) {
    const p = paragraphs[i % paragraphs.length]!;
    texts.push(i < paragraphs.length ? p : sentences(p)[Math.floor(random() * sentences(p).length)] ?? p);
  }
  const pages: string[] = [];
  for (let n = 0; n < (quick ? 20 : 100); n += 1) {
    let page = '';
    while (page.length < 5000) page += `${pageParagraphs[Math.floor(random() * pageParagraphs.length)]}\n`;
    pages.push(page);
  }

  let start = nowMs();
  const works = texts.map((text, i) => toIndexedWork({ id: i + 1, title: '', keywords: [], text }));
  const snapshot = new MatchSnapshot([], works, Date.now());
  const loadMs = nowMs() - start;
  matchCandidate(snapshot, listingOf(pages[0]!), []);
  start = nowMs();
  let reported = 0;
  for (const page of pages) reported += matchCandidate(snapshot, listingOf(page), []).filter((c) => c.reported).length;
  const oursPages = pages.length / ((nowMs() - start) / 1000);
  log(`speed: ${REGISTRY} works loaded in ${(loadMs / 1000).toFixed(1)} s; ${oursPages.toFixed(1)} pages/s (${reported} reported pairs)`);

  await peer.load('speed_works', texts.map((text, i) => ({ id: String(i), text })), true);
  start = nowMs();
  for (const page of pages) await peer.lookup('speed_works', page, 'similarity');
  const peerPages = pages.length / ((nowMs() - start) / 1000);

  const names = new Set<string>(BENCH_MARKS);
  const allWords = paragraphs.flatMap((p) => p.split(/\s+/).filter((w) => /^\p{L}+$/u.test(w)));
  while (names.size < REGISTRY) {
    const at = Math.floor(random() * (allWords.length - 3));
    const n = 2 + Math.floor(random() * 2);
    names.add(allWords.slice(at, at + n).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' '));
  }
  const marks = [...names].map((name, i) => toIndexedWork({ id: i + 1, title: name, keywords: [], text: null, kind: 'mark' }));
  const markSnapshot = new MatchSnapshot([], marks, Date.now());
  const titles = buildMarkSet(seededRandom(9)).map((c) => c.text);
  const rounds = quick ? 1 : 3;
  start = nowMs();
  for (let r = 0; r < rounds; r += 1) for (const title of titles) matchCandidate(markSnapshot, listingOf(title), []);
  const oursTitles = (titles.length * rounds) / ((nowMs() - start) / 1000);
  await peer.load('speed_marks', [...names].map((text, i) => ({ id: String(i), text })), true);
  start = nowMs();
  for (const title of titles) await peer.lookup('speed_marks', title, 'word_similarity');
  const peerTitles = titles.length / ((nowMs() - start) / 1000);

  const table: Table = {
    title: `Speed, one core (${REGISTRY} registered works / marks)`,
    columns: ['what', 'ipwatch /s', 'pg_trgm /s', 'ratio', 'target /s'],
    rows: [
      [`~5 kB pages vs ${REGISTRY} works (pg_trgm: body % page, GIN)`, oursPages, peerPages, ratio(oursPages, peerPages), 500],
      [`listing titles vs ${REGISTRY} marks (pg_trgm: name <% title, GIN)`, oursTitles, peerTitles, ratio(oursTitles, peerTitles), 2000],
    ],
  };
  return { tables: [table], data: { loadMs, oursPages, peerPages, oursTitles, peerTitles } };
}
