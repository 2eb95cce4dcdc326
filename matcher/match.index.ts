import { hexToBits, type HammingHit, type HammingIndex } from '../fingerprints/hash/hash-plugin.ts';
import { imageHashPlugins } from '../fingerprints/hash/registry.ts';
import { loadOpenCv } from '../fingerprints/features/opencv.ts';
import { ORB_ALGORITHM, parseOrbFeatures, type OrbFeatures } from '../fingerprints/features/orb.features.ts';
import { ORB_NOMINATE_K, ORB_NOMINATE_MIN_VOTES, OrbIndex } from '../fingerprints/features/orb.index.ts';
import type { Fingerprint } from '../fingerprints/fingerprints.schema.ts';
// `workId` below is a subject key: a work's id, or a registered mark's id negated (subject-key.ts).
import { subjectKey } from '../fingerprints/registry/subject-key.ts';
import { prepareMatchText, type PreparedText } from '../fingerprints/text/text-similarity.ts';
import type { WorkRepository } from '../fingerprints/work.repository.ts';
import type { Box } from '../fingerprints/image/image.pixels.ts';

/** One registered region hash, with what a signal needs to say where it came from. */
export interface IndexedFingerprint {
  id: number;
  workId: number;
  assetId: number;
  algorithm: string;
  region: string;
  box: Box | null;
  quality: number;
  bits: Uint8Array;
}

/** One registered image's ORB features: indexed by descriptor (orb.index.ts), verified pairwise. */
export interface IndexedFeatures {
  workId: number;
  assetId: number;
  features: OrbFeatures;
  /** The asset's own size: keypoints are in decoded pixels, boxes are reported in the asset's. */
  original: { width: number; height: number };
}

export function toIndexedFeatures(row: Pick<Fingerprint, 'assetId' | 'algorithm' | 'value' | 'box'> & { workId?: number | null; markId?: number | null }): IndexedFeatures | undefined {
  if (row.algorithm !== ORB_ALGORITHM) return undefined;
  const features = parseOrbFeatures(row.value);
  const original = row.box ? { width: row.box.w, height: row.box.h } : { width: features.width, height: features.height };
  return { workId: subjectKey(row), assetId: row.assetId, features, original };
}

export interface IndexedWork {
  id: number;
  title: string;
  keywords: string[];
  /** The work's own text, tokenised once at load. */
  text: PreparedText | undefined;
  /** 'mark': a word mark (its name in `title`), found by name rather than by text reuse. Default 'work'. */
  kind?: 'work' | 'mark';
}

/** A registry row as the matcher sees it; shared by the index and the offline `ipwatch match`. */
export function toIndexedWork(w: { id: number; title: string; keywords: string[]; text: string | null | undefined; kind?: 'work' | 'mark' }): IndexedWork {
  return {
    id: w.id,
    title: w.title,
    keywords: w.keywords,
    text: w.text?.trim() ? prepareMatchText(w.text) : undefined,
    ...(w.kind === 'mark' ? { kind: 'mark' as const } : {}),
  };
}

/**
 * An immutable view of the registry for matching: one Hamming index per image plugin and every active
 * work's title, keywords and prepared text. Matching reads a snapshot, so a reload never changes the
 * registry under a listing half-way through.
 */
export class MatchSnapshot {
  private readonly indexes = new Map<string, HammingIndex>();
  private readonly byId = new Map<number, IndexedFingerprint>();
  private readonly byAsset = new Map<string, IndexedFingerprint[]>();
  private readonly featuresByAsset = new Map<number, IndexedFeatures>();
  /** Built with the snapshot, so it is as current as the registry it was loaded from. */
  readonly orbIndex: OrbIndex;

  constructor(
    fingerprints: readonly IndexedFingerprint[],
    readonly works: readonly IndexedWork[],
    readonly loadedAt: number,
    /** ORB features per registered image; verifying them needs loadOpenCv() to have completed. */
    readonly features: readonly IndexedFeatures[] = [],
  ) {
    for (const f of features) this.featuresByAsset.set(f.assetId, f);
    this.orbIndex = new OrbIndex(features.map((f) => f.features));
    for (const fingerprint of fingerprints) {
      const plugin = imageHashPlugins[fingerprint.algorithm];
      if (!plugin || fingerprint.bits.length * 8 !== plugin.bits) continue;
      let index = this.indexes.get(plugin.name);
      if (!index) this.indexes.set(plugin.name, (index = plugin.createIndex()));
      index.add(fingerprint.id, fingerprint.bits);
      this.byId.set(fingerprint.id, fingerprint);
      const key = `${fingerprint.assetId}:${fingerprint.algorithm}`;
      const list = this.byAsset.get(key) ?? [];
      list.push(fingerprint);
      this.byAsset.set(key, list);
    }
  }

  get fingerprintCount(): number {
    return this.byId.size;
  }

  /** Registered hashes of one plugin within maxDistance of a query. */
  query(plugin: string, bits: Uint8Array, maxDistance: number): (HammingHit & { fingerprint: IndexedFingerprint })[] {
    const index = this.indexes.get(plugin);
    if (!index) return [];
    return index.query(bits, maxDistance).map((hit) => ({ ...hit, fingerprint: this.byId.get(hit.id)! }));
  }

  /** The registered images whose descriptors most resemble a listing image's: the ones worth verifying. */
  orbNominate(candidate: OrbFeatures, k = ORB_NOMINATE_K): IndexedFeatures[] {
    return this.orbIndex.nominate(candidate, k, ORB_NOMINATE_MIN_VOTES).map((v) => this.features[v.image]!);
  }

  assetFeatures(assetId: number): IndexedFeatures | undefined {
    return this.featuresByAsset.get(assetId);
  }

  /** Every region hash of one registered image under one plugin: the full set a pair is chosen from. */
  assetFingerprints(assetId: number, plugin: string): readonly IndexedFingerprint[] {
    return this.byAsset.get(`${assetId}:${plugin}`) ?? [];
  }
}

export function toIndexedFingerprint(row: Omit<Fingerprint, 'workId' | 'markId'> & { workId?: number | null; markId?: number | null }): IndexedFingerprint | undefined {
  if (!imageHashPlugins[row.algorithm]) return undefined;
  return {
    id: row.id,
    workId: subjectKey(row),
    assetId: row.assetId,
    algorithm: row.algorithm,
    region: row.region,
    box: row.box ?? null,
    quality: row.quality ?? 0,
    bits: hexToBits(row.value),
  };
}

export interface MatchIndexOptions {
  /** A snapshot older than this is reloaded before the next listing (other processes' new works). */
  maxAgeMs?: number;
  /** Monotonic-enough clock in ms; injected by tests. */
  clock?: () => number;
}

/** Keeps the current snapshot and reloads it when stale or invalidated; concurrent callers share a load. */
export class MatchIndex {
  private snapshot: MatchSnapshot | undefined;
  private loading: Promise<MatchSnapshot> | undefined;
  private stale = true;
  private readonly maxAgeMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly works: WorkRepository,
    options: MatchIndexOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.clock = options.clock ?? Date.now;
  }

  /** Marks the snapshot stale, e.g. after a FingerprintWork job; the next use reloads. */
  invalidate(): void {
    this.stale = true;
  }

  async current(): Promise<MatchSnapshot> {
    const snapshot = this.snapshot;
    if (snapshot && !this.stale && this.clock() - snapshot.loadedAt < this.maxAgeMs) return snapshot;
    return this.reload();
  }

  reload(): Promise<MatchSnapshot> {
    if (this.loading) return this.loading;
    this.stale = false;
    const loading = this.load().then(
      (snapshot) => {
        this.snapshot = snapshot;
        this.loading = undefined;
        return snapshot;
      },
      (error: unknown) => {
        this.stale = true;
        this.loading = undefined;
        throw error;
      },
    );
    this.loading = loading;
    return loading;
  }

  private async load(): Promise<MatchSnapshot> {
    const loadedAt = this.clock();
    // Matching stays synchronous: the WASM module is ready before any snapshot is handed out.
    const [rows, texts] = await Promise.all([this.works.activeFingerprints(), this.works.activeWorkTexts(), loadOpenCv()]);
    const fingerprints = rows.map(toIndexedFingerprint).filter((f): f is IndexedFingerprint => f !== undefined);
    const features = rows.map(toIndexedFeatures).filter((f): f is IndexedFeatures => f !== undefined);
    const works = texts.map(toIndexedWork);
    return new MatchSnapshot(fingerprints, works, loadedAt, features);
  }
}
