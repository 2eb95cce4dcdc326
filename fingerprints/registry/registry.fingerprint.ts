import { and, count, desc, eq } from 'drizzle-orm';
import { BlobRepository } from '../../core/blob/blob.repository.ts';
import type { StageContext } from '../../core/context.ts';
import { errorMessage, NotFoundError } from '../../core/errors/errors.ts';
import { loadOpenCv } from '../features/opencv.ts';
import { fingerprintRows } from '../fingerprint.service.ts';
import { fingerprints, fingerprintStatus, registryChanges, type Asset, type NewFingerprint } from '../fingerprints.schema.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE } from '../image/image.decode.ts';
import { RegistryRepository, subjectIs, type Subject } from './registry.repository.ts';
import { NAME_FINGERPRINT_ALGORITHM, nameFingerprint, TEXT_FINGERPRINT_ALGORITHM, textFingerprint } from './text.fingerprint.ts';

export interface FingerprintOutcome {
  subject: Subject;
  generation: number;
  /** 'superseded': a newer request arrived meanwhile; its own job reports the final state. */
  state: 'ready' | 'failed' | 'superseded';
  assets: number;
  fingerprints: number;
  errors: string[];
  /** Whether an outstanding registry request was served (not a direct re-run): only those re-match. */
  requested: boolean;
  finishedAt: Date;
  /** The registry version this change made (registry_changes.id): stored listings are re-matched for it. */
  version?: number;
}

type Ctx = Pick<StageContext, 'db' | 'blobs' | 'config' | 'now'>;

/**
 * Computes a work's or mark's fingerprints from its current assets with the matcher's own plugins,
 * replacing each asset's previous rows in one transaction (so the index never sees half a set), and
 * reports progress in fingerprint_status. Stale rows of removed assets left with them (cascade).
 */
export class RegistryFingerprinter {
  constructor(private readonly ctx: Ctx) {}

  /**
   * `forGeneration`: the request a queued job serves. Once a newer request exists its own job does the
   * work, so this one steps aside instead of racing it over the same assets.
   */
  async run(subject: Subject, forGeneration?: number): Promise<FingerprintOutcome> {
    const repo = new RegistryRepository(this.ctx.db);
    const { generation, requested } = await this.start(subject);
    if (forGeneration !== undefined && generation > forGeneration) {
      return { subject, generation: forGeneration, state: 'superseded', assets: 0, fingerprints: 0, errors: [], requested: false, finishedAt: this.ctx.now() };
    }
    const owner = subject.type === 'work' ? await repo.work(subject.id) : await repo.mark(subject.id);
    if (!owner) throw new NotFoundError(`${subject.type} ${subject.id} not found`);
    const ownText = subject.type === 'work' ? (owner as { text: string | null }).text : (owner as { name: string }).name;
    const assets = (await repo.assetsOf(subject)).filter((a) => a.kind === 'text' || (a.kind === 'image' && a.blobKey));
    await this.progress(subject, generation, { state: 'running', assetsTotal: assets.length, assetsDone: 0 });
    if (assets.some((a) => a.kind === 'image')) await loadOpenCv();
    const errors: string[] = [];
    let done = 0;
    for (const asset of assets) {
      try {
        const rows = await this.rowsOf(asset, subject, ownText);
        const written = await this.ctx.db.transaction(async (tx) => {
          // The status row's lock serializes writers of one subject (a direct re-run beside a queued job).
          const [current] = await tx
            .select({ generation: fingerprintStatus.generation })
            .from(fingerprintStatus)
            .where(and(eq(fingerprintStatus.subjectType, subject.type), eq(fingerprintStatus.subjectId, subject.id)))
            .for('update');
          if (current && current.generation !== generation) return false;
          await tx.delete(fingerprints).where(eq(fingerprints.assetId, asset.id));
          if (rows.length) await tx.insert(fingerprints).values(rows);
          return true;
        });
        if (!written) break;
      } catch (error) {
        errors.push(`asset ${asset.id} (${asset.originalName ?? asset.kind}): ${errorMessage(error)}`);
      }
      done += 1;
      await this.progress(subject, generation, { assetsDone: done });
    }
    const [total] = await this.ctx.db.select({ n: count() }).from(fingerprints).where(subjectIs(fingerprints, subject));
    const finishedAt = this.ctx.now();
    const state = errors.length ? 'failed' : 'ready';
    const outcome: FingerprintOutcome = { subject, generation, state, assets: assets.length, fingerprints: total?.n ?? 0, errors, requested, finishedAt };
    const updated = await this.progress(subject, generation, { state, fingerprints: outcome.fingerprints, error: errors.length ? errors.join('; ').slice(0, 2000) : null, finishedAt });
    if (!updated) return { ...outcome, state: 'superseded' };
    if (requested) {
      const [change] = await this.ctx.db.insert(registryChanges).values({ subjectType: subject.type, subjectId: subject.id, generation, at: finishedAt }).returning({ id: registryChanges.id });
      outcome.version = change!.id;
    }
    return outcome;
  }

  /** The generation this run works for; a run without a request (a direct job, a legacy work) re-matches nothing. */
  private async start(subject: Subject): Promise<{ generation: number; requested: boolean }> {
    const [row] = await this.ctx.db
      .select({ generation: fingerprintStatus.generation, state: fingerprintStatus.state })
      .from(fingerprintStatus)
      .where(and(eq(fingerprintStatus.subjectType, subject.type), eq(fingerprintStatus.subjectId, subject.id)));
    // An outstanding request (the registry service asked); a finished row means a direct re-run.
    if (row) return { generation: row.generation, requested: row.state === 'pending' || row.state === 'running' };
    const generation = await new RegistryRepository(this.ctx.db).requestFingerprints(subject, this.ctx.now());
    return { generation, requested: false };
  }

  /** Writes progress only for this run's generation; false when a newer request superseded it. */
  private async progress(subject: Subject, generation: number, set: Partial<typeof fingerprintStatus.$inferInsert>): Promise<boolean> {
    const rows = await this.ctx.db
      .update(fingerprintStatus)
      .set(set)
      .where(and(eq(fingerprintStatus.subjectType, subject.type), eq(fingerprintStatus.subjectId, subject.id), eq(fingerprintStatus.generation, generation)))
      .returning({ g: fingerprintStatus.generation });
    return rows.length > 0;
  }

  private async rowsOf(asset: Asset, subject: Subject, ownText: string | null): Promise<NewFingerprint[]> {
    const now = this.ctx.now();
    const base = { assetId: asset.id, workId: asset.workId, markId: asset.markId, region: 'full', quality: null, box: null, computedAt: now };
    if (asset.kind === 'image') {
      const bytes = await this.ctx.blobs.read(asset.blobKey!);
      const image = await decodeImage(bytes, { maxBytes: this.ctx.config.maxImageBytes, maxSide: HASH_DECODE_MAX_SIDE });
      return [...fingerprintRows(image, asset, now).values()].flat();
    }
    // Inline text, else the subject's own text (a work's text, a mark's name) when the asset still is it.
    const text = asset.content ?? (ownText && BlobRepository.sha256(ownText) === asset.sha256 ? ownText : null);
    if (!text) return [];
    if (subject.type === 'mark' && asset.content === null) {
      return [{ ...base, algorithm: NAME_FINGERPRINT_ALGORITHM, value: JSON.stringify(nameFingerprint(text)) }];
    }
    return [{ ...base, algorithm: TEXT_FINGERPRINT_ALGORITHM, value: JSON.stringify(textFingerprint(text)) }];
  }
}

/** The newest registry version (0 before any change): a re-match of an older one is superseded. */
export async function latestRegistryVersion(db: Ctx['db']): Promise<number> {
  const [row] = await db.select({ id: registryChanges.id }).from(registryChanges).orderBy(desc(registryChanges.id)).limit(1);
  return row?.id ?? 0;
}
