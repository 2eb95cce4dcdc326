import { get, I32, I64, i32, i64, load64, name, OP, section, set, store32, uleb, vector, xorCount } from '../hash/wasm.assembler.ts';
import { ORB_DESCRIPTOR_BYTES } from './orb.features.ts';

/**
 * The two nearest work descriptors of every candidate descriptor (what Lowe's ratio test needs), as
 * WebAssembly written as bytes like fingerprints/hash/hamming.wasm.ts: `i64.popcnt` is one
 * instruction where JavaScript needs a dozen bit tricks per 32 bits, and this brute-force loop was
 * ~95 % of an ORB verification (1000 × 750 descriptor pairs). Exact: the same best index, best and
 * second-best distances as a plain scan (first index wins ties; a pair is skipped only once its
 * partial distance already reaches the second best, which its full distance could never beat).
 *
 *   knn2(query, queryCount, train, trainCount, out)   256-bit descriptors packed back to back;
 *   writes per query three i32 at out + 12·q: best train index (-1 if none), best, second best.
 */

const inc = (local: number, by: number) => [...get(local), ...i32(by), OP.i32Add, ...set(local)];

// params 0 query, 1 qcount, 2 train, 3 tcount, 4 out | i32 5 qi, 6 ti, 7 tp, 8 bestIdx, 9 qp, 10 op | i64 11..14 q0..q3, 15 d, 16 best, 17 second
function knn2Body(): number[] {
  const [query, qcount, train, tcount, out, qi, ti, tp, bestIdx, qp, op, q0, d, best, second] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17];
  const lt = (a: number, b: number) => [...get(a), ...get(b), OP.i64LtU];
  return [
    ...get(query), ...set(qp), ...get(out), ...set(op),
    OP.block, OP.void,
    OP.loop, OP.void,
    ...get(qi), ...get(qcount), OP.i32GeU, OP.brIf, 1,
    ...[0, 1, 2, 3].flatMap((w) => [...get(qp), ...load64(w * 8), ...set(q0 + w)]),
    ...i64(257), ...set(best), ...i64(257), ...set(second), ...i32(-1), ...set(bestIdx),
    ...get(train), ...set(tp), ...i32(0), ...set(ti),
    OP.block, OP.void,
    OP.loop, OP.void,
    ...get(ti), ...get(tcount), OP.i32GeU, OP.brIf, 1,
    ...xorCount(tp, 0, q0), ...xorCount(tp, 8, q0 + 1), OP.i64Add, OP.tee, d, ...get(second), OP.i64LtU,
    OP.if, OP.void,
    ...get(d), ...xorCount(tp, 16, q0 + 2), OP.i64Add, ...xorCount(tp, 24, q0 + 3), OP.i64Add, ...set(d),
    ...lt(d, second),
    OP.if, OP.void,
    ...lt(d, best),
    OP.if, OP.void,
    ...get(best), ...set(second), ...get(d), ...set(best), ...get(ti), ...set(bestIdx),
    OP.else,
    ...get(d), ...set(second),
    OP.end,
    OP.end,
    OP.end,
    ...inc(tp, ORB_DESCRIPTOR_BYTES), ...inc(ti, 1),
    OP.br, 0,
    OP.end,
    OP.end,
    ...get(op), ...get(bestIdx), ...store32(0),
    ...get(op), ...get(best), OP.i32Wrap, ...store32(4),
    ...get(op), ...get(second), OP.i32Wrap, ...store32(8),
    ...inc(op, 12), ...inc(qp, ORB_DESCRIPTOR_BYTES), ...inc(qi, 1),
    OP.br, 0,
    OP.end,
    OP.end,
  ];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const body = [...vector([[6, I32], [7, I64]].map(([n, t]) => [...uleb(n!), t!])), ...knn2Body(), OP.end];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32], [I32], [I32]]), 0]])),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vector([[0]])),
    ...section(7, vector([[...name('knn2'), 0x00, 0]])),
    ...section(10, vector([[...uleb(body.length), ...body]])),
  ]);
}

const PAGE = 65536;
const memory = new WebAssembly.Memory({ initial: 4 });
const { knn2 } = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()), { env: { memory } }).exports as unknown as {
  knn2(query: number, queryCount: number, train: number, trainCount: number, out: number): void;
};

/** Best train index (-1 when there is none), best and second-best distance, three per query descriptor. */
export function twoNearest(query: Uint8Array, train: Uint8Array): Int32Array {
  const qn = query.length / ORB_DESCRIPTOR_BYTES;
  const tn = train.length / ORB_DESCRIPTOR_BYTES;
  const need = query.length + train.length + qn * 12;
  if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
  const heap = new Uint8Array(memory.buffer);
  heap.set(query, 0);
  heap.set(train, query.length);
  const out = query.length + train.length;
  knn2(0, qn, query.length, tn, out);
  return new Int32Array(memory.buffer.slice(out, out + qn * 12));
}
