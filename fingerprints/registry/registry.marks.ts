import { BlobRepository } from '../../core/blob/blob.repository.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/errors.ts';
import type { Asset, Mark, MarkForm } from '../fingerprints.schema.ts';
import { assertSees } from './registry.access.ts';
import { resolveParty } from './registry.parties.ts';
import { NO_PROGRESS, type RegistryRepository } from './registry.repository.ts';
import { auditActor, parseInput, type ReadFn, type WriteFn, type WriteScope } from './registry.scope.ts';
import {
  markInputSchema, markPatchSchema, type MarkDetail, type MarkInput, type MarkPatch, type Page, type RegistryActor,
  type RegistryFilter, type UpsertOutcome,
} from './registry.types.ts';
import type { PreparedUpload } from './registry.uploads.ts';

type ParsedMark = ReturnType<typeof markPatchSchema.parse>;

const COMPARED = ['name', 'form', 'kind', 'certificateNo', 'filingDate', 'grantDate', 'niceClasses', 'goods', 'description', 'status'] as const;
const MATCHED = new Set<string>(['name', 'form', 'status']);

/** A mark is protected for 10 years from the filing date (IP Law Art. 93(6)); 29 Feb gives 28 Feb. */
export function markExpiry(filingDate: string | null | undefined): string | null {
  if (!filingDate) return null;
  const [y, m, d] = filingDate.split('-').map(Number) as [number, number, number];
  const day = Math.min(d, new Date(Date.UTC(y + 10, m, 0)).getUTCDate());
  return `${String(y + 10).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export class MarkWriter {
  constructor(
    private readonly write: WriteFn,
    private readonly read: ReadFn,
  ) {}

  async create(actor: RegistryActor, input: MarkInput, uploads: Promise<PreparedUpload[]>): Promise<MarkDetail> {
    const data = parseInput(markInputSchema, input);
    const prepared = await uploads;
    const id = await this.write(actor, async (s) => (await this.apply(s, data, prepared, 'create')).mark.id);
    return this.get(actor, id);
  }

  async upsert(actor: RegistryActor, input: MarkInput, uploads: Promise<PreparedUpload[]>): Promise<{ mark: MarkDetail; outcome: UpsertOutcome }> {
    const data = parseInput(markInputSchema, input);
    const prepared = await uploads;
    const { mark, outcome } = await this.write(actor, (s) => this.apply(s, data, prepared, 'upsert'));
    return { mark: await this.get(actor, mark.id), outcome };
  }

  async update(actor: RegistryActor, id: number, patch: MarkPatch): Promise<MarkDetail> {
    const data = parseInput(markPatchSchema, patch);
    await this.write(actor, async (s) => {
      const existing = await s.repo.mark(id, true);
      if (!existing) throw new NotFoundError(`mark ${id} not found`);
      assertSees(s.actor, [existing.ownerId], `mark ${id}`);
      if (data.certificateNo && data.certificateNo !== existing.certificateNo && (await s.repo.markByCertificate(data.certificateNo))) {
        throw new ConflictError(`certificate number ${data.certificateNo} is already registered`, { field: 'certificateNo', vi: `Số văn bằng ${data.certificateNo} đã được đăng ký.` });
      }
      const ownerId = data.owner ? await ownerOf(s, data.owner) : undefined;
      await this.change(s, existing, data, [], ownerId);
    });
    return this.get(actor, id);
  }

  async get(actor: RegistryActor, id: number, what = `mark ${id}`): Promise<MarkDetail> {
    const detail = await this.read(async (repo) => {
      const mark = await repo.mark(id);
      return mark ? (await details(repo, [mark]))[0] : undefined;
    });
    if (!detail) throw new NotFoundError(`${what} not found`);
    assertSees(actor, [detail.ownerId], what);
    return detail;
  }

  async list(_actor: RegistryActor, filter: RegistryFilter): Promise<Page<MarkDetail>> {
    return this.read(async (repo) => {
      const { rows, total } = await repo.listMarks(filter);
      return { rows: await details(repo, rows), total };
    });
  }

  findByIdentity(identity: { certificateNo?: string | null; name: string; owner: string }): Promise<Mark | undefined> {
    return this.read(async (repo) => {
      if (identity.certificateNo) return repo.markByCertificate(identity.certificateNo);
      const owner = await repo.partyByName(identity.owner);
      return owner ? repo.markByNameAndOwner(identity.name.normalize('NFC').replace(/\s+/g, ' ').trim(), owner.id) : undefined;
    });
  }

  async addAsset(actor: RegistryActor, markId: number, upload: PreparedUpload): Promise<Asset> {
    return this.write(actor, async (s) => {
      const mark = await s.repo.mark(markId, true);
      if (!mark) throw new NotFoundError(`mark ${markId} not found`);
      assertSees(s.actor, [mark.ownerId], `mark ${markId}`);
      const [added] = await this.addUploads(s, mark, [upload]);
      if (added!.created) await s.requestFingerprints({ type: 'mark', id: markId });
      return added!.asset;
    });
  }

  async removeAsset(actor: RegistryActor, asset: Asset): Promise<void> {
    await this.write(actor, async (s) => {
      await s.repo.mark(asset.markId!, true);
      await s.repo.removeAsset(asset.id);
      await s.audit.record(s.tx, { actor: auditActor(s), action: 'mark.asset.remove', entity: { type: 'mark', id: asset.markId! }, before: asset });
      await s.requestFingerprints({ type: 'mark', id: asset.markId! });
    });
  }

  private async apply(s: WriteScope, data: ParsedMark, uploads: PreparedUpload[], mode: 'create' | 'upsert'): Promise<{ mark: Mark; outcome: UpsertOutcome }> {
    const ownerId = await ownerOf(s, data.owner);
    const existing = data.certificateNo ? await s.repo.markByCertificate(data.certificateNo) : await s.repo.markByNameAndOwner(data.name!, ownerId);
    if (existing) {
      if (mode === 'create') throw new ConflictError(data.certificateNo ? `a mark with certificate ${data.certificateNo} is already registered` : 'this owner already has a mark with this name', { markId: existing.id, vi: data.certificateNo ? `Đã có nhãn hiệu với số văn bằng ${data.certificateNo}.` : 'Chủ sở hữu này đã có nhãn hiệu cùng tên.' });
      if (s.actor.role === 'rights_holder' && existing.ownerId !== s.actor.ownerId) throw new ConflictError(`certificate number ${data.certificateNo} is already registered`, { vi: `Số văn bằng ${data.certificateNo} đã được đăng ký.` });
      await s.repo.mark(existing.id, true);
      const changed = await this.change(s, existing, data, uploads, data.owner ? ownerId : undefined);
      return { mark: existing, outcome: changed ? 'updated' : 'unchanged' };
    }
    const form: MarkForm = data.form ?? (uploads.length ? 'combined' : 'word');
    if (form === 'figurative' && !uploads.length) throw new ValidationError('a figurative mark needs its image', { field: 'image', vi: 'Nhãn hiệu hình cần có ảnh mẫu nhãn.' });
    const mark = await s.repo.insertMark({
      name: data.name!,
      form,
      kind: data.kind!,
      ownerId,
      certificateNo: data.certificateNo ?? null,
      filingDate: data.filingDate ?? null,
      grantDate: data.grantDate ?? null,
      expiresOn: markExpiry(data.filingDate),
      niceClasses: normaliseClasses(data.niceClasses),
      goods: data.goods ?? null,
      description: data.description ?? null,
      status: data.status ?? 'active',
      createdAt: s.now,
      updatedAt: s.now,
    });
    await s.audit.record(s.tx, { actor: auditActor(s), action: 'mark.create', entity: { type: 'mark', id: mark.id }, after: snapshot(mark) });
    await replaceNameAsset(s, mark.id, null, mark.name);
    await this.addUploads(s, mark, uploads);
    await s.requestFingerprints({ type: 'mark', id: mark.id });
    return { mark, outcome: 'created' };
  }

  private async change(s: WriteScope, existing: Mark, data: ParsedMark, uploads: PreparedUpload[], ownerId?: number): Promise<boolean> {
    const next: Record<string, unknown> = { ...data, niceClasses: data.niceClasses === undefined ? undefined : normaliseClasses(data.niceClasses) };
    const set: Partial<Mark> = {};
    for (const key of COMPARED) {
      const value = next[key];
      if (value !== undefined && JSON.stringify(value) !== JSON.stringify(existing[key])) (set as Record<string, unknown>)[key] = value;
    }
    if (ownerId !== undefined && ownerId !== existing.ownerId) {
      // Moving a mark to another holder is an officer's act (an assignment), never a holder's.
      if (s.actor.role !== 'officer') throw new ValidationError('only an officer can change the owner of a mark', { field: 'owner', vi: 'Chỉ cán bộ Sở được đổi chủ sở hữu nhãn hiệu.' });
      set.ownerId = ownerId;
    }
    if ('filingDate' in set) set.expiresOn = markExpiry(set.filingDate);
    let after = existing;
    if (Object.keys(set).length) {
      after = await s.repo.updateMark(existing.id, { ...set, updatedAt: s.now });
      if ('name' in set) await replaceNameAsset(s, existing.id, existing.name, after.name);
      await s.audit.record(s.tx, {
        actor: auditActor(s),
        action: 'status' in set && Object.keys(set).length === 1 ? 'mark.status' : 'mark.update',
        entity: { type: 'mark', id: existing.id },
        before: snapshot(existing),
        after: snapshot(after),
      });
    }
    const added = await this.addUploads(s, after, uploads);
    const anyAdded = added.some((a) => a.created);
    if (anyAdded || Object.keys(set).some((k) => MATCHED.has(k))) await s.requestFingerprints({ type: 'mark', id: existing.id });
    return Object.keys(set).length > 0 || anyAdded;
  }

  private async addUploads(s: WriteScope, mark: Mark, uploads: PreparedUpload[]): Promise<{ asset: Asset; created: boolean }[]> {
    const out: { asset: Asset; created: boolean }[] = [];
    for (const upload of uploads) {
      if (upload.kind !== 'image') throw new ValidationError('a mark takes images only', { field: 'image', vi: 'Nhãn hiệu chỉ nhận tệp ảnh.' });
      const { blobKey } = await s.storeUpload(upload);
      const { asset, created } = await s.repo.addAsset({
        markId: mark.id,
        kind: 'image',
        blobKey,
        sha256: upload.sha256,
        mime: upload.mime,
        width: upload.width ?? null,
        height: upload.height ?? null,
        originalName: upload.originalName,
        createdAt: s.now,
      });
      out.push({ asset, created });
      if (!created) continue;
      await s.audit.record(s.tx, { actor: auditActor(s), action: 'mark.asset.add', entity: { type: 'mark', id: mark.id }, after: asset });
      // A word mark that gains an image becomes a combined mark: the image is matched too.
      if (mark.form === 'word') await s.repo.updateMark(mark.id, { form: 'combined', updatedAt: s.now });
    }
    return out;
  }
}

/** The mark's name as a text asset without inline content: what its 'mark-name' fingerprint hangs on. */
async function replaceNameAsset(s: WriteScope, markId: number, before: string | null, name: string): Promise<void> {
  if (before !== null) {
    const old = (await s.repo.assetsOf({ type: 'mark', id: markId })).find((a) => a.kind === 'text' && a.content === null && a.sha256 === BlobRepository.sha256(before));
    if (old) await s.repo.removeAsset(old.id);
  }
  await s.repo.addAsset({ markId, kind: 'text', sha256: BlobRepository.sha256(name), mime: 'text/plain', createdAt: s.now });
}

/** A rights holder's marks are always in their own name. */
async function ownerOf(s: WriteScope, ref: ParsedMark['owner']): Promise<number> {
  if (s.actor.role === 'rights_holder') return s.actor.ownerId!;
  if (!ref) throw new ValidationError('a mark needs an owner', { field: 'owner', vi: 'Nhãn hiệu cần có chủ sở hữu.' });
  return resolveParty(s, ref);
}

function normaliseClasses(classes: number[] | undefined): number[] {
  return [...new Set(classes ?? [])].sort((a, b) => a - b);
}

function snapshot(mark: Mark): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = mark;
  return rest;
}

async function details(repo: RegistryRepository, rows: Mark[]): Promise<MarkDetail[]> {
  const ids = rows.map((m) => m.id);
  // One after another: inside a transaction they share one connection (concurrent queries on a pg client are deprecated).
  const parties = await repo.parties([...new Set(rows.map((m) => m.ownerId))]);
  const assets = await repo.assetsOfMany('mark', ids);
  const progress = await repo.progressOf('mark', ids);
  return rows.map((m) => ({ ...m, owner: parties.get(m.ownerId)!, assets: assets.get(m.id) ?? [], fingerprint: progress.get(m.id) ?? NO_PROGRESS }));
}
