import type { Context } from 'hono';
import { ExternalInputError, PayloadTooLargeError, UnsupportedMediaError, ValidationError } from '../../../core/errors/errors.ts';
import type { AssetUpload } from '../../../fingerprints/registry/registry.types.ts';
import { MAX_DOCUMENT_BYTES, MAX_TEXT_CHARS } from '../../../fingerprints/registry/registry.uploads.ts';
import type { AppEnv } from '../../app.types.ts';

/** Multipart overhead allowed on top of the file itself (boundaries, the other small fields). */
const FORM_OVERHEAD = 64 * 1024;

/** Refuses a declared-too-big body before reading it; the parsed file is checked again (chunked bodies). */
export function assertContentLength(c: Context<AppEnv>, maxFileBytes: number): void {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > maxFileBytes + FORM_OVERHEAD) {
    throw new PayloadTooLargeError(`upload too large: ${declared} bytes (limit ${maxFileBytes})`, { bytes: declared, maxBytes: maxFileBytes });
  }
}

export function isFile(value: unknown): value is File {
  return typeof value === 'object' && value !== null && typeof (value as File).arrayBuffer === 'function' && typeof (value as File).size === 'number';
}

export async function fileBytes(file: File, maxBytes: number): Promise<Uint8Array> {
  if (file.size > maxBytes) throw new PayloadTooLargeError(`file too large: ${file.size} bytes (limit ${maxBytes})`, { bytes: file.size, maxBytes });
  return new Uint8Array(await file.arrayBuffer());
}

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

/**
 * One asset from a multipart form: `file` (an image, or a document when `kind=document` or the bytes are
 * a PDF) or `text`. The declared content type and the file name are never trusted; the registry decodes.
 */
export async function readAssetUpload(c: Context<AppEnv>, maxImageBytes: number): Promise<AssetUpload> {
  assertContentLength(c, Math.max(maxImageBytes, MAX_DOCUMENT_BYTES, MAX_TEXT_CHARS * 4));
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data|^application\/x-www-form-urlencoded/i.test(type)) throw new UnsupportedMediaError('send the asset as multipart/form-data');
  const body = await c.req.parseBody();
  const kind = typeof body.kind === 'string' && body.kind ? body.kind : undefined;
  if (kind !== undefined && !['image', 'document', 'text'].includes(kind)) throw new ValidationError('kind must be image, document or text');
  const name = typeof body.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 255) : undefined;
  if (kind === 'text' || (kind === undefined && !isFile(body.file) && typeof body.text === 'string')) {
    if (typeof body.text !== 'string' || !body.text.trim()) throw new ValidationError('a text asset needs a non-empty `text` field');
    if (body.text.length > MAX_TEXT_CHARS) throw new PayloadTooLargeError(`a text asset holds at most ${MAX_TEXT_CHARS} characters`);
    return { kind: 'text', text: body.text, ...(name ? { name } : {}) };
  }
  if (!isFile(body.file)) throw new ValidationError('attach the file as the `file` field');
  const fileName = name ?? (body.file.name || 'upload');
  if (kind === 'document' || (kind === undefined && isPdf(new Uint8Array(await body.file.slice(0, 5).arrayBuffer())))) {
    return { kind: 'document', name: fileName, bytes: await fileBytes(body.file, MAX_DOCUMENT_BYTES), mime: body.file.type || 'application/octet-stream' };
  }
  return { kind: 'image', name: fileName, bytes: await fileBytes(body.file, maxImageBytes) };
}

/** The registry decodes images and reports what is not one as external input: to HTTP, 413 or 415. */
export async function asUploadError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ExternalInputError) {
      if (/too large/.test(error.message)) throw new PayloadTooLargeError(error.message, error.details);
      throw new UnsupportedMediaError(error.message, error.details);
    }
    throw error;
  }
}
