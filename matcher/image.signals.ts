import { compareImageHashes, defaultImagePlugin, getImageHashPlugin, lowInformationCheck, type RegionHash } from '../fingerprints/hash/registry.ts';
import type { Box } from '../fingerprints/image/image.pixels.ts';
import type { IndexedFingerprint, MatchSnapshot } from './match.index.ts';
import type { Signal } from './matcher.schema.ts';
import { orbSignals, type CandidateImageFeatures } from './orb.signals.ts';
import { NEAR_MISS_FACTOR } from './scoring.ts';

export type { CandidateImageFeatures } from './orb.signals.ts';

/** One listing image's region hashes under one plugin (all candidate regions, all orientations). */
export interface CandidateImageHashes {
  listingImageId: number;
  /** 0-based position on the listing page, for the reviewer ("image 2"). */
  position: number;
  plugin: string;
  hashes: RegionHash[];
  /** Multiplies decoded-pixel boxes back to the stored image's pixels. */
  scale: { x: number; y: number };
}

function scaleBox(box: Box | undefined, scale: { x: number; y: number }): Box | undefined {
  if (!box) return undefined;
  return { x: Math.round(box.x * scale.x), y: Math.round(box.y * scale.y), w: Math.round(box.w * scale.x), h: Math.round(box.h * scale.y) };
}

/** What the matcher gets per listing image: region hashes per plugin, and its ORB features. */
export type CandidateImage = CandidateImageHashes | CandidateImageFeatures;

/**
 * Image signals per work. The index only nominates registered images (any region hash within the
 * near-miss band of any candidate hash); the pair reported for an (image, registered image) is then
 * the best of ALL their region pairs, chosen and explained by compareImageHashes, so the reviewer sees
 * the simplest true reason. Untrusted pairs (flat, near-blank images) are not evidence and are dropped;
 * another plugin's match on a pair PDQ calls low-information needs PDQ's bits to agree (lowInformationCheck).
 * Per work, one signal per (listing image, plugin): the best registered image. Then ORB verification
 * (orb.signals.ts) looks for what the hashes missed: crops, turns, the work inside a larger photo.
 */
export function imageSignals(snapshot: MatchSnapshot, all: readonly CandidateImage[]): Map<number, Signal[]> {
  const best = new Map<string, { workId: number; signal: Signal }>();
  const nominated = new Map<number, Set<number>>();
  const hashMatched = new Map<number, Set<number>>();
  const setOf = (map: Map<number, Set<number>>, key: number) => map.get(key) ?? map.set(key, new Set()).get(key)!;
  const candidates = all.filter((c): c is CandidateImageHashes => !('features' in c));
  const defaultHashes = new Map(candidates.filter((c) => c.plugin === defaultImagePlugin.name).map((c) => [c.listingImageId, c.hashes]));
  const regionHashes = (fingerprints: readonly IndexedFingerprint[]): RegionHash[] =>
    fingerprints.map((f) => ({ region: f.region, ...(f.box ? { box: f.box } : {}), hash: { bits: f.bits, quality: f.quality } }));
  for (const candidate of candidates) {
    const plugin = getImageHashPlugin(candidate.plugin);
    const maxDistance = Math.floor(plugin.threshold * NEAR_MISS_FACTOR);
    const assets = new Set<number>();
    for (const hash of candidate.hashes) {
      if (hash.hash.quality < plugin.minQuality) continue;
      for (const hit of snapshot.query(plugin.name, hash.hash.bits, maxDistance)) assets.add(hit.fingerprint.assetId);
    }
    for (const assetId of assets) setOf(nominated, candidate.listingImageId).add(assetId);
    for (const assetId of assets) {
      const registered = snapshot.assetFingerprints(assetId, plugin.name);
      const match = compareImageHashes(plugin, candidate.hashes, regionHashes(registered));
      if (!match || !match.trusted || match.distance > maxDistance) continue;
      const workId = registered[0]!.workId;
      // Only where both sides were hashed with PDQ (always, in hashListingImage and fingerprintRows).
      const candidatePdq = defaultHashes.get(candidate.listingImageId);
      const workPdq = plugin !== defaultImagePlugin && match.matched && candidatePdq ? regionHashes(snapshot.assetFingerprints(assetId, defaultImagePlugin.name)) : [];
      const lowInformation = workPdq.length ? lowInformationCheck(candidatePdq!, workPdq) : undefined;
      // Not corroborated: kept as a near miss (support), never reported on its own.
      if (lowInformation && !lowInformation.corroborated) match.matched = false;
      if (lowInformation) match.explanation += `; ${lowInformation.explanation}`;
      const listingRegion = scaleBox(match.candidateBox, candidate.scale);
      const signal: Signal = {
        kind: 'image',
        algorithm: plugin.name,
        score: Math.round(match.score * 1000) / 1000,
        distance: match.distance,
        threshold: match.threshold,
        matched: match.matched,
        listingImageId: candidate.listingImageId,
        assetId,
        explanation: `listing image ${candidate.position + 1}, ${match.explanation}`,
        ...(match.workBox ? { workRegion: match.workBox } : {}),
        ...(listingRegion ? { listingRegion } : {}),
        workRegionName: match.workRegion,
        listingRegionName: match.candidateRegion,
        variant: match.variant,
      };
      const key = `${workId}:${candidate.listingImageId}:${plugin.name}`;
      const previous = best.get(key);
      if (!previous || signal.distance! < previous.signal.distance!) best.set(key, { workId, signal });
      if (match.matched) setOf(hashMatched, candidate.listingImageId).add(assetId);
    }
  }
  for (const candidate of all) {
    if (!('features' in candidate)) continue;
    const id = candidate.listingImageId;
    for (const { workId, signal } of orbSignals(snapshot, candidate, setOf(nominated, id), setOf(hashMatched, id))) {
      best.set(`${workId}:${id}:${signal.algorithm}`, { workId, signal });
    }
  }
  const byWork = new Map<number, Signal[]>();
  for (const { workId, signal } of best.values()) {
    const list = byWork.get(workId) ?? [];
    list.push(signal);
    byWork.set(workId, list);
  }
  return byWork;
}
