import { AuditRepository } from '../../core/audit/audit.repository.ts';
import type { AuditEventRow } from '../../core/audit/audit.schema.ts';
import type { BlobRepository } from '../../core/blob/blob.repository.ts';
import type { Database, Transaction } from '../../core/database/database.ts';
import { NotFoundError } from '../../core/errors/errors.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { QueueRepository } from '../../core/queue/queue.repository.ts';
import type { Asset, Mark, Work, WorkStatus } from '../fingerprints.schema.ts';
import { PartyRepository } from './party.repository.ts';
import { actorLabel, assertCanWrite, assertOfficer, ownerScope } from './registry.access.ts';
import { auditActor, parseInput, type WriteScope } from './registry.scope.ts';
import { enqueueFingerprintJobs, type FingerprintRequest } from './registry.jobs.ts';
import { MarkWriter } from './registry.marks.ts';
import { NO_PROGRESS, RegistryRepository, type Subject } from './registry.repository.ts';
import {
  partyInputSchema, type AssetUpload, type FingerprintProgress, type ImageUpload, type MarkDetail, type MarkInput, type MarkPatch,
  type Page, type Party, type PartyInput, type RegistryActor, type RegistryFilter, type UpsertOutcome, type WorkDetail,
  type WorkInput, type WorkPatch,
} from './registry.types.ts';
import { prepareUpload, blobKeyFor, type PreparedUpload } from './registry.uploads.ts';
import { WorkWriter } from './registry.works.ts';

export interface RegistryContext {
  db: Database;
  blobs: BlobRepository;
  config: { maxImageBytes: number };
  now: () => Date;
  logger?: Logger;
  /** Without queues (a CLI run without Redis) fingerprinting stays 'pending' until enqueuePending(). */
  queues?: QueueRepository | undefined;
}

interface Bound {
  tx: Transaction;
  jobs: FingerprintRequest[];
  dryRun: boolean;
}

class DryRunRollback extends Error {}

/**
 * The registry's one write path (works, marks, parties, assets) for the REST API, the portal and the
 * bulk import. Every change runs in one transaction with its audit event (before/after), checks the
 * actor's rights, and asks for fingerprints; the jobs are enqueued only after the commit.
 */
export class RegistryService {
  private readonly works: WorkWriter;
  private readonly marks: MarkWriter;

  constructor(
    private readonly ctx: RegistryContext,
    private readonly bound?: Bound,
  ) {
    const write = <T>(actor: RegistryActor, fn: (scope: WriteScope) => Promise<T>) => this.write(actor, fn);
    const read = <T>(fn: (repo: RegistryRepository) => Promise<T>) => fn(new RegistryRepository(this.bound?.tx ?? this.ctx.db));
    this.works = new WorkWriter(write, read);
    this.marks = new MarkWriter(write, read);
  }

  /**
   * Runs several operations as one transaction: all or nothing (the bulk import). With `dryRun` the
   * transaction is rolled back at the end, no file is written and no job queued, but `fn`'s result
   * (e.g. created/updated/unchanged counts, computed against the real rows) is returned.
   */
  async inTransaction<T>(fn: (registry: RegistryService) => Promise<T>, options: { dryRun?: boolean } = {}): Promise<T> {
    if (this.bound) return fn(this);
    const jobs: FingerprintRequest[] = [];
    let result: { value: T } | undefined;
    try {
      await this.ctx.db.transaction(async (tx) => {
        result = { value: await fn(new RegistryService(this.ctx, { tx, jobs, dryRun: options.dryRun ?? false })) };
        if (options.dryRun) throw new DryRunRollback();
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    if (!options.dryRun) await this.flush(jobs);
    return result!.value;
  }

  // ---- parties ----
  /** Officers only: finds the party by normalised name (+ identifier) or creates it; fills in details. */
  async upsertParty(actor: RegistryActor, input: PartyInput): Promise<{ party: Party; outcome: UpsertOutcome }> {
    assertCanWrite(actor);
    assertOfficer(actor, 'manage people and organisations');
    const fields = parseInput(partyInputSchema, input);
    return this.write(actor, async (s) => {
      const { party, before, outcome } = await s.parties.upsert(fields);
      if (outcome !== 'unchanged') await s.audit.record(s.tx, { actor: auditActor(s), action: `party.${outcome === 'created' ? 'create' : 'update'}`, entity: { type: 'party', id: party.id }, before, after: party });
      return { party, outcome };
    });
  }

  /** Officers: any party; a rights holder: their own (contact details). */
  async updateParty(actor: RegistryActor, id: number, patch: Partial<PartyInput>): Promise<Party> {
    assertCanWrite(actor);
    if (actor.role === 'rights_holder' && actor.ownerId !== id) throw new NotFoundError(`party ${id} not found`);
    const fields = parseInput(partyInputSchema.partial(), patch);
    return this.write(actor, async (s) => {
      const before = await s.parties.get(id);
      if (!before) throw new NotFoundError(`party ${id} not found`);
      const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const after = Object.keys(set).length ? await s.parties.update(id, set) : before;
      if (after !== before) await s.audit.record(s.tx, { actor: auditActor(s), action: 'party.update', entity: { type: 'party', id }, before, after });
      return after;
    });
  }

  async getParty(actor: RegistryActor, id: number): Promise<Party> {
    const party = await new PartyRepository(this.bound?.tx ?? this.ctx.db).get(id);
    if (!party || (actor.role === 'rights_holder' && actor.ownerId !== id)) throw new NotFoundError(`party ${id} not found`);
    return party;
  }

  async listParties(actor: RegistryActor, filter: { q?: string; limit?: number; offset?: number } = {}): Promise<Page<Party>> {
    if (actor.role === 'rights_holder') {
      const own = actor.ownerId != null ? await new PartyRepository(this.bound?.tx ?? this.ctx.db).get(actor.ownerId) : undefined;
      return { rows: own ? [own] : [], total: own ? 1 : 0 };
    }
    return new PartyRepository(this.bound?.tx ?? this.ctx.db).list({ q: filter.q, limit: clampLimit(filter.limit), offset: filter.offset ?? 0 });
  }

  // ---- works ----
  /** A new work; ConflictError when one with the same identity (DESIGN §5) exists. */
  createWork(actor: RegistryActor, input: WorkInput, images: ImageUpload[] = []): Promise<WorkDetail> {
    return this.works.create(actor, input, this.uploads(images));
  }

  /** Import semantics: creates, updates only the fields given, or changes nothing; images added by content. */
  upsertWork(actor: RegistryActor, input: WorkInput, images: ImageUpload[] = []): Promise<{ work: WorkDetail; outcome: UpsertOutcome }> {
    return this.works.upsert(actor, input, this.uploads(images));
  }

  updateWork(actor: RegistryActor, id: number, patch: WorkPatch): Promise<WorkDetail> {
    return this.works.update(actor, id, patch);
  }

  setWorkStatus(actor: RegistryActor, id: number, status: WorkStatus): Promise<WorkDetail> {
    return this.works.update(actor, id, { status });
  }

  getWork(actor: RegistryActor, id: number): Promise<WorkDetail> {
    return this.works.get(actor, id);
  }

  listWorks(actor: RegistryActor, filter: RegistryFilter = {}): Promise<Page<WorkDetail>> {
    return this.works.list(actor, { ...filter, limit: clampLimit(filter.limit), ...scoped(actor, filter) });
  }

  /** The work an import row denotes, if any (certificate number, else title + first owner's name). */
  findWorkByIdentity(identity: { certificateNo?: string | null; title: string; firstOwner: string }): Promise<Work | undefined> {
    return this.works.findByIdentity(identity);
  }

  async addWorkAsset(actor: RegistryActor, workId: number, upload: AssetUpload): Promise<Asset> {
    const prepared = await prepareUpload(upload, this.ctx.config.maxImageBytes);
    return this.works.addAsset(actor, workId, prepared);
  }

  // ---- marks ----
  createMark(actor: RegistryActor, input: MarkInput, image?: ImageUpload): Promise<MarkDetail> {
    return this.marks.create(actor, input, image ? this.uploads([image]) : Promise.resolve([]));
  }

  upsertMark(actor: RegistryActor, input: MarkInput, image?: ImageUpload): Promise<{ mark: MarkDetail; outcome: UpsertOutcome }> {
    return this.marks.upsert(actor, input, image ? this.uploads([image]) : Promise.resolve([]));
  }

  updateMark(actor: RegistryActor, id: number, patch: MarkPatch): Promise<MarkDetail> {
    return this.marks.update(actor, id, patch);
  }

  setMarkStatus(actor: RegistryActor, id: number, status: WorkStatus): Promise<MarkDetail> {
    return this.marks.update(actor, id, { status });
  }

  getMark(actor: RegistryActor, id: number): Promise<MarkDetail> {
    return this.marks.get(actor, id);
  }

  listMarks(actor: RegistryActor, filter: RegistryFilter = {}): Promise<Page<MarkDetail>> {
    return this.marks.list(actor, { ...filter, limit: clampLimit(filter.limit), ...scoped(actor, filter) });
  }

  findMarkByIdentity(identity: { certificateNo?: string | null; name: string; owner: string }): Promise<Mark | undefined> {
    return this.marks.findByIdentity(identity);
  }

  async addMarkImage(actor: RegistryActor, markId: number, image: ImageUpload): Promise<Asset> {
    const prepared = await prepareUpload({ kind: 'image', ...image }, this.ctx.config.maxImageBytes);
    return this.marks.addAsset(actor, markId, prepared);
  }

  // ---- assets (either kind of subject) ----
  /** An asset the actor may see (for serving its file); NotFoundError otherwise. */
  async getAsset(actor: RegistryActor, assetId: number): Promise<Asset> {
    const asset = await new RegistryRepository(this.bound?.tx ?? this.ctx.db).asset(assetId);
    if (!asset) throw new NotFoundError(`asset ${assetId} not found`);
    if (asset.workId != null) await this.works.get(actor, asset.workId, `asset ${assetId}`);
    else await this.marks.get(actor, asset.markId!, `asset ${assetId}`);
    return asset;
  }

  async removeAsset(actor: RegistryActor, assetId: number): Promise<void> {
    const asset = await this.getAsset(actor, assetId);
    if (asset.workId != null) await this.works.removeAsset(actor, asset);
    else await this.marks.removeAsset(actor, asset);
  }

  // ---- fingerprinting ----
  async fingerprintProgress(actor: RegistryActor, subject: Subject): Promise<FingerprintProgress> {
    const detail = subject.type === 'work' ? await this.getWork(actor, subject.id) : await this.getMark(actor, subject.id);
    return detail.fingerprint ?? NO_PROGRESS;
  }

  /** Queues every pending fingerprinting request whose job was never queued (a run without Redis); at worker start. */
  async enqueuePending(): Promise<number> {
    if (!this.ctx.queues) return 0;
    const pending = await new RegistryRepository(this.ctx.db).pendingRequests();
    await enqueueFingerprintJobs(this.ctx.queues, pending);
    return pending.length;
  }

  /** The audit trail of one record, for whoever may see the record. */
  async history(actor: RegistryActor, subject: Subject | { type: 'party'; id: number }): Promise<AuditEventRow[]> {
    if (subject.type === 'work') await this.getWork(actor, subject.id);
    else if (subject.type === 'mark') await this.getMark(actor, subject.id);
    else await this.getParty(actor, subject.id);
    return new AuditRepository(this.ctx.db).list({ entityType: subject.type, entityId: subject.id, limit: 1000 });
  }

  // ---- internals ----
  private uploads(images: ImageUpload[]): Promise<PreparedUpload[]> {
    // Decoded before the transaction starts: sharp must not hold a database connection.
    return Promise.all(images.map((image) => prepareUpload({ kind: 'image', ...image }, this.ctx.config.maxImageBytes)));
  }

  private async write<T>(actor: RegistryActor, fn: (scope: WriteScope) => Promise<T>): Promise<T> {
    assertCanWrite(actor);
    if (this.bound) {
      const bound = this.bound;
      // A savepoint per operation: a failed row can be reported and the file's transaction goes on.
      return bound.tx.transaction((tx) => fn(this.scope(tx, actor, bound.jobs, bound.dryRun)));
    }
    const jobs: FingerprintRequest[] = [];
    const result = await this.ctx.db.transaction((tx) => fn(this.scope(tx, actor, jobs, false)));
    await this.flush(jobs);
    return result;
  }

  private scope(tx: Transaction, actor: RegistryActor, jobs: FingerprintRequest[], dryRun: boolean): WriteScope {
    const repo = new RegistryRepository(tx);
    const now = this.ctx.now();
    return {
      tx,
      repo,
      parties: new PartyRepository(tx),
      audit: new AuditRepository(tx as unknown as Database, this.ctx.now),
      actor,
      label: actorLabel(actor),
      now,
      dryRun,
      requestFingerprints: async (subject) => {
        const generation = await repo.requestFingerprints(subject, now);
        jobs.push({ ...subject, generation });
      },
      storeUpload: async (upload) => {
        if (!upload.bytes) return { blobKey: null };
        if (dryRun) return { blobKey: blobKeyFor(upload.sha256, upload.extension!) };
        return { blobKey: (await this.ctx.blobs.put(upload.bytes, upload.extension!)).key };
      },
    };
  }

  private async flush(jobs: FingerprintRequest[]): Promise<void> {
    if (!jobs.length || !this.ctx.queues) return;
    try {
      await enqueueFingerprintJobs(this.ctx.queues, jobs);
    } catch (error) {
      // The request is in the database ('pending'); enqueuePending() at the next worker start picks it up.
      this.ctx.logger?.warn({ error: (error as Error).message, jobs: jobs.length }, 'fingerprint jobs not queued');
    }
  }
}

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? 50, 1), 500);
}

/** A rights holder's list is always restricted to their own owner, whatever filter they sent. */
function scoped(actor: RegistryActor, filter: RegistryFilter): Pick<RegistryFilter, 'ownerId'> {
  const own = ownerScope(actor);
  if (own === undefined) return filter.ownerId === undefined ? {} : { ownerId: filter.ownerId };
  return { ownerId: own };
}
