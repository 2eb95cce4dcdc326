import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database, Transaction } from '../../core/database/database.ts';
import {
  assets, fingerprints, fingerprintStatus, marks, owners, workAuthors, workOwners, works,
  type Asset, type FingerprintStatusRow, type Mark, type NewMark, type NewWork, type Work,
} from '../fingerprints.schema.ts';
import { normalizePartyName } from './party.normalize.ts';
import { foldedLike } from './party.repository.ts';
import type { FingerprintProgress, PartySummary, RegistryFilter } from './registry.types.ts';

export type Subject = { type: 'work'; id: number } | { type: 'mark'; id: number };

const partySummary = { id: owners.id, name: owners.name, kind: owners.kind, penName: owners.penName };

/** Rows of works, marks, their parties and assets; transaction-scoped (one instance per transaction). */
export class RegistryRepository {
  constructor(private readonly db: Database | Transaction) {}

  // --- works ---
  async work(id: number, forUpdate = false): Promise<Work | undefined> {
    const query = this.db.select().from(works).where(eq(works.id, id));
    const [row] = forUpdate ? await query.for('update') : await query;
    return row;
  }

  async workByCertificate(certificateNo: string): Promise<Work | undefined> {
    const [row] = await this.db.select().from(works).where(eq(works.certificateNo, certificateNo));
    return row;
  }

  /** DESIGN §5: without a certificate, a work is its title and first owner. */
  async workByTitleAndFirstOwner(title: string, ownerId: number): Promise<Work | undefined> {
    const [row] = await this.db
      .select({ w: works })
      .from(works)
      .innerJoin(workOwners, and(eq(workOwners.workId, works.id), eq(workOwners.position, 0)))
      .where(and(eq(works.title, title), eq(workOwners.ownerId, ownerId)))
      .orderBy(asc(works.id))
      .limit(1);
    return row?.w;
  }

  async insertWork(values: NewWork): Promise<Work> {
    const [row] = await this.db.insert(works).values(values).returning();
    return row!;
  }

  async updateWork(id: number, set: Partial<NewWork>): Promise<Work> {
    const [row] = await this.db.update(works).set(set).where(eq(works.id, id)).returning();
    return row!;
  }

  async setWorkParties(workId: number, ownerIds: number[] | undefined, authorIds: number[] | undefined): Promise<void> {
    if (ownerIds) {
      await this.db.delete(workOwners).where(eq(workOwners.workId, workId));
      if (ownerIds.length) await this.db.insert(workOwners).values(ownerIds.map((ownerId, position) => ({ workId, ownerId, position })));
    }
    if (authorIds) {
      await this.db.delete(workAuthors).where(eq(workAuthors.workId, workId));
      if (authorIds.length) await this.db.insert(workAuthors).values(authorIds.map((partyId, position) => ({ workId, partyId, position })));
    }
  }

  async ownersOfWorks(workIds: number[]): Promise<Map<number, PartySummary[]>> {
    return this.partiesOf(workOwners, workOwners.ownerId, workIds);
  }

  async authorsOfWorks(workIds: number[]): Promise<Map<number, PartySummary[]>> {
    return this.partiesOf(workAuthors, workAuthors.partyId, workIds);
  }

  private async partiesOf(table: typeof workOwners | typeof workAuthors, partyColumn: typeof workOwners.ownerId | typeof workAuthors.partyId, workIds: number[]) {
    const map = new Map<number, PartySummary[]>();
    if (!workIds.length) return map;
    const rows = await this.db
      .select({ workId: table.workId, ...partySummary })
      .from(table)
      .innerJoin(owners, eq(owners.id, partyColumn))
      .where(inArray(table.workId, workIds))
      .orderBy(asc(table.position));
    for (const { workId, ...party } of rows) map.set(workId, [...(map.get(workId) ?? []), party]);
    return map;
  }

  async listWorks(filter: RegistryFilter): Promise<{ rows: Work[]; total: number }> {
    const where: SQL[] = [];
    if (filter.q?.trim()) where.push(foldedLike(works.title, filter.q));
    if (filter.type) where.push(eq(works.type, filter.type));
    if (filter.status) where.push(eq(works.status, filter.status));
    if (filter.certificateNo?.trim()) where.push(sql`${works.certificateNo} ilike ${`%${filter.certificateNo.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    if (filter.ownerId !== undefined) where.push(inArray(works.id, this.db.select({ id: workOwners.workId }).from(workOwners).where(eq(workOwners.ownerId, filter.ownerId))));
    const condition = where.length ? and(...where) : undefined;
    const rows = await this.db.select().from(works).where(condition).orderBy(asc(works.id)).limit(filter.limit ?? 50).offset(filter.offset ?? 0);
    const [total] = await this.db.select({ n: count() }).from(works).where(condition);
    return { rows, total: total?.n ?? 0 };
  }

  async workOwnerIds(workId: number): Promise<number[]> {
    const rows = await this.db.select({ id: workOwners.ownerId }).from(workOwners).where(eq(workOwners.workId, workId)).orderBy(asc(workOwners.position));
    return rows.map((r) => r.id);
  }

  // --- marks ---
  async mark(id: number, forUpdate = false): Promise<Mark | undefined> {
    const query = this.db.select().from(marks).where(eq(marks.id, id));
    const [row] = forUpdate ? await query.for('update') : await query;
    return row;
  }

  async markByCertificate(certificateNo: string): Promise<Mark | undefined> {
    const [row] = await this.db.select().from(marks).where(eq(marks.certificateNo, certificateNo));
    return row;
  }

  async markByNameAndOwner(name: string, ownerId: number): Promise<Mark | undefined> {
    const [row] = await this.db.select().from(marks).where(and(eq(marks.name, name), eq(marks.ownerId, ownerId))).orderBy(asc(marks.id)).limit(1);
    return row;
  }

  async insertMark(values: NewMark): Promise<Mark> {
    const [row] = await this.db.insert(marks).values(values).returning();
    return row!;
  }

  async updateMark(id: number, set: Partial<NewMark>): Promise<Mark> {
    const [row] = await this.db.update(marks).set(set).where(eq(marks.id, id)).returning();
    return row!;
  }

  async listMarks(filter: RegistryFilter): Promise<{ rows: Mark[]; total: number }> {
    const where: SQL[] = [];
    if (filter.q?.trim()) where.push(foldedLike(marks.name, filter.q));
    if (filter.kind) where.push(eq(marks.kind, filter.kind));
    if (filter.status) where.push(eq(marks.status, filter.status));
    if (filter.certificateNo?.trim()) where.push(sql`${marks.certificateNo} ilike ${`%${filter.certificateNo.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    if (filter.ownerId !== undefined) where.push(eq(marks.ownerId, filter.ownerId));
    const condition = where.length ? and(...where) : undefined;
    const rows = await this.db.select().from(marks).where(condition).orderBy(asc(marks.id)).limit(filter.limit ?? 50).offset(filter.offset ?? 0);
    const [total] = await this.db.select({ n: count() }).from(marks).where(condition);
    return { rows, total: total?.n ?? 0 };
  }

  async parties(ids: number[]): Promise<Map<number, PartySummary>> {
    if (!ids.length) return new Map();
    const rows = await this.db.select(partySummary).from(owners).where(inArray(owners.id, ids));
    return new Map(rows.map((r) => [r.id, r]));
  }

  // --- assets ---
  async asset(id: number): Promise<Asset | undefined> {
    const [row] = await this.db.select().from(assets).where(eq(assets.id, id));
    return row;
  }

  async assetsOf(subject: Subject): Promise<Asset[]> {
    return this.db.select().from(assets).where(subjectIs(assets, subject)).orderBy(asc(assets.id));
  }

  async assetsOfMany(type: Subject['type'], ids: number[]): Promise<Map<number, Asset[]>> {
    const map = new Map<number, Asset[]>();
    if (!ids.length) return map;
    const column = type === 'work' ? assets.workId : assets.markId;
    const rows = await this.db.select().from(assets).where(inArray(column, ids)).orderBy(asc(assets.id));
    for (const row of rows) {
      const id = (type === 'work' ? row.workId : row.markId)!;
      map.set(id, [...(map.get(id) ?? []), row]);
    }
    return map;
  }

  /** Same bytes twice on one subject is one asset: returns the existing row and `created: false`. */
  async addAsset(values: typeof assets.$inferInsert): Promise<{ asset: Asset; created: boolean }> {
    const subject: Subject = values.workId ? { type: 'work', id: values.workId } : { type: 'mark', id: values.markId! };
    const [existing] = await this.db.select().from(assets).where(and(subjectIs(assets, subject), eq(assets.sha256, values.sha256)));
    if (existing) return { asset: existing, created: false };
    const [row] = await this.db.insert(assets).values(values).returning();
    return { asset: row!, created: true };
  }

  async removeAsset(id: number): Promise<void> {
    await this.db.delete(assets).where(eq(assets.id, id));
  }

  // --- fingerprint status ---
  /** Asks for new fingerprints: a new generation, pending; returns it (the job id carries it). */
  async requestFingerprints(subject: Subject, now: Date): Promise<number> {
    const [row] = await this.db
      .insert(fingerprintStatus)
      .values({ subjectType: subject.type, subjectId: subject.id, state: 'pending', generation: 1, requestedAt: now })
      .onConflictDoUpdate({
        target: [fingerprintStatus.subjectType, fingerprintStatus.subjectId],
        set: { state: 'pending', generation: sql`${fingerprintStatus.generation} + 1`, error: null, requestedAt: now, finishedAt: null, assetsDone: 0 },
      })
      .returning({ generation: fingerprintStatus.generation });
    return row!.generation;
  }

  async progressOf(type: Subject['type'], ids: number[]): Promise<Map<number, FingerprintProgress>> {
    const map = new Map<number, FingerprintProgress>();
    if (!ids.length) return map;
    const rows = await this.db.select().from(fingerprintStatus).where(and(eq(fingerprintStatus.subjectType, type), inArray(fingerprintStatus.subjectId, ids)));
    for (const row of rows) map.set(row.subjectId, toProgress(row));
    return map;
  }

  /** Requests still waiting for a job, oldest first: re-queued at worker start (same job ids: no duplicates). */
  async pendingRequests(): Promise<(Subject & { generation: number })[]> {
    const rows = await this.db
      .select({ type: fingerprintStatus.subjectType, id: fingerprintStatus.subjectId, generation: fingerprintStatus.generation })
      .from(fingerprintStatus)
      .where(eq(fingerprintStatus.state, 'pending'))
      .orderBy(asc(fingerprintStatus.requestedAt));
    return rows;
  }

  /** A party by name for identity look-ups (never creates): normalised, else exact for old rows. */
  async partyByName(name: string): Promise<PartySummary | undefined> {
    const normalized = normalizePartyName(name);
    const [row] = await this.db
      .select(partySummary)
      .from(owners)
      .where(sql`${owners.normalizedName} = ${normalized} or (${owners.normalizedName} is null and ${owners.name} = ${name.trim()})`)
      .orderBy(asc(owners.id))
      .limit(1);
    return row;
  }

  async fingerprintCount(subject: Subject): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(fingerprints).where(subjectIs(fingerprints, subject));
    return row?.n ?? 0;
  }
}

export const NO_PROGRESS: FingerprintProgress = { state: 'none', assetsTotal: 0, assetsDone: 0, fingerprints: 0, error: null, requestedAt: null, finishedAt: null };

export function toProgress(row: FingerprintStatusRow | undefined): FingerprintProgress {
  if (!row) return NO_PROGRESS;
  return { state: row.state, assetsTotal: row.assetsTotal, assetsDone: row.assetsDone, fingerprints: row.fingerprints, error: row.error, requestedAt: row.requestedAt, finishedAt: row.finishedAt };
}

export function subjectIs(table: typeof assets | typeof fingerprints, subject: Subject): SQL {
  return subject.type === 'work' ? eq(table.workId, subject.id) : eq(table.markId, subject.id);
}
