import { crop, desaturate, type Box } from '../image/image.pixels.ts';
import type { TrimOptions } from '../image/trim.ts';
import type { ImageComparison, ImageHash, ImageHashPlugin, RgbImage } from './hash-plugin.ts';
import { describeComparison } from './hash.compare.ts';
import { phash64Plugin } from './phash64.plugin.ts';
import { pdqPlugin } from './pdq.plugin.ts';
import { candidateRegions, describeRegion, registeredRegions, type ImageRegion } from './regions.ts';

/** The image hash plugins by name (the `algorithm` column of fingerprints), and the default. */
export const imageHashPlugins: Readonly<Record<string, ImageHashPlugin>> = Object.freeze({
  [pdqPlugin.name]: pdqPlugin,
  [phash64Plugin.name]: phash64Plugin,
});

/** PDQ: 256 bits survive re-encoding and resizing better than 64, and it has dihedral variants. */
export const defaultImagePlugin: ImageHashPlugin = pdqPlugin;

export function getImageHashPlugin(name: string): ImageHashPlugin {
  const plugin = imageHashPlugins[name];
  if (!plugin) throw new Error(`unknown image hash plugin: ${name} (known: ${Object.keys(imageHashPlugins).join(', ')})`);
  return plugin;
}

/** One hash of one region of one image, in one orientation. */
export interface RegionHash {
  region: string;
  box?: Box;
  /** 'original' unless the hash is of the image turned or mirrored. */
  variant?: string;
  hash: ImageHash;
}

/** Hashes every region (crop) of an image; with variants, also the 8 orientations of each. */
export function hashRegions(plugin: ImageHashPlugin, image: RgbImage, regions: ImageRegion[], withVariants: boolean): RegionHash[] {
  const out: RegionHash[] = [];
  for (const region of regions) {
    const pixels = crop(image, region.box);
    if (withVariants && plugin.computeVariants) {
      for (const { variant, hash } of plugin.computeVariants(pixels)) out.push({ region: region.name, box: region.box, variant, hash });
    } else {
      out.push({ region: region.name, box: region.box, variant: 'original', hash: plugin.compute(pixels) });
    }
  }
  return out;
}

/**
 * A registered image: many regions, one orientation (the candidate side carries the variants), plus
 * the main picture desaturated ('<region>-grey'): luma weights colours unlike the usual grayscale
 * conversion, so a grey copy of a colourful picture can drift past the threshold from the colour hash.
 */
export function hashRegisteredImage(image: RgbImage, plugin: ImageHashPlugin = defaultImagePlugin, options?: TrimOptions): RegionHash[] {
  const regions = registeredRegions(image, options);
  const hashes = hashRegions(plugin, image, regions, false);
  const content = regions.find((r) => r.name === 'content') ?? regions.find((r) => r.name === 'trimmed') ?? regions[0]!;
  const grey = desaturate(crop(image, content.box));
  hashes.push({ region: `${content.name}-grey`, box: content.box, variant: 'original', hash: plugin.compute(grey) });
  return hashes;
}

/** A candidate image: few regions, each in every orientation the plugin supports. */
export function hashCandidateImage(image: RgbImage, plugin: ImageHashPlugin = defaultImagePlugin, options?: TrimOptions): RegionHash[] {
  return hashRegions(plugin, image, candidateRegions(image, options), true);
}

const VARIANT_WORDS: Record<string, string> = {
  original: 'as is',
  rotate90: 'rotated 90° clockwise',
  rotate180: 'rotated 180°',
  rotate270: 'rotated 90° counter-clockwise',
  flipX: 'mirrored top to bottom',
  flipY: 'mirrored left to right',
  flipPlus1: 'rotated 90° counter-clockwise and mirrored left to right',
  flipMinus1: 'rotated 90° clockwise and mirrored left to right',
};

/** What a candidate variant says about the copy: variant v matching means the candidate was turned so. */
export function describeVariant(variant: string): string {
  return VARIANT_WORDS[variant] ?? variant;
}

export interface ImageHashMatch extends ImageComparison {
  plugin: string;
  candidateRegion: string;
  workRegion: string;
  variant: string;
  candidateBox?: Box;
  workBox?: Box;
  candidateQuality: number;
  workQuality: number;
  /** False when either hash is below the plugin's minQuality: such a pair is never `matched`. */
  trusted: boolean;
}

export interface CompareOptions {
  threshold?: number;
  minQuality?: number;
}

/**
 * The best pair among a candidate's region hashes and a work's, with the reason. Trusted pairs (both
 * hashes of enough quality) win over untrusted ones; then the smaller distance; then the plain
 * orientation and the whole image, so the explanation is the simplest true one.
 * Returns undefined only when there is nothing to compare.
 */
export function compareImageHashes(
  plugin: ImageHashPlugin | string,
  candidate: RegionHash | RegionHash[],
  work: RegionHash | RegionHash[],
  options: CompareOptions = {},
): ImageHashMatch | undefined {
  const p = typeof plugin === 'string' ? getImageHashPlugin(plugin) : plugin;
  const threshold = options.threshold ?? p.threshold;
  const minQuality = options.minQuality ?? p.minQuality;
  let best: ImageHashMatch | undefined;
  for (const c of Array.isArray(candidate) ? candidate : [candidate]) {
    for (const w of Array.isArray(work) ? work : [work]) {
      const distance = p.distance(c.hash.bits, w.hash.bits);
      const trusted = c.hash.quality >= minQuality && w.hash.quality >= minQuality;
      const variant = c.variant ?? 'original';
      const base = describeComparison(p.name, p.bits, threshold, distance);
      const matched = base.matched && trusted;
      const where = `candidate ${c.region} (${describeRegion(c.region)}${variant === 'original' ? '' : `, ${describeVariant(variant)}`}) vs work ${w.region} (${describeRegion(w.region)})`;
      const caveat = trusted
        ? ''
        : `; not trusted: quality ${Math.min(c.hash.quality, w.hash.quality)} < ${minQuality} (flat or near-blank image)`;
      const next: ImageHashMatch = {
        ...base,
        matched,
        explanation: `${where}: ${base.explanation}${caveat}`,
        plugin: p.name,
        candidateRegion: c.region,
        workRegion: w.region,
        variant,
        ...(c.box ? { candidateBox: c.box } : {}),
        ...(w.box ? { workBox: w.box } : {}),
        candidateQuality: c.hash.quality,
        workQuality: w.hash.quality,
        trusted,
      };
      if (!best || better(next, best)) best = next;
    }
  }
  return best;
}

/**
 * Low-information pictures (smooth gradients, near-flat wallpapers, faint drawings): PDQ's quality is
 * under its floor on one side, so PDQ does not vouch for the pair, and pHash64 (32×32, 8×8 frequencies,
 * a lower floor) is the only hash that can. But its 64 bits of such a picture carry few independent
 * bits: random smooth pictures of one to three colour waves collide within its threshold in 0.5–1 % of
 * pairs, at every pHash quality (measured, 300 pictures per amplitude). So another plugin's match on
 * such a pair must be corroborated by PDQ's own bits agreeing within PDQ's threshold, untrusted as they
 * are: a finer transform (64×64, 16×16 frequencies) that those colliding pairs almost never share (1 of
 * 182 within 31 bits), while copies of a wallpaper do (match-quality bench: 14 of its 16 pHash matches;
 * the two lost are text watermarks, 54 and 70 bits). Flat, blank pictures stay untrusted by both.
 */
export interface LowInformationCheck {
  /** Smallest PDQ distance over all region pairs, quality ignored. */
  distance: number;
  threshold: number;
  corroborated: boolean;
  explanation: string;
}

/** Undefined when both sides have a trusted PDQ hash: then the pair is not low-information. */
export function lowInformationCheck(candidate: readonly RegionHash[], work: readonly RegionHash[], plugin: ImageHashPlugin = defaultImagePlugin): LowInformationCheck | undefined {
  const trusted = (hashes: readonly RegionHash[]) => hashes.some((h) => h.hash.quality >= plugin.minQuality);
  if (trusted(candidate) && trusted(work)) return undefined;
  let distance = Infinity;
  for (const c of candidate) for (const w of work) distance = Math.min(distance, plugin.distance(c.hash.bits, w.hash.bits));
  const corroborated = distance <= plugin.threshold;
  return {
    distance,
    threshold: plugin.threshold,
    corroborated,
    explanation: `low-information picture (${plugin.name} quality under ${plugin.minQuality}): ${plugin.name}'s own bits ${corroborated ? 'agree' : 'disagree'}, ${Number.isFinite(distance) ? distance : 'no hash'} apart (${corroborated ? '≤' : '>'} ${plugin.threshold})`,
  };
}

function better(a: ImageHashMatch, b: ImageHashMatch): boolean {
  if (a.trusted !== b.trusted) return a.trusted;
  if (a.distance !== b.distance) return a.distance < b.distance;
  const simple = (m: ImageHashMatch) => (m.variant === 'original' ? 0 : 2) + (m.candidateRegion === 'full' && m.workRegion === 'full' ? 0 : 1);
  return simple(a) < simple(b);
}
