import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Real Vietnamese prose for the text-quality benchmark: the paragraphs of Debian's libreoffice-help-vi
 * (LibreOffice's help, translated by people; MPL/LGPL). Chosen because it is large, Vietnamese-translated
 * by hand and very repetitive ("Bạn có thể chọn … trong hộp thoại"): innocent paragraphs share a lot of
 * vocabulary with registered ones, which is the hard case for short works. The packages reserved for the
 * independent evaluation (../shared/README.md) are never read here.
 *
 * The package is used where it is installed; else `apt-get download` fetches only that .deb (no
 * LibreOffice dependency chain) and `dpkg-deb -x` unpacks it into data/bench/corpus. Nothing but a
 * Debian package is downloaded.
 */

export const CORPUS_PACKAGE = 'libreoffice-help-vi';
const HELP_SUBDIR = 'usr/share/libreoffice/help/vi/text';
const VIETNAMESE_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/giu;

export interface Document {
  file: string;
  paragraphs: string[];
}

function helpRoot(dataDir: string, log: (line: string) => void): string {
  const installed = `/${HELP_SUBDIR}`;
  if (existsSync(installed)) return installed;
  const target = path.join(dataDir, 'corpus', CORPUS_PACKAGE);
  const unpacked = path.join(target, HELP_SUBDIR);
  if (existsSync(unpacked)) return unpacked;
  mkdirSync(target, { recursive: true });
  log(`${CORPUS_PACKAGE} missing: apt-get download + dpkg-deb -x into ${target}`);
  try {
    execFileSync('apt-get', ['download', CORPUS_PACKAGE], { cwd: target, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch {
    // A stale package list is the usual reason; refresh once (needs root, as the bench's contract says).
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('apt-get', ['download', CORPUS_PACKAGE], { cwd: target, stdio: ['ignore', 'ignore', 'pipe'] });
  }
  const deb = readdirSync(target).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${CORPUS_PACKAGE} produced no .deb in ${target}`);
  execFileSync('dpkg-deb', ['-x', path.join(target, deb), target]);
  if (!existsSync(unpacked)) throw new Error(`${deb} has no ${HELP_SUBDIR}`);
  return unpacked;
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(full));
    else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out.sort();
}

const decode = (text: string) =>
  text.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Paragraphs that are Vietnamese prose (not untranslated English, code or formulas), per help page. */
export function loadCorpus(dataDir: string, log: (line: string) => void): Document[] {
  const root = helpRoot(dataDir, log);
  const seen = new Set<string>();
  const docs: Document[] = [];
  for (const file of htmlFiles(root)) {
    const html = readFileSync(file, 'utf8');
    const paragraphs: string[] = [];
    for (const m of html.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)) {
      const text = decode(m[1]!.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim().normalize('NFC');
      const words = text.split(' ').length;
      const marked = (text.match(VIETNAMESE_LETTERS) ?? []).length;
      if (words < 6 || marked / words < 0.3 || /[=(){};]/.test(text) || seen.has(text)) continue;
      seen.add(text);
      paragraphs.push(text);
    }
    if (paragraphs.length) docs.push({ file: path.relative(root, file), paragraphs });
  }
  return docs;
}

/** Sentences of a paragraph (the help's sentences end with . : ? !). */
export function sentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?:])\s+/).map((s) => s.trim()).filter(Boolean);
}
