import { BlobRepository } from '../../core/blob/blob.repository.ts';
import { PayloadTooLargeError, UnsupportedMediaError, ValidationError } from '../../core/errors/errors.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../image/image.decode.ts';
import type { AssetKind } from '../fingerprints.schema.ts';
import type { AssetUpload } from './registry.types.ts';

/** A certificate scan or a contract: bigger than an image may be, still bounded. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
export const MAX_TEXT_CHARS = 200_000;
const EXTENSIONS: Record<string, string> = { jpeg: 'jpg', tiff: 'tif' };

/** An upload checked and ready to store: bytes decoded or sniffed, never trusted by name or header. */
export interface PreparedUpload {
  kind: AssetKind;
  bytes?: Uint8Array;
  extension?: string;
  sha256: string;
  mime: string;
  width?: number;
  height?: number;
  originalName: string | null;
  content?: string;
}

/** Decodes images and sniffs documents before anything is written, so a bad file changes nothing. */
export async function prepareUpload(upload: AssetUpload, maxImageBytes: number): Promise<PreparedUpload> {
  const name = upload.name ? cleanName(upload.name) : null;
  if (upload.kind === 'text') {
    const text = upload.text.normalize('NFC').trim();
    if (!text) throw new ValidationError('a text asset needs some text', { vi: 'Tài liệu dạng văn bản cần có nội dung.' });
    if (text.length > MAX_TEXT_CHARS) throw new PayloadTooLargeError(`a text asset holds at most ${MAX_TEXT_CHARS} characters`);
    return { kind: 'text', sha256: BlobRepository.sha256(text), mime: 'text/plain', originalName: name, content: text };
  }
  if (upload.kind === 'image') {
    // decodeImage refuses non-images, oversize files and decompression bombs with ExternalInputError.
    const image = await decodeImage(upload.bytes, { maxBytes: maxImageBytes, maxSide: HASH_DECODE_MAX_SIDE });
    return {
      kind: 'image',
      bytes: upload.bytes,
      extension: EXTENSIONS[image.format] ?? image.format,
      sha256: BlobRepository.sha256(upload.bytes),
      mime: `image/${image.format}`,
      width: image.originalWidth,
      height: image.originalHeight,
      originalName: name,
    };
  }
  if (upload.bytes.byteLength > MAX_DOCUMENT_BYTES) throw new PayloadTooLargeError(`a document may be at most ${MAX_DOCUMENT_BYTES} bytes`);
  const sniffed = sniffDocument(upload.bytes);
  if (!sniffed) throw new UnsupportedMediaError('documents must be PDF, JPEG or PNG files', { declared: upload.mime });
  return { kind: 'document', bytes: upload.bytes, extension: sniffed.extension, sha256: BlobRepository.sha256(upload.bytes), mime: sniffed.mime, originalName: name };
}

function sniffDocument(bytes: Uint8Array): { mime: string; extension: string } | undefined {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { mime: 'application/pdf', extension: 'pdf' };
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { mime: 'image/jpeg', extension: 'jpg' };
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { mime: 'image/png', extension: 'png' };
  return undefined;
}

/** A file name for display only: no path, no control characters, bounded. */
export function cleanName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255) || 'file';
}

/** The blob key BlobRepository.put would give: a dry run records it without writing the file. */
export function blobKeyFor(sha256: string, extension: string): string {
  return `${sha256.slice(0, 2)}/${sha256}.${extension}`;
}
