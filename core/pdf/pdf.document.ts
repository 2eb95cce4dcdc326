import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { DependencyError } from '../errors/errors.ts';

/**
 * One way to make PDFs (notices, evidence reports, the yearly report): pdfkit with Noto fonts embedded, so
 * Vietnamese diacritics render in any viewer. Fonts come from Debian's fonts-noto-core (scripts/setup.sh).
 */
export const FONT_REGULAR = 'ipwatch-regular';
export const FONT_BOLD = 'ipwatch-bold';
export const FONT_ITALIC = 'ipwatch-italic';

const FONT_FILES = { [FONT_REGULAR]: 'NotoSans-Regular.ttf', [FONT_BOLD]: 'NotoSans-Bold.ttf', [FONT_ITALIC]: 'NotoSans-Italic.ttf' } as const;

export class FontMissingError extends DependencyError {
  constructor(file: string) {
    super(`font ${file} not found: install Debian's fonts-noto-core (bash scripts/setup.sh)`);
  }
}

export interface PdfOptions {
  /** Directory holding NotoSans-*.ttf (config.fontDir). */
  fontDir: string;
  title: string;
  author?: string;
  subject?: string;
  /** Fixed by the caller (the record's own time) so the same input gives the same document. */
  createdAt: Date;
  size?: 'A4';
  margin?: number;
}

export type Pdf = PDFKit.PDFDocument;

/** Builds a PDF in memory: `draw` writes the pages; fonts are registered and the regular one selected. */
export async function renderPdf(options: PdfOptions, draw: (doc: Pdf) => void | Promise<void>): Promise<Buffer> {
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    margin: options.margin ?? 56,
    bufferPages: true,
    info: { Title: options.title, Author: options.author ?? 'ipwatch', Subject: options.subject ?? '', Producer: 'ipwatch', Creator: 'ipwatch', CreationDate: options.createdAt, ModDate: options.createdAt },
  });
  for (const [name, file] of Object.entries(FONT_FILES)) {
    const full = path.join(options.fontDir, file);
    if (!existsSync(full)) throw new FontMissingError(full);
    doc.registerFont(name, full);
  }
  doc.font(FONT_REGULAR);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    await draw(doc);
  } finally {
    doc.end();
  }
  return done;
}

/**
 * Crawled text as printable text: control characters (which can break a PDF text run or a DOCX part) out,
 * length capped. Markup needs nothing else: pdfkit and docx never interpret it.
 */
export function printable(value: string | null | undefined, max = 2000): string {
  if (!value) return '';
  // eslint-disable-next-line no-control-regex
  const clean = value.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
