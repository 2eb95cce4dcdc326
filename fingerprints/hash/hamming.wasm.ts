/**
 * The Hamming scan as WebAssembly, written as bytes so that no toolchain is needed: V8 compiles
 * `i64.popcnt` to one POPCNT instruction, where JavaScript needs a dozen bit tricks per 32 bits.
 *
 * Exports (all pointers are byte offsets into the imported memory; hashes are packed back to back):
 *   scan4(hashes, count, query, maxDistance, out, cap) → hits   256-bit hashes, early exit after 128 bits
 *   scanN(hashes, count, words, query, maxDistance, out, cap) → hits   any multiple of 64 bits
 * Each hit is written to `out` as two i32: the slot relative to `hashes`, then the distance. A scan
 * stops when `cap` hits are written, so the caller resumes after the last hit's slot.
 */

import { get, I32, I64, i32, load64, name, OP, section, set, store32, uleb, vector, xorCount } from './wasm.assembler.ts';

/** Writes (slot, d) at out + hits·8, hits++, and leaves the function when cap is reached. */
function emitHit(out: number, hits: number, slot: number, d: number, cap: number, depth: number): number[] {
  return [
    ...get(out), ...get(hits), ...i32(3), OP.i32Shl, OP.i32Add, ...get(slot), ...store32(0),
    ...get(out), ...get(hits), ...i32(3), OP.i32Shl, OP.i32Add, ...get(d), OP.i32Wrap, ...store32(4),
    ...get(hits), ...i32(1), OP.i32Add, OP.tee, hits, ...get(cap), OP.i32Eq, OP.brIf, depth,
  ];
}

// scan4 locals: 0 h, 1 count, 2 q, 3 maxd, 4 out, 5 cap | 6 hits, 7 slot (i32) | 8..11 q0..q3, 12 d, 13 md (i64)
function scan4Body(): number[] {
  const [h, count, q, maxd, out, cap, hits, slot, q0, d, md] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13];
  return [
    ...[1, 2, 3, 4].flatMap((_, w) => [...get(q), ...load64(w * 8), ...set(q0 + w)]),
    ...get(maxd), OP.i64ExtendU, ...set(md),
    OP.block, OP.void,
    OP.loop, OP.void,
    ...get(slot), ...get(count), OP.i32GeU, OP.brIf, 1,
    ...xorCount(h, 0, q0), ...xorCount(h, 8, q0 + 1), OP.i64Add, OP.tee, d, ...get(md), OP.i64LeU,
    OP.if, OP.void,
    ...get(d), ...xorCount(h, 16, q0 + 2), OP.i64Add, ...xorCount(h, 24, q0 + 3), OP.i64Add, OP.tee, d, ...get(md), OP.i64LeU,
    OP.if, OP.void,
    ...emitHit(out, hits, slot, d, cap, 3),
    OP.end,
    OP.end,
    ...get(h), ...i32(32), OP.i32Add, ...set(h),
    ...get(slot), ...i32(1), OP.i32Add, ...set(slot),
    OP.br, 0,
    OP.end,
    OP.end,
    ...get(hits),
    OP.end,
  ];
}

// scanN locals: 0 h, 1 count, 2 words, 3 q, 4 maxd, 5 out, 6 cap | 7 hits, 8 slot, 9 w, 10 p, 11 qp (i32) | 12 d, 13 md (i64)
function scanNBody(): number[] {
  const [h, count, words, q, maxd, out, cap, hits, slot, w, p, qp, d, md] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  return [
    ...get(maxd), OP.i64ExtendU, ...set(md),
    ...get(h), ...set(p),
    OP.block, OP.void,
    OP.loop, OP.void,
    ...get(slot), ...get(count), OP.i32GeU, OP.brIf, 1,
    OP.i64Const, 0, ...set(d), ...i32(0), ...set(w), ...get(q), ...set(qp),
    OP.loop, OP.void,
    ...get(d), ...get(p), ...load64(0), ...get(qp), ...load64(0), OP.i64Xor, OP.i64Popcnt, OP.i64Add, ...set(d),
    ...get(p), ...i32(8), OP.i32Add, ...set(p),
    ...get(qp), ...i32(8), OP.i32Add, ...set(qp),
    ...get(w), ...i32(1), OP.i32Add, OP.tee, w, ...get(words), OP.i32LtU,
    OP.if, OP.void,
    ...get(d), ...get(md), OP.i64LeU, OP.brIf, 1,
    OP.end,
    OP.end,
    // p ends wherever the early exit left it: restart from the next hash.
    ...get(h), ...get(words), ...i32(3), OP.i32Shl, OP.i32Add, OP.tee, h, ...set(p),
    ...get(d), ...get(md), OP.i64LeU,
    OP.if, OP.void,
    ...emitHit(out, hits, slot, d, cap, 2),
    OP.end,
    ...get(slot), ...i32(1), OP.i32Add, ...set(slot),
    OP.br, 0,
    OP.end,
    OP.end,
    ...get(hits),
    OP.end,
  ];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const fn = (params: number, localGroups: [number, number][], body: number[]) => {
    const code = [...vector(localGroups.map(([n, t]) => [...uleb(n), t])), ...body];
    return { type: [0x60, ...vector(Array.from({ length: params }, () => [I32])), 1, I32], code: [...uleb(code.length), ...code] };
  };
  const scan4 = fn(6, [[2, I32], [6, I64]], scan4Body());
  const scanN = fn(7, [[5, I32], [2, I64]], scanNBody());
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([scan4.type, scanN.type])),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])), // memory, min 1 page
    ...section(3, vector([[0], [1]])),
    ...section(7, vector([[...name('scan4'), 0x00, 0], [...name('scanN'), 0x00, 1]])),
    ...section(10, vector([scan4.code, scanN.code])),
  ]);
}

export interface ScanExports {
  scan4(hashes: number, count: number, query: number, maxDistance: number, out: number, cap: number): number;
  scanN(hashes: number, count: number, words: number, query: number, maxDistance: number, out: number, cap: number): number;
}

// Compiled once per process; each index instantiates it over its own memory (instantiation is cheap).
const compiled = new WebAssembly.Module(moduleBytes());

export function instantiateScan(memory: WebAssembly.Memory): ScanExports {
  return new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as ScanExports;
}
