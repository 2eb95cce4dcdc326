/**
 * The few pieces needed to write small WebAssembly modules as bytes (no toolchain at build or run time):
 * opcodes, LEB128 immediates and section framing. Used by the Hamming scan and the ORB nearest-neighbour
 * search, whose loops are worth `i64.popcnt` being one instruction.
 */

export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, void: 0x40,
  get: 0x20, set: 0x21, tee: 0x22,
  i32Const: 0x41, i64Const: 0x42,
  i32Eq: 0x46, i32LtU: 0x49, i32GeU: 0x4f, i64LtU: 0x54, i64LeU: 0x58,
  i32Add: 0x6a, i32Shl: 0x74, i64Popcnt: 0x7b, i64Add: 0x7c, i64Xor: 0x85,
  i32Wrap: 0xa7, i64ExtendU: 0xad,
  i64Load: 0x29, i32Store: 0x36,
} as const;

export const I32 = 0x7f;
export const I64 = 0x7e;

/** Unsigned LEB128: counts, sizes, indices, memory offsets. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** Signed LEB128, as i32.const and i64.const read their immediates. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const get = (i: number) => [OP.get, i];
export const set = (i: number) => [OP.set, i];
export const i32 = (v: number) => [OP.i32Const, ...sleb(v)];
export const i64 = (v: number) => [OP.i64Const, ...sleb(v)];
export const load64 = (offset: number) => [OP.i64Load, 3, ...uleb(offset)];
export const store32 = (offset: number) => [OP.i32Store, 2, ...uleb(offset)];
/** popcnt(load64(ptr + offset) ^ q) */
export const xorCount = (ptr: number, offset: number, q: number) => [...get(ptr), ...load64(offset), ...get(q), OP.i64Xor, OP.i64Popcnt];

export function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

export function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

export function name(s: string): number[] {
  return [...uleb(s.length), ...Buffer.from(s, 'ascii')];
}
