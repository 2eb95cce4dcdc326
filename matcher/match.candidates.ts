import { hashCandidateImage, imageHashPlugins } from '../fingerprints/hash/registry.ts';
import type { DecodedImage } from '../fingerprints/image/image.decode.ts';
import { computeOrbFeatures, ORB_ALGORITHM } from '../fingerprints/features/orb.features.ts';
import { imageSignals, type CandidateImage } from './image.signals.ts';
import type { MatchSnapshot } from './match.index.ts';
import { markMatches } from './mark.signals.ts';
import type { Signal } from './matcher.schema.ts';
import { REPORT_THRESHOLD, scoreSignals } from './scoring.ts';
import { prepareListingText, textMatches, type ListingText } from './text.signals.ts';

export interface WorkCandidate {
  workId: number;
  score: number;
  reported: boolean;
  /** Strongest first, each with its calibrated evidence. */
  signals: Signal[];
  explanation: string;
}

/**
 * Every plugin's hashes of one decoded listing image (its candidate regions in every orientation) and
 * its ORB features, computed once here and verified against many works. Needs loadOpenCv().
 */
export function hashListingImage(image: DecodedImage, listingImageId: number, position: number): CandidateImage[] {
  const scale = { x: image.originalWidth / image.width, y: image.originalHeight / image.height };
  const hashes: CandidateImage[] = Object.values(imageHashPlugins).map((plugin) => ({
    listingImageId,
    position,
    plugin: plugin.name,
    hashes: hashCandidateImage(image, plugin),
    scale,
  }));
  hashes.push({ listingImageId, position, plugin: ORB_ALGORITHM, features: computeOrbFeatures(image), scale });
  return hashes;
}

/**
 * The pure heart of matching: a listing's text and hashed images against a registry snapshot, one
 * scored candidate per work with any signal. Needs no database, so the offline batch command can run
 * the very same code. Sorted best first; `reported` marks what becomes a finding.
 */
export function matchCandidate(
  snapshot: MatchSnapshot,
  listing: ListingText,
  images: readonly CandidateImage[],
  threshold = REPORT_THRESHOLD,
  /** Text read from the listing's images (ListingOcr), matched by the same mark and text matchers. */
  ocrFields: readonly { field: string; text: string }[] = [],
): WorkCandidate[] {
  const byWork = imageSignals(snapshot, images);
  const prepared = prepareListingText(listing, ocrFields);
  // Shingle and title-word indexes name the only works that can give a text signal; marks come from theirs.
  const textFound = textMatches(snapshot.works, listing, prepared);
  for (const { work, signals } of [...textFound, ...markMatches(snapshot.works, prepared).map((m) => ({ work: m.mark, signals: m.signals }))]) {
    if (!signals.length) continue;
    byWork.set(work.id, [...(byWork.get(work.id) ?? []), ...signals]);
  }
  const out: WorkCandidate[] = [];
  for (const [workId, signals] of byWork) {
    const scored = scoreSignals(signals, threshold);
    out.push({ workId, score: scored.score, reported: scored.reported, signals: scored.signals, explanation: scored.explanation });
  }
  return out.sort((a, b) => b.score - a.score || a.workId - b.workId);
}
