import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Shared plumbing of the benchmarks: tables, timing, memory, the JSON copy of every figure. */

export type Cell = string | number | null;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface BenchResult {
  name: string;
  tables: Table[];
  notes: string[];
  /** Detail too long to print (sweeps, per-image figures): JSON only. */
  data?: unknown;
}

export interface BenchOptions {
  /** Smaller inputs, for developing the benchmarks themselves on a shared 2-core machine. */
  quick: boolean;
  log: (line: string) => void;
}

export interface Bench {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

export function formatTable(table: Table): string {
  const cells = table.rows.map((row) => row.map(formatCell));
  const widths = table.columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)));
  const numeric = table.columns.map((_, i) => table.rows.every((row) => typeof row[i] === 'number' || row[i] == null));
  const line = (values: string[]) =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [table.title, line(table.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function formatCell(value: Cell): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
}

export function formatResult(result: BenchResult): string {
  const parts = [`== ${result.name} ==`, ...result.tables.map(formatTable)];
  if (result.notes.length) parts.push(result.notes.map((n) => `note: ${n}`).join('\n'));
  return parts.join('\n\n');
}

/** JSON beside the printed text, with the machine, so figures from different runs can be told apart. */
export async function writeResultJson(result: BenchResult, dir = path.resolve('data/bench')): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${result.name}.json`);
  const machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
  };
  await writeFile(file, `${JSON.stringify({ ...result, finishedAt: new Date().toISOString(), machine }, null, 2)}\n`);
  return file;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function ratio(a: number, b: number): number | null {
  return b > 0 && Number.isFinite(a) && Number.isFinite(b) ? a / b : null;
}

export const MiB = 2 ** 20;

let gcFunction: (() => void) | undefined;
/**
 * A forced GC before and after each measured structure, so heap deltas count what the structure keeps,
 * not garbage of the previous step; `npm run bench` cannot pass --expose-gc, hence the flag at run time.
 */
export function collectGarbage(): void {
  if (!gcFunction) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
  gcFunction();
}

/** What JS holds: the V8 heap plus typed-array backing stores, which live outside it. */
export function heldBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Peak RSS sampled by the caller (process.resourceUsage's maxRSS is for the whole process life). */
export class RssPeak {
  private peak = process.memoryUsage.rss();
  readonly start = this.peak;
  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
  get peakMiB(): number {
    this.sample();
    return this.peak / MiB;
  }
  get growthMiB(): number {
    return this.peakMiB - this.start / MiB;
  }
}

/** Small, fast, seeded PRNG (mulberry32): the same synthetic hashes and crop offsets in every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
