import { createReadStream } from 'node:fs';

/**
 * JSON Lines read as a byte stream rather than with readline: readline would hold a 2 GB line in memory
 * and silently turn invalid UTF-8 into U+FFFD, and a line's encoding has to be judged on its bytes.
 */

/** A listing's text, a page, or a long poem fits many times over; past this a line is refused unread. */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;
/** Kept of an over-long line, so that its id can usually still be named in the error. */
const HEAD_BYTES = 4096;

export interface RawLine {
  /** 1-based line number in the file. */
  number: number;
  text?: string;
  /** Set instead of `text` when the line could not be read. */
  error?: string;
  /** The start of an unreadable line, decoded leniently, for salvaging its id. */
  head?: string;
  /** Set when the line was not UTF-8 and was read as windows-1258 instead. */
  legacyEncoding?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Bytes that are not UTF-8 are read as windows-1258, the Vietnamese Windows code page: it decodes every
 * byte, is Latin-1 for Western text, and its combining tone marks come out right after NFC. TCVN3 or
 * VNI text read this way stays garbled and simply matches nothing; no encoding guess can be sure.
 */
const LEGACY = 'windows-1258';
const legacy = new TextDecoder(LEGACY);

function decodeLine(number: number, bytes: Buffer): RawLine {
  try {
    return { number, text: utf8.decode(bytes) };
  } catch {
    return { number, text: legacy.decode(bytes), legacyEncoding: LEGACY };
  }
}

/** UTF-16 files (with a BOM, as Windows tools write them) are transcoded; a UTF-8 BOM is dropped. */
function transcoder(first: Buffer): { skip: number; decode?: TextDecoder } {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { skip: 3 };
  if (first[0] === 0xff && first[1] === 0xfe) return { skip: 2, decode: new TextDecoder('utf-16le') };
  if (first[0] === 0xfe && first[1] === 0xff) return { skip: 2, decode: new TextDecoder('utf-16be') };
  return { skip: 0 };
}

/** Non-blank lines of a file, streamed; a line over `maxLineBytes` is reported, not read. */
export async function* readJsonLines(file: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<RawLine> {
  let number = 1;
  let parts: Buffer[] = [];
  let size = 0;
  let head: Buffer | undefined;
  let started = false;
  let decoder: TextDecoder | undefined;

  const append = (piece: Buffer) => {
    if (head) return;
    if (size + piece.length > maxLineBytes) {
      head = Buffer.concat([...parts, piece.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES);
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };
  const finish = (): RawLine | undefined => {
    const line = number++;
    if (head) {
      const out = { number: line, error: `line too long: over ${maxLineBytes} bytes`, head: head.toString('latin1') };
      head = undefined;
      return out;
    }
    let bytes = Buffer.concat(parts, size);
    parts = [];
    size = 0;
    if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    if (!bytes.some((b) => b !== 0x20 && b !== 0x09)) return undefined;
    return decodeLine(line, bytes);
  };

  for await (const raw of createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    let chunk = raw;
    if (!started) {
      started = true;
      const t = transcoder(chunk);
      decoder = t.decode;
      chunk = chunk.subarray(t.skip);
    }
    if (decoder) chunk = Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    let at = 0;
    for (let nl = chunk.indexOf(0x0a, at); nl >= 0; nl = chunk.indexOf(0x0a, at)) {
      append(chunk.subarray(at, nl));
      at = nl + 1;
      const line = finish();
      if (line) yield line;
    }
    if (at < chunk.length) append(chunk.subarray(at));
  }
  if (decoder) append(Buffer.from(decoder.decode(), 'utf8'));
  if (size || head) {
    const line = finish();
    if (line) yield line;
  }
}

/** The id of a line that is not valid JSON (truncated, or too long to read), when it can be seen. */
export function salvageId(text: string | undefined): string | number | undefined {
  const match = text?.match(/^\s*\{\s*"id"\s*:\s*(?:"((?:[^"\\]|\\.){1,200})"|(-?\d{1,20}))/);
  if (!match) return undefined;
  if (match[2]) return Number(match[2]);
  try {
    return JSON.parse(`"${match[1]}"`) as string;
  } catch {
    return undefined;
  }
}
