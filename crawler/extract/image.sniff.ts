/** Image type from the first bytes: servers mislabel files, so the declared content-type is not trusted. */
export interface SniffedImage {
  mime: string;
  extension: string;
}

export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  const b = (i: number) => bytes[i] ?? -1;
  const ascii = (start: number, text: string) => [...text].every((ch, i) => b(start + i) === ch.charCodeAt(0));
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return { mime: 'image/jpeg', extension: 'jpg' };
  if (b(0) === 0x89 && ascii(1, 'PNG\r\n\x1a\n')) return { mime: 'image/png', extension: 'png' };
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return { mime: 'image/gif', extension: 'gif' };
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return { mime: 'image/webp', extension: 'webp' };
  if (ascii(4, 'ftyp') && (ascii(8, 'avif') || ascii(8, 'avis'))) return { mime: 'image/avif', extension: 'avif' };
  if (ascii(4, 'ftyp') && (ascii(8, 'heic') || ascii(8, 'heix') || ascii(8, 'mif1'))) return { mime: 'image/heic', extension: 'heic' };
  if (ascii(0, 'BM') && bytes.length > 26) return { mime: 'image/bmp', extension: 'bmp' };
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)) return { mime: 'image/tiff', extension: 'tif' };
  return undefined;
}

/** A short description of what non-image bytes look like, for the reviewer-facing error. */
export function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'empty body';
  const head = Buffer.from(bytes.subarray(0, 256)).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<body')) return 'an HTML page';
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'an SVG drawing (not supported)';
  if (head.startsWith('{') || head.startsWith('[')) return 'JSON';
  if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(head)) return 'text';
  return 'unknown binary data';
}
