import { BlobRepository } from '../../core/blob/blob.repository.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/errors.ts';
import type { Asset, Work } from '../fingerprints.schema.ts';
import type { PartyRepository } from './party.repository.ts';
import { assertSees } from './registry.access.ts';
import { NO_PROGRESS, type RegistryRepository } from './registry.repository.ts';
import { auditActor, parseInput, type ReadFn, type WriteFn, type WriteScope } from './registry.scope.ts';
import { resolveParty } from './registry.parties.ts';
import {
  workInputSchema, workPatchSchema, type Page, type RegistryActor, type RegistryFilter, type UpsertOutcome, type WorkDetail,
  type WorkInput, type WorkPatch,
} from './registry.types.ts';
import type { PreparedUpload } from './registry.uploads.ts';

type ParsedWork = ReturnType<typeof workPatchSchema.parse>;

/** Fields of a work compared for "unchanged" and recorded in the audit log. */
const COMPARED = ['title', 'type', 'certificateNo', 'certificateDate', 'publishedOn', 'publishedPlace', 'description', 'text', 'keywords', 'relatedRights', 'status'] as const;
/** A change to any of these asks for new fingerprints and a re-match (the matcher reads them). */
const MATCHED = new Set<string>(['title', 'text', 'keywords', 'status']);

export class WorkWriter {
  constructor(
    private readonly write: WriteFn,
    private readonly read: ReadFn,
  ) {}

  async create(actor: RegistryActor, input: WorkInput, uploads: Promise<PreparedUpload[]>): Promise<WorkDetail> {
    const data = parseInput(workInputSchema, input);
    const prepared = await uploads;
    const id = await this.write(actor, async (s) => {
      const { work } = await this.apply(s, data, prepared, 'create');
      return work.id;
    });
    return this.get(actor, id);
  }

  async upsert(actor: RegistryActor, input: WorkInput, uploads: Promise<PreparedUpload[]>): Promise<{ work: WorkDetail; outcome: UpsertOutcome }> {
    const data = parseInput(workInputSchema, input);
    const prepared = await uploads;
    const { work, outcome } = await this.write(actor, (s) => this.apply(s, data, prepared, 'upsert'));
    return { work: await this.get(actor, work.id), outcome };
  }

  async update(actor: RegistryActor, id: number, patch: WorkPatch): Promise<WorkDetail> {
    const data = parseInput(workPatchSchema, patch);
    await this.write(actor, async (s) => {
      const existing = await s.repo.work(id, true);
      if (!existing) throw new NotFoundError(`work ${id} not found`);
      assertSees(s.actor, await s.repo.workOwnerIds(id), `work ${id}`);
      if (data.certificateNo && data.certificateNo !== existing.certificateNo) {
        const other = await s.repo.workByCertificate(data.certificateNo);
        if (other) throw new ConflictError(`certificate number ${data.certificateNo} is already registered`, { field: 'certificateNo', vi: `Số giấy chứng nhận ${data.certificateNo} đã được đăng ký.` });
      }
      await this.change(s, existing, data, []);
    });
    return this.get(actor, id);
  }

  async get(actor: RegistryActor, id: number, what = `work ${id}`): Promise<WorkDetail> {
    const detail = await this.read(async (repo) => {
      const work = await repo.work(id);
      return work ? (await details(repo, [work]))[0] : undefined;
    });
    if (!detail) throw new NotFoundError(`${what} not found`);
    assertSees(actor, detail.owners.map((o) => o.id), what);
    return detail;
  }

  async list(_actor: RegistryActor, filter: RegistryFilter): Promise<Page<WorkDetail>> {
    return this.read(async (repo) => {
      const { rows, total } = await repo.listWorks(filter);
      return { rows: await details(repo, rows), total };
    });
  }

  findByIdentity(identity: { certificateNo?: string | null; title: string; firstOwner: string }): Promise<Work | undefined> {
    return this.read(async (repo) => {
      if (identity.certificateNo) return repo.workByCertificate(identity.certificateNo);
      const owner = await repo.partyByName(identity.firstOwner);
      return owner ? repo.workByTitleAndFirstOwner(identity.title.normalize('NFC').replace(/\s+/g, ' ').trim(), owner.id) : undefined;
    });
  }

  async addAsset(actor: RegistryActor, workId: number, upload: PreparedUpload): Promise<Asset> {
    return this.write(actor, async (s) => {
      const work = await s.repo.work(workId, true);
      if (!work) throw new NotFoundError(`work ${workId} not found`);
      assertSees(s.actor, await s.repo.workOwnerIds(workId), `work ${workId}`);
      const [added] = await this.addUploads(s, workId, [upload]);
      return added!.asset;
    });
  }

  async removeAsset(actor: RegistryActor, asset: Asset): Promise<void> {
    await this.write(actor, async (s) => {
      await s.repo.work(asset.workId!, true);
      await s.repo.removeAsset(asset.id);
      await s.audit.record(s.tx, { actor: auditActor(s), action: 'work.asset.remove', entity: { type: 'work', id: asset.workId! }, before: asset });
      // The asset's fingerprints went with it (cascade); a new request refreshes counts and the index.
      await s.requestFingerprints({ type: 'work', id: asset.workId! });
    });
  }

  /** Create or update by identity (DESIGN §5); `create` mode refuses an existing identity. */
  private async apply(s: WriteScope, data: ParsedWork, uploads: PreparedUpload[], mode: 'create' | 'upsert'): Promise<{ work: Work; outcome: UpsertOutcome }> {
    const ownerIds = data.owners ? await resolveOwners(s, data.owners) : await resolveOwners(s, []);
    const existing = data.certificateNo ? await s.repo.workByCertificate(data.certificateNo) : await s.repo.workByTitleAndFirstOwner(data.title!, ownerIds[0]!);
    if (existing) {
      if (mode === 'create') throw new ConflictError(data.certificateNo ? `a work with certificate ${data.certificateNo} is already registered` : 'this owner already has a work with this title', { workId: existing.id, vi: data.certificateNo ? `Đã có tác phẩm với số giấy chứng nhận ${data.certificateNo}.` : 'Chủ sở hữu này đã có tác phẩm cùng tên.' });
      // Somebody else's certificate number: refused without telling whose.
      const existingOwners = await s.repo.workOwnerIds(existing.id);
      if (s.actor.role === 'rights_holder' && !existingOwners.includes(s.actor.ownerId!)) throw new ConflictError(`certificate number ${data.certificateNo} is already registered`, { vi: `Số giấy chứng nhận ${data.certificateNo} đã được đăng ký.` });
      await s.repo.work(existing.id, true);
      const changed = await this.change(s, existing, { ...data, owners: data.owners ? data.owners : undefined }, uploads, data.owners ? ownerIds : undefined);
      return { work: existing, outcome: changed ? 'updated' : 'unchanged' };
    }
    const authorIds = await resolveAuthors(s, data.authors ?? []);
    const work = await s.repo.insertWork({
      title: data.title!,
      type: data.type!,
      authors: await authorNames(s.parties, authorIds),
      certificateNo: data.certificateNo ?? null,
      certificateDate: data.certificateDate ?? null,
      publishedOn: data.publishedOn ?? null,
      publishedPlace: data.publishedPlace ?? null,
      description: data.description ?? null,
      text: cleanText(data.text),
      keywords: data.keywords ?? [],
      relatedRights: data.relatedRights ?? [],
      status: data.status ?? 'active',
      createdAt: s.now,
      updatedAt: s.now,
    });
    await s.repo.setWorkParties(work.id, ownerIds, authorIds);
    if (work.text) await s.repo.addAsset({ workId: work.id, kind: 'text', sha256: BlobRepository.sha256(work.text), mime: 'text/plain', createdAt: s.now });
    await s.audit.record(s.tx, { actor: auditActor(s), action: 'work.create', entity: { type: 'work', id: work.id }, after: snapshot(work, ownerIds, authorIds) });
    await this.addUploads(s, work.id, uploads, false);
    await s.requestFingerprints({ type: 'work', id: work.id });
    return { work, outcome: 'created' };
  }

  /** Applies the given fields and uploads to an existing work; true when anything changed. */
  private async change(s: WriteScope, existing: Work, data: ParsedWork, uploads: PreparedUpload[], ownerIds?: number[]): Promise<boolean> {
    const beforeOwners = await s.repo.workOwnerIds(existing.id);
    const beforeAuthors = (await s.repo.authorsOfWorks([existing.id])).get(existing.id)?.map((a) => a.id) ?? [];
    if (!ownerIds && data.owners) ownerIds = await resolveOwners(s, data.owners);
    const authorIds = data.authors ? await resolveAuthors(s, data.authors) : undefined;
    const set: Partial<Work> = {};
    const next = { ...data, text: data.text === undefined ? undefined : cleanText(data.text) };
    for (const key of COMPARED) {
      const value = next[key];
      if (value !== undefined && JSON.stringify(value) !== JSON.stringify(existing[key])) (set as Record<string, unknown>)[key] = value;
    }
    const ownersChanged = ownerIds !== undefined && JSON.stringify(ownerIds) !== JSON.stringify(beforeOwners);
    const authorsChanged = authorIds !== undefined && JSON.stringify(authorIds) !== JSON.stringify(beforeAuthors);
    if (authorsChanged) set.authors = await authorNames(s.parties, authorIds!);
    const fieldsChanged = Object.keys(set).length > 0 || ownersChanged || authorsChanged;
    let after = existing;
    if (fieldsChanged) {
      after = await s.repo.updateWork(existing.id, { ...set, updatedAt: s.now });
      await s.repo.setWorkParties(existing.id, ownersChanged ? ownerIds : undefined, authorsChanged ? authorIds : undefined);
      if ('text' in set) await this.replaceOwnText(s, existing, after.text);
      await s.audit.record(s.tx, {
        actor: auditActor(s),
        action: 'status' in set && Object.keys(set).length === 1 ? 'work.status' : 'work.update',
        entity: { type: 'work', id: existing.id },
        before: snapshot(existing, beforeOwners, beforeAuthors),
        after: snapshot(after, ownersChanged ? ownerIds! : beforeOwners, authorsChanged ? authorIds! : beforeAuthors),
      });
    }
    const added = await this.addUploads(s, existing.id, uploads, false);
    const anyAdded = added.some((a) => a.created && a.asset.kind !== 'document');
    if (anyAdded || Object.keys(set).some((k) => MATCHED.has(k))) await s.requestFingerprints({ type: 'work', id: existing.id });
    return fieldsChanged || anyAdded;
  }

  /** The work's own text lives in works.text; its text asset (no inline content) carries the fingerprints. */
  private async replaceOwnText(s: WriteScope, before: Work, text: string | null): Promise<void> {
    if (before.text) {
      const old = (await s.repo.assetsOf({ type: 'work', id: before.id })).find((a) => a.kind === 'text' && a.content === null && a.sha256 === BlobRepository.sha256(before.text!));
      if (old) await s.repo.removeAsset(old.id);
    }
    if (text) await s.repo.addAsset({ workId: before.id, kind: 'text', sha256: BlobRepository.sha256(text), mime: 'text/plain', createdAt: s.now });
  }

  private async addUploads(s: WriteScope, workId: number, uploads: PreparedUpload[], request = true): Promise<{ asset: Asset; created: boolean }[]> {
    const out: { asset: Asset; created: boolean }[] = [];
    for (const upload of uploads) {
      const { blobKey } = await s.storeUpload(upload);
      const { asset, created } = await s.repo.addAsset({
        workId,
        kind: upload.kind,
        blobKey,
        sha256: upload.sha256,
        mime: upload.mime,
        width: upload.width ?? null,
        height: upload.height ?? null,
        originalName: upload.originalName,
        content: upload.content ?? null,
        createdAt: s.now,
      });
      out.push({ asset, created });
      if (!created) continue;
      await s.audit.record(s.tx, { actor: auditActor(s), action: 'work.asset.add', entity: { type: 'work', id: workId }, after: asset });
      if (request && asset.kind !== 'document') await s.requestFingerprints({ type: 'work', id: workId });
    }
    return out;
  }
}

async function resolveOwners(s: WriteScope, refs: NonNullable<ParsedWork['owners']>): Promise<number[]> {
  const ids: number[] = [];
  // A rights holder's works are always theirs: their own party comes first (the identity's first owner).
  if (s.actor.role === 'rights_holder') ids.push(s.actor.ownerId!);
  for (const ref of refs) {
    const id = await resolveParty(s, ref);
    if (!ids.includes(id)) ids.push(id);
  }
  if (!ids.length) throw new ValidationError('a work needs at least one owner', { field: 'owners', vi: 'Tác phẩm cần ít nhất một chủ sở hữu.' });
  return ids;
}

async function resolveAuthors(s: WriteScope, refs: NonNullable<ParsedWork['authors']>): Promise<number[]> {
  const ids: number[] = [];
  for (const ref of refs) {
    const id = await resolveParty(s, ref);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

async function authorNames(parties: PartyRepository, ids: number[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) out.push((await parties.get(id))!.name);
  return out;
}

function cleanText(text: string | null | undefined): string | null {
  const t = text?.normalize('NFC').trim();
  return t ? t : null;
}

function snapshot(work: Work, ownerIds: number[], authorIds: number[]): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = work;
  return { ...rest, ownerIds, authorIds };
}

async function details(repo: RegistryRepository, rows: Work[]): Promise<WorkDetail[]> {
  const ids = rows.map((w) => w.id);
  // One after another: inside a transaction they share one connection (concurrent queries on a pg client are deprecated).
  const owners = await repo.ownersOfWorks(ids);
  const authors = await repo.authorsOfWorks(ids);
  const assets = await repo.assetsOfMany('work', ids);
  const progress = await repo.progressOf('work', ids);
  return rows.map((w) => ({ ...w, owners: owners.get(w.id) ?? [], authorParties: authors.get(w.id) ?? [], assets: assets.get(w.id) ?? [], fingerprint: progress.get(w.id) ?? NO_PROGRESS }));
}
