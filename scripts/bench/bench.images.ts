import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { BENCH_PACKAGES, BenchSetupError, ensureDebianPackages } from './bench.packages.ts';

/**
 * Real pictures for the image benchmarks, all from Debian packages that the independent evaluation
 * does not use (see ../shared/README.md): the demo's resized copies (openclipart-svg and
 * lomiri-wallpapers-16.04), lomiri-wallpapers-20.04 photos and more openclipart-svg drawings. The
 * packages are installed when missing (bench.packages.ts); without them the benchmarks stop with a
 * message instead of measuring some other set. Nothing is copied into the repository: pictures are
 * read and normalised in memory on every run.
 */

export type ImageKind = 'photo' | 'clipart';

export interface BenchImage {
  name: string;
  kind: ImageKind;
  /** Debian package (or 'demo assets') the picture comes from. */
  source: string;
  /** Normalised input: JPEG q90, long side ≤ 800 px, as a shop would serve it. */
  jpeg: Buffer;
  width: number;
  height: number;
}

export const TARGET_SIDE = 800;
export const DEMO_ASSETS = path.resolve('scripts/demo/assets');
export const OPENCLIPART_SVG = '/usr/share/openclipart/svg';
// Never python3-skimage, opencv-doc, mate-backgrounds, plasma-workspace-wallpapers, ukui-wallpapers,
// gnome-backgrounds, desktop-base or papirus-icon-theme: those are the independent evaluation's.
const EXTRA_PHOTO_PACKAGE = 'lomiri-wallpapers-20.04';
// Detailed drawings (not line art or icons) whose rendering stays quick.
const CLIPART_DIRS = ['animals', 'food', 'people', 'recreation', 'transportation', 'plants', 'buildings'];
const CLIPART_MIN_BYTES = 60_000;
const CLIPART_MAX_BYTES = 400_000;

export async function normalise(input: Buffer, name: string, kind: ImageKind, source: string, svg = false): Promise<BenchImage> {
  let options: SharpOptions = { failOn: 'error' };
  if (svg) {
    // Rasterise at the size we want instead of upscaling a 72-dpi rendering.
    const meta = await sharp(input).metadata();
    const side = Math.max(meta.width ?? TARGET_SIDE, meta.height ?? TARGET_SIDE);
    options = { ...options, density: Math.min(2400, Math.max(1, (72 * TARGET_SIDE) / side)) };
  }
  const { data, info } = await sharp(input, options)
    .rotate()
    .flatten({ background: '#ffffff' })
    .resize({ width: TARGET_SIDE, height: TARGET_SIDE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 90 })
    .toBuffer({ resolveWithObject: true });
  return { name, kind, source, jpeg: data, width: info.width, height: info.height };
}

export function packageFiles(pkg: string): string[] | undefined {
  try {
    return execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n');
  } catch {
    return undefined;
  }
}

export function demoSourcePaths(folder?: 'works' | 'innocent'): Set<string> {
  const file = path.join(DEMO_ASSETS, 'SOURCES.md');
  if (!existsSync(file)) return new Set();
  // Table rows: | `works/x.jpg` … | package | `/usr/share/…` | licence |
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !folder || line.startsWith(`| \`${folder}/`));
  return new Set(rows.flatMap((line) => line.match(/\/usr\/share\/[^`\s]+/g) ?? []));
}

/**
 * Clip art files picked evenly from a sorted list, so the same files come back in every run. The
 * library files some drawings in two folders: one copy per file name, or a "distractor" could be a
 * registered picture itself.
 */
export function clipartCandidates(exclude: ReadonlySet<string> = new Set()): string[] {
  const used = demoSourcePaths();
  const usedNames = new Set([...used, ...exclude].map((f) => path.basename(f)));
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.svg') && !usedNames.has(entry.name)) {
        const size = statSync(full).size;
        if (size >= CLIPART_MIN_BYTES && size <= CLIPART_MAX_BYTES) {
          files.push(full);
          usedNames.add(entry.name);
        }
      }
    }
  };
  for (const dir of CLIPART_DIRS) if (existsSync(path.join(OPENCLIPART_SVG, dir))) walk(path.join(OPENCLIPART_SVG, dir));
  return files;
}

export function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

export interface ImageSet {
  images: BenchImage[];
  notes: string[];
}

/** The benchmark packages, installed when missing (or a BenchSetupError saying what to run). */
export function ensureBenchPictures(log: (line: string) => void = (line) => console.error(line)): void {
  ensureDebianPackages(BENCH_PACKAGES, log);
}

/** `want` real pictures: the demo works, photos, the demo's innocent pictures, then clip art. */
export async function loadBenchImages(want: number, log?: (line: string) => void): Promise<ImageSet> {
  ensureBenchPictures(log);
  const images: BenchImage[] = [];
  const notes: string[] = [];
  const add = async (file: string, kind: ImageKind, source: string, svg = false): Promise<void> => {
    if (images.length >= want) return;
    try {
      images.push(await normalise(readFileSync(file), path.basename(file).replace(/\.[a-z]+$/i, ''), kind, source, svg));
    } catch (error) {
      notes.push(`skipped ${file}: ${(error as Error).message.split('\n')[0]}`);
    }
  };

  // Demo works are photos and clip art at 800 px; 'innocent' ones are 640 px, hence after the extra photos.
  const demo = (sub: string) =>
    existsSync(path.join(DEMO_ASSETS, sub)) ? readdirSync(path.join(DEMO_ASSETS, sub)).filter((f) => f.endsWith('.jpg')).sort() : [];
  const works = demo('works');
  const innocent = demo('innocent');
  if (works.length + innocent.length === 0) notes.push(`no demo pictures under ${DEMO_ASSETS}`);
  for (const f of works) await add(path.join(DEMO_ASSETS, 'works', f), f.startsWith('anh-') ? 'photo' : 'clipart', 'demo assets');

  const photos = (packageFiles(EXTRA_PHOTO_PACKAGE) ?? []).filter((f) => /\.(jpe?g|png)$/i.test(f) && existsSync(f)).sort();
  for (const f of photos) await add(f, 'photo', EXTRA_PHOTO_PACKAGE);

  for (const f of innocent) await add(path.join(DEMO_ASSETS, 'innocent', f), f.startsWith('anh-') ? 'photo' : 'clipart', 'demo assets');

  if (images.length < want) {
    for (const f of spread(clipartCandidates(), want - images.length)) await add(f, 'clipart', 'openclipart-svg', true);
  }
  if (images.length < want) {
    throw new BenchSetupError(`only ${images.length} of ${want} benchmark pictures could be read (${notes.join('; ') || 'no clip art found'})`);
  }
  return { images, notes };
}

export function describeImageSet(images: BenchImage[]): string {
  const byKind = new Map<string, number>();
  for (const i of images) byKind.set(i.kind, (byKind.get(i.kind) ?? 0) + 1);
  const sources = [...new Set(images.map((i) => i.source))].join(', ');
  const meanSide = images.reduce((s, i) => s + Math.max(i.width, i.height), 0) / Math.max(1, images.length);
  const kinds = [...byKind].map(([k, n]) => `${n} ${k}`).join(', ');
  return `${images.length} pictures (${kinds}; mean long side ${Math.round(meanSide)} px) from ${sources}`;
}
