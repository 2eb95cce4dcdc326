import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ImportFileError, issue } from './import.issue.ts';

/**
 * ZIP archives from outside (the images ZIP, and every XLSX, which is a ZIP) opened with yauzl, which
 * already refuses `../` and absolute names; on top: no symlinks, no encryption, bounded entry count,
 * bounded declared and actual sizes, and a compression-ratio cap against bombs.
 */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed/compressed above this (for entries over 1 MiB) is treated as a bomb. */
  maxRatio: number;
}

/** Photos barely compress; even BMP/TIFF stay far under 100:1, bombs are at 1000:1 and more. */
export const IMAGE_ZIP_MAX_RATIO = 100;
/** 10 000 rows with one image each, plus folders and stray files. */
export const IMAGE_ZIP_MAX_ENTRIES = 20_000;
const RATIO_FLOOR = 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  size: number;
  entry: Entry;
}

export type ZipSource = { path: string } | { bytes: Uint8Array };

export class SafeZip {
  private constructor(
    private readonly zip: ZipFile,
    readonly file: string,
    /** NFC names of the regular files (macOS metadata skipped), by full path. */
    readonly entries: Map<string, ZipEntryInfo>,
    private readonly limits: ZipLimits,
  ) {}

  static async open(source: ZipSource, file: string, limits: ZipLimits): Promise<SafeZip> {
    const zip = await openZip(source, file);
    try {
      if (zip.entryCount > limits.maxEntries) {
        throw new ImportFileError(issue(`tệp ZIP có quá nhiều mục (${zip.entryCount}, tối đa ${limits.maxEntries})`, `too many ZIP entries (${zip.entryCount}, limit ${limits.maxEntries})`), file, undefined, 413);
      }
      const entries = await readDirectory(zip, file, limits);
      return new SafeZip(zip, file, entries, limits);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /** The entry's bytes, never more than its declared size (yauzl checks the actual size against it). */
  async read(name: string): Promise<Buffer> {
    const info = this.entries.get(name);
    if (!info) throw new ImportFileError(issue(`không có mục ${name}`, `no entry ${name}`), this.file);
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        this.zip.openReadStream(info.entry, (error, s) => (error ? reject(error) : resolve(s))),
      );
      await pipeline(
        stream,
        new Writable({
          write: (chunk: Buffer, _enc, done) => {
            total += chunk.length;
            if (total > info.size || total > this.limits.maxEntryBytes) return done(new Error('entry larger than declared'));
            chunks.push(chunk);
            done();
          },
        }),
      );
    } catch (error) {
      throw new ImportFileError(
        issue(`không giải nén được ${name}: ${(error as Error).message}`, `cannot extract ${name}: ${(error as Error).message}`),
        this.file,
      );
    }
    return Buffer.concat(chunks, total);
  }

  /** Decompresses every entry once (XLSX: exceljs loads all of them; bombs must fail here first). */
  async verifyAll(): Promise<void> {
    for (const name of this.entries.keys()) await this.read(name);
  }

  private closed = false;

  /** Idempotent: the CLI and run() may both close it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.zip.close();
  }
}

function openZip(source: ZipSource, file: string): Promise<ZipFile> {
  const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: ZipFile) => {
      if (error || !zip) reject(new ImportFileError(issue(`không phải tệp ZIP hợp lệ (${error?.message ?? 'không đọc được'})`, `not a valid ZIP file (${error?.message ?? 'unreadable'})`), file, undefined, 415));
      else resolve(zip);
    };
    if ('path' in source) yauzl.open(source.path, options, done);
    else yauzl.fromBuffer(Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength), options, done);
  });
}

function readDirectory(zip: ZipFile, file: string, limits: ZipLimits): Promise<Map<string, ZipEntryInfo>> {
  const entries = new Map<string, ZipEntryInfo>();
  let total = 0;
  return new Promise((resolve, reject) => {
    const fail = (vi: string, en: string, status: 400 | 413 = 400) => {
      zip.removeAllListeners('entry');
      reject(new ImportFileError(issue(vi, en), file, undefined, status));
    };
    zip.on('error', (error: Error) => {
      const message = error.message;
      if (/invalid relative path|absolute path|invalid characters in fileName/.test(message)) {
        fail(`tệp ZIP chứa đường dẫn không an toàn (${message.replace(/^.*?: /, '')})`, `unsafe path in ZIP (${message})`);
      } else fail(`tệp ZIP hỏng: ${message}`, `corrupt ZIP: ${message}`);
    });
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: Entry) => {
      const name = entry.fileName.normalize('NFC');
      if (entry.isEncrypted()) return fail(`tệp ZIP có mục mã hóa: ${name}`, `encrypted ZIP entry: ${name}`);
      const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (mode === 0o120000) return fail(`tệp ZIP chứa liên kết tượng trưng: ${name}`, `symbolic link in ZIP: ${name}`);
      if (name.endsWith('/') || name.startsWith('__MACOSX/') || name.split('/').pop()!.startsWith('._') || name.endsWith('.DS_Store')) {
        zip.readEntry();
        return;
      }
      if (entries.has(name)) return fail(`tệp ZIP có hai mục cùng tên: ${name}`, `duplicate ZIP entry: ${name}`);
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        return fail(`mục ${name} quá lớn (${entry.uncompressedSize} byte, tối đa ${limits.maxEntryBytes})`, `entry ${name} too large (${entry.uncompressedSize} bytes, limit ${limits.maxEntryBytes})`, 413);
      }
      if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
        return fail(`mục ${name} có tỉ lệ nén bất thường (bom giải nén)`, `entry ${name} has a suspicious compression ratio (decompression bomb)`, 413);
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) {
        return fail(`tổng dung lượng giải nén vượt giới hạn ${limits.maxTotalBytes} byte`, `total uncompressed size exceeds ${limits.maxTotalBytes} bytes`, 413);
      }
      entries.set(name, { name, size: entry.uncompressedSize, entry });
      zip.readEntry();
    });
    zip.readEntry();
  });
}
