import os from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { createHammingIndex, PackedHammingIndex, type HammingIndexOptions } from '../../fingerprints/hash/hamming.index.ts';
import type { HammingHit } from '../../fingerprints/hash/hash-plugin.ts';
import { hammingDistance } from '../../fingerprints/hash/hash.bits.ts';
import { PDQ_THRESHOLD } from '../../fingerprints/hash/pdq.plugin.ts';
import { collectGarbage, heldBytes, MiB, nowMs, percentile, ratio, seededRandom, type Bench, type BenchResult, type Cell } from './bench.util.ts';
import { loadConfig } from '../../core/config/config.ts';
import { DEFAULT_BENCH_PG_URL, PgHammingPeer } from './index.pg.ts';
import { measureRebuild } from './index.rebuild.ts';

/**
 * "Every fingerprint within PDQ's threshold of a 256-bit query", the matcher's inner loop, at growing
 * registry sizes: the index (multi-index hashing, as createHammingIndex picks at these sizes), its linear
 * WASM and JavaScript scans, the obvious JavaScript scan and PostgreSQL's bit_count.
 * The hashes are uniform random (what PDQ hashes of unrelated images look like: ~128 bits apart),
 * with near neighbours planted around each query so that every query returns a few hits.
 */

const BYTES = 32;
const MAX_DISTANCE = PDQ_THRESHOLD;
// Inside the threshold (4, 16, 28) plus one just outside it that must not come back.
const PLANTED = [4, 16, 28, 40];
const TEN_MILLION_NEEDS = 6 * 2 ** 30;
const PG_BUDGET_MS = 120_000;

interface Workload {
  packed: Uint8Array;
  queries: Uint8Array[];
}

function flipBits(source: Uint8Array, count: number, random: () => number): Uint8Array {
  const out = source.slice();
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(random() * BYTES * 8));
  for (const bit of chosen) out[bit >> 3]! ^= 0x80 >> (bit & 7);
  return out;
}

/** Neighbours go into the first `plantBelow` rows, so every prefix size that is measured holds them. */
function makeWorkload(size: number, queryCount: number, plantBelow: number): Workload {
  const random = seededRandom(20260101);
  const packed = new Uint8Array(size * BYTES);
  const words = new Uint32Array(packed.buffer);
  for (let i = 0; i < words.length; i++) words[i] = (random() * 4294967296) >>> 0;
  const queries: Uint8Array[] = [];
  const used = new Set<number>();
  for (let q = 0; q < queryCount; q++) {
    const query = new Uint8Array(BYTES);
    for (let b = 0; b < BYTES; b++) query[b] = Math.floor(random() * 256);
    queries.push(query);
    for (const distance of PLANTED) {
      let row: number;
      do row = Math.floor(random() * plantBelow);
      while (used.has(row));
      used.add(row);
      packed.set(flipBits(query, distance, random), row * BYTES);
    }
  }
  return { packed, queries };
}

interface Measured {
  size: number;
  method: string;
  buildMs: number | null;
  memoryBytes: number | null;
  times: number[];
  hits: HammingHit[][];
}

function timeQueries(queries: Uint8Array[], run: (q: Uint8Array) => HammingHit[]): { times: number[]; hits: HammingHit[][] } {
  run(queries[0]!); // warm-up
  const times: number[] = [];
  const hits: HammingHit[][] = [];
  for (const q of queries) {
    const t = nowMs();
    hits.push(run(q));
    times.push(nowMs() - t);
  }
  return { times, hits };
}

const INDEXES: { method: string; options: HammingIndexOptions }[] = [
  { method: 'createHammingIndex (MIH)', options: {} },
  { method: 'packed linear, WASM popcnt', options: { multiIndexFrom: Infinity } },
  { method: 'packed linear, JS popcount', options: { multiIndexFrom: Infinity, scan: 'js' } },
];

/** Build = bulk load + the multi-index tables (which a plain add() loop defers to the first query). */
function measureIndex(w: Workload, size: number, queries: Uint8Array[], method: string, options: HammingIndexOptions): Measured {
  collectGarbage();
  const before = heldBytes();
  const t = nowMs();
  const index: PackedHammingIndex = createHammingIndex(256, { ...options, expectedSize: size });
  index.addMany(Float64Array.from({ length: size }, (_, i) => i), w.packed.subarray(0, size * BYTES));
  index.prepare();
  const buildMs = nowMs() - t;
  collectGarbage();
  // WASM memory is outside both the V8 heap and process.memoryUsage().arrayBuffers.
  const memoryBytes = heldBytes() - before + index.wasmBytes;
  const { times, hits } = timeQueries(queries, (q) => index.query(q, MAX_DISTANCE));
  return { size, method, buildMs, memoryBytes, times, hits };
}

/** The peer: what one writes without thinking about memory layout. */
function measureLinear(w: Workload, size: number, queries: Uint8Array[]): Measured {
  collectGarbage();
  const before = heldBytes();
  const t = nowMs();
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < size; i++) hashes.push(w.packed.slice(i * BYTES, (i + 1) * BYTES));
  const buildMs = nowMs() - t;
  collectGarbage();
  const memoryBytes = heldBytes() - before;
  const { times, hits } = timeQueries(queries, (q) => {
    const out: HammingHit[] = [];
    for (let i = 0; i < hashes.length; i++) {
      const distance = hammingDistance(q, hashes[i]!);
      if (distance <= MAX_DISTANCE) out.push({ id: i, distance });
    }
    return out;
  });
  return { size, method: 'linear scan, Uint8Array[]', buildMs, memoryBytes, times, hits };
}

const hitKey = (hits: HammingHit[]) => hits.map((h) => `${h.id}:${h.distance}`).sort().join(',');

export const indexBench: Bench = {
  name: 'index',
  description: `Hamming search (≤${MAX_DISTANCE} of 256 bits): createHammingIndex (MIH) and packed WASM/JS scans vs linear scan vs PostgreSQL bit_count`,
  async run({ quick, log }): Promise<BenchResult> {
    const notes: string[] = [];
    const sizes = quick ? [10_000, 100_000] : [100_000, 1_000_000];
    const heapLimit = getHeapStatistics().heap_size_limit;
    if (!quick) {
      if (os.freemem() > TEN_MILLION_NEEDS && heapLimit > 3.5 * 2 ** 30) sizes.push(10_000_000);
      else notes.push(`10 M skipped: ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free, V8 heap limit ${(heapLimit / 2 ** 30).toFixed(1)} GiB (needs ~6 GiB free and a 3.5 GiB heap)`);
    }
    const queryCount = (size: number) => (size >= 10_000_000 ? 10 : size >= 1_000_000 ? 30 : 50);
    const maxQueries = queryCount(sizes[0]!);
    log(`index: generating ${sizes.at(-1)!.toLocaleString('en')} random 256-bit hashes, ${maxQueries} queries`);
    const workload = makeWorkload(sizes.at(-1)!, maxQueries, sizes[0]!);
    const measured: Measured[] = [];

    for (const size of sizes) {
      const queries = workload.queries.slice(0, queryCount(size));
      for (const { method, options } of INDEXES) {
        measured.push(measureIndex(workload, size, queries, method, options));
        log(`  ${size}: ${method} p50 ${percentile(measured.at(-1)!.times, 50).toFixed(2)} ms`);
        collectGarbage();
      }
      measured.push(measureLinear(workload, size, queries));
      log(`  ${size}: linear p50 ${percentile(measured.at(-1)!.times, 50).toFixed(2)} ms`);
      collectGarbage();
    }

    // The server of DATABASE_URL when set (read through the one config parser), else the local one.
    const url = loadConfig().databaseUrl ?? DEFAULT_BENCH_PG_URL;
    const pgPeer = await PgHammingPeer.open(url);
    if (typeof pgPeer === 'string') notes.push(`PostgreSQL skipped: ${pgPeer}`);
    else {
      try {
        notes.push(`PostgreSQL ${pgPeer.serverVersion}: bit(256) column, sequential scan, max_parallel_workers_per_gather = 0, times include the local round trip`);
        let loaded = 0;
        const started = nowMs();
        for (const size of sizes.slice(0, 2)) {
          const spent = nowMs() - started;
          // Load and query time grow linearly: estimate from the smaller size before committing to this one.
          if (loaded > 0 && (spent * size) / loaded > PG_BUDGET_MS) {
            notes.push(`PostgreSQL at ${size.toLocaleString('en')} skipped: estimated ${((spent * size) / loaded / 1000).toFixed(0)} s > ${PG_BUDGET_MS / 1000} s budget`);
            break;
          }
          const t = nowMs();
          await pgPeer.load(workload.packed, loaded, size);
          const buildMs = nowMs() - t + (measured.find((m) => m.method === 'PostgreSQL bit_count')?.buildMs ?? 0);
          loaded = size;
          const queries = workload.queries.slice(0, Math.min(20, queryCount(size)));
          await pgPeer.query(queries[0]!, MAX_DISTANCE);
          const times: number[] = [];
          const hits: HammingHit[][] = [];
          for (const q of queries) {
            const tq = nowMs();
            hits.push(await pgPeer.query(q, MAX_DISTANCE));
            times.push(nowMs() - tq);
          }
          measured.push({ size, method: 'PostgreSQL bit_count', buildMs, memoryBytes: await pgPeer.tableBytes(), times, hits });
          log(`  ${size}: PostgreSQL p50 ${percentile(times, 50).toFixed(2)} ms`);
        }
      } finally {
        await pgPeer.close();
      }
    }

    // Last, with every index above released: it holds a million row objects.
    collectGarbage();
    const rebuildSize = quick ? 100_000 : 1_000_000;
    log(`index: rebuild from PostgreSQL at ${rebuildSize.toLocaleString('en')}`);
    const rebuild = await measureRebuild(url, rebuildSize, log);
    if (typeof rebuild === 'string') notes.push(`rebuild from PostgreSQL skipped: ${rebuild}`);
    else notes.push('rebuild: total = select (WorkRepository.activeFingerprints) + parse (toIndexedFingerprint) + snapshot (MatchSnapshot, add() per row) + MIH build (at the first query); insert is setup, not counted');

    const rows: Cell[][] = [];
    for (const size of sizes) {
      const group = measured.filter((m) => m.size === size);
      const linear = group.find((m) => m.method === 'linear scan, Uint8Array[]')!;
      const postgres = group.find((m) => m.method === 'PostgreSQL bit_count');
      for (const m of group) {
        const n = m.hits.length;
        const agree = m.hits.every((h, i) => hitKey(h) === hitKey(linear.hits[i]!));
        rows.push([
          size.toLocaleString('en'),
          m.method,
          m.buildMs === null ? null : m.buildMs / 1000,
          m.memoryBytes === null ? null : m.memoryBytes / MiB,
          m.memoryBytes === null ? null : m.memoryBytes / size,
          percentile(m.times, 50),
          percentile(m.times, 95),
          n,
          m.hits.reduce((s, h) => s + h.length, 0) / Math.max(1, n),
          ratio(percentile(linear.times, 50), percentile(m.times, 50)),
          postgres ? ratio(percentile(postgres.times, 50), percentile(m.times, 50)) : null,
          agree ? 'yes' : 'NO',
        ]);
      }
    }
    notes.push(
      `${PLANTED.filter((d) => d <= MAX_DISTANCE).length} neighbours planted within ${MAX_DISTANCE} bits of each query (and one at ${PLANTED.at(-1)}), so hits/query should be ${PLANTED.filter((d) => d <= MAX_DISTANCE).length}`,
      '"× vs linear" / "× vs PostgreSQL" = that method\'s median query time over the row\'s (above 1 = the row is faster)',
      'memory: JS heap + typed-array buffers kept after a forced GC, plus the WASM memory holding the hashes (for PostgreSQL: pg_total_relation_size); build: addMany() + multi-index tables (linear scan: slice() of every hash; PostgreSQL: batched INSERT + VACUUM ANALYZE)',
      '"agree" = the same ids and distances as the plain linear scan for every query',
      // Whole-process figure: includes the generated input (32 bytes a hash) and every step's garbage.
      `process peak RSS so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
    return {
      name: 'index',
      tables: [
        {
          title: `All hashes within ${MAX_DISTANCE} bits of a 256-bit query (random PDQ-like hashes, one core)`,
          columns: ['hashes', 'method', 'build s', 'memory MiB', 'bytes/hash', 'p50 ms', 'p95 ms', 'queries', 'hits/query', '× vs linear', '× vs PostgreSQL', 'agree'],
          rows,
        },
        ...(typeof rebuild !== 'string'
          ? [
              {
                title: 'Matcher index rebuilt from PostgreSQL at start (synthetic PDQ rows in fingerprints.fingerprints)',
                columns: ['rows', 'insert s', 'select s', 'parse s', 'snapshot s', 'MIH build s', 'total s'],
                rows: [[rebuild.rows.toLocaleString('en'), rebuild.insertS, rebuild.selectS, rebuild.convertS, rebuild.snapshotS, rebuild.firstQueryS, rebuild.totalS] as Cell[]],
              },
            ]
          : []),
      ],
      notes,
    };
  },
};
