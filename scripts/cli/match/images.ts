import fs from 'node:fs/promises';
import path from 'node:path';
import { ExternalInputError } from '../../../core/errors/errors.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE, type DecodedImage } from '../../../fingerprints/image/image.decode.ts';

/** An image file of a works or candidates directory; its id is the file name without extension. */
export interface ImageFile {
  id: string;
  file: string;
}

/** The id DESIGN.md §5 gives a file: its name without the last extension ("a.b.png" → "a.b"). */
export function idOf(name: string): string {
  const ext = path.extname(name);
  return ext && ext !== name ? name.slice(0, -ext.length) : name;
}

/**
 * The image files of a directory, streamed (a directory of a million crawled images need not be listed
 * in memory first). Dotfiles (.DS_Store, editors' swap files) and subdirectories are not images of the
 * set; a symlink counts as what it points to, and a dangling one is kept so that reading it reports it.
 */
export async function* imageFiles(dir: string): AsyncGenerator<ImageFile> {
  for await (const entry of await fs.opendir(dir)) {
    if (entry.name.startsWith('.')) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) continue;
    if (entry.isSymbolicLink()) {
      const target = await fs.stat(file).catch(() => undefined);
      if (target?.isDirectory()) continue;
    } else if (!entry.isFile()) {
      continue; // FIFOs and sockets would block or fail a read; they are never images of the set.
    }
    yield { id: idOf(entry.name), file };
  }
}

/**
 * Reads and decodes one image exactly as the pipeline does (same limits, same decode size), refusing an
 * oversized file from its size alone so a 5 GB "image" is never read into memory. Every failure is an
 * ExternalInputError with a short message.
 */
export async function readImage(file: string, maxBytes: number): Promise<DecodedImage> {
  return decodeImage(await readImageBytes(file, maxBytes), { maxBytes, maxSide: HASH_DECODE_MAX_SIDE });
}

/** The file's bytes under the same size limit, for a caller that also needs them (OCR). */
export async function readImageBytes(file: string, maxBytes: number): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new ExternalInputError('not a regular file');
    if (stat.size > maxBytes) throw new ExternalInputError(`file too large: ${stat.size} bytes (limit ${maxBytes})`);
    bytes = await fs.readFile(file);
  } catch (error) {
    if (error instanceof ExternalInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ExternalInputError(`cannot read file${code ? ` (${code})` : ''}`);
  }
  return bytes;
}
