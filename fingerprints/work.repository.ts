import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { assets, fingerprints, fingerprintStatus, marks, owners, workOwners, works, type Asset, type Fingerprint, type Mark, type NewFingerprint, type NewWork, type Owner, type Work } from './fingerprints.schema.ts';
import { normalizePartyName } from './registry/party.normalize.ts';
import { markKey } from './registry/subject-key.ts';

export interface WorkWithOwners extends Work {
  owners: Pick<Owner, 'id' | 'name'>[];
}

/** The registry's persistence; other stages read works only through these functions. */
export class WorkRepository {
  constructor(private readonly db: Database) {}

  async upsertOwner(name: string, kind = 'person'): Promise<Owner> {
    const normalizedName = normalizePartyName(name);
    const [same] = await this.db.select().from(owners).where(and(eq(owners.normalizedName, normalizedName), sql`${owners.identifier} is null`)).limit(1);
    if (same) return same;
    const [row] = await this.db
      .insert(owners)
      .values({ name, kind, normalizedName })
      .onConflictDoUpdate({ target: owners.name, set: { normalizedName: sql`coalesce(${owners.normalizedName}, excluded.normalized_name)` } })
      .returning();
    return row!;
  }

  async findOwnerByName(name: string): Promise<Owner | undefined> {
    const [row] = await this.db.select().from(owners).where(eq(owners.name, name));
    return row;
  }

  async findByCertificate(certificateNo: string): Promise<Work | undefined> {
    const [row] = await this.db.select().from(works).where(eq(works.certificateNo, certificateNo));
    return row;
  }

  /** Creates the work and its ownership in one transaction. */
  async create(work: NewWork, ownerIds: number[]): Promise<Work> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(works).values(work).returning();
      if (ownerIds.length) await tx.insert(workOwners).values(ownerIds.map((ownerId, position) => ({ workId: row!.id, ownerId, position })));
      return row!;
    });
  }

  async get(id: number): Promise<WorkWithOwners | undefined> {
    const [row] = await this.db.select().from(works).where(eq(works.id, id));
    if (!row) return undefined;
    const ownerMap = await this.ownersOf([id]);
    return { ...row, owners: ownerMap.get(id) ?? [] };
  }

  async list(options: { ownerId?: number; status?: Work['status']; limit?: number; offset?: number } = {}): Promise<WorkWithOwners[]> {
    const filters = [];
    if (options.status) filters.push(eq(works.status, options.status));
    if (options.ownerId !== undefined) {
      filters.push(inArray(works.id, this.db.select({ id: workOwners.workId }).from(workOwners).where(eq(workOwners.ownerId, options.ownerId))));
    }
    const rows = await this.db
      .select()
      .from(works)
      .where(filters.length ? and(...filters) : undefined)
      .orderBy(asc(works.id))
      .limit(options.limit ?? 100)
      .offset(options.offset ?? 0);
    const ownerMap = await this.ownersOf(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, owners: ownerMap.get(r.id) ?? [] }));
  }

  async getMany(ids: number[]): Promise<Map<number, WorkWithOwners>> {
    if (!ids.length) return new Map();
    const rows = await this.db.select().from(works).where(inArray(works.id, ids));
    const ownerMap = await this.ownersOf(ids);
    return new Map(rows.map((r) => [r.id, { ...r, owners: ownerMap.get(r.id) ?? [] }]));
  }

  /** Ids of the works an owner holds: what a rights holder may see. */
  async workIdsOfOwner(ownerId: number): Promise<number[]> {
    const rows = await this.db.select({ id: workOwners.workId }).from(workOwners).where(eq(workOwners.ownerId, ownerId));
    return rows.map((r) => r.id);
  }

  private async ownersOf(workIds: number[]): Promise<Map<number, Pick<Owner, 'id' | 'name'>[]>> {
    const map = new Map<number, Pick<Owner, 'id' | 'name'>[]>();
    if (!workIds.length) return map;
    const rows = await this.db
      .select({ workId: workOwners.workId, id: owners.id, name: owners.name })
      .from(workOwners)
      .innerJoin(owners, eq(owners.id, workOwners.ownerId))
      .where(inArray(workOwners.workId, workIds))
      .orderBy(asc(workOwners.position));
    for (const row of rows) {
      const list = map.get(row.workId) ?? [];
      list.push({ id: row.id, name: row.name });
      map.set(row.workId, list);
    }
    return map;
  }

  async addAsset(asset: typeof assets.$inferInsert): Promise<Asset> {
    const [row] = await this.db
      .insert(assets)
      .values(asset)
      .onConflictDoUpdate({ target: [assets.workId, assets.sha256], set: { originalName: sql`excluded.original_name` } })
      .returning();
    return row!;
  }

  async getAsset(id: number): Promise<Asset | undefined> {
    const [row] = await this.db.select().from(assets).where(eq(assets.id, id));
    return row;
  }

  async assetsOf(workId: number): Promise<Asset[]> {
    return this.db.select().from(assets).where(eq(assets.workId, workId)).orderBy(asc(assets.id));
  }

  async assetsOfMark(markId: number): Promise<Asset[]> {
    return this.db.select().from(assets).where(eq(assets.markId, markId)).orderBy(asc(assets.id));
  }

  /** Replaces an asset's fingerprints of one algorithm (recomputation after an algorithm change). */
  async replaceFingerprints(assetId: number, algorithm: string, rows: NewFingerprint[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(fingerprints).where(and(eq(fingerprints.assetId, assetId), eq(fingerprints.algorithm, algorithm)));
      if (rows.length) await tx.insert(fingerprints).values(rows);
    });
  }

  /** Fingerprints of active works and active marks, for loading the in-memory index. */
  async activeFingerprints(algorithm?: string): Promise<Fingerprint[]> {
    const filters = [eq(works.status, 'active')];
    if (algorithm) filters.push(eq(fingerprints.algorithm, algorithm));
    const rows = await this.db
      .select({ f: fingerprints })
      .from(fingerprints)
      .innerJoin(works, eq(works.id, fingerprints.workId))
      .where(and(...filters));
    // Two inner joins rather than one OR over left joins: each stays an index/hash join at 1M rows.
    const markRows = await this.db
      .select({ f: fingerprints })
      .from(fingerprints)
      .innerJoin(marks, eq(marks.id, fingerprints.markId))
      .where(and(eq(marks.status, 'active'), algorithm ? eq(fingerprints.algorithm, algorithm) : undefined));
    return [...rows, ...markRows].map((r) => r.f);
  }

  /** A work without a certificate is identified by its title and first owner (DESIGN.md §5). */
  async findByTitleAndFirstOwner(title: string, ownerName: string): Promise<Work | undefined> {
    const [row] = await this.db
      .select({ w: works })
      .from(works)
      .innerJoin(workOwners, and(eq(workOwners.workId, works.id), eq(workOwners.position, 0)))
      .innerJoin(owners, eq(owners.id, workOwners.ownerId))
      .where(and(eq(works.title, title), eq(owners.name, ownerName)))
      .orderBy(asc(works.id))
      .limit(1);
    return row?.w;
  }

  /**
   * What the matcher compares texts with: every active work's title, keywords and own text (with the
   * text assets added to it), and every active registered mark with a word element, as kind 'mark'
   * under its subject key (the mark's id negated, registry/subject-key.ts).
   */
  async activeWorkTexts(): Promise<{ id: number; title: string; text: string | null; keywords: string[]; kind?: 'work' | 'mark' }[]> {
    const rows = await this.db
      .select({ id: works.id, title: works.title, text: works.text, keywords: works.keywords })
      .from(works)
      .where(eq(works.status, 'active'))
      .orderBy(asc(works.id));
    const extra = await this.db
      .select({ workId: assets.workId, content: assets.content })
      .from(assets)
      .innerJoin(works, eq(works.id, assets.workId))
      .where(and(eq(works.status, 'active'), eq(assets.kind, 'text'), isNotNull(assets.content)))
      .orderBy(asc(assets.id));
    const added = new Map<number, string[]>();
    for (const e of extra) added.set(e.workId!, [...(added.get(e.workId!) ?? []), e.content!]);
    const out: { id: number; title: string; text: string | null; keywords: string[]; kind?: 'work' | 'mark' }[] = rows.map((r) => {
      const more = added.get(r.id);
      return more ? { ...r, text: [r.text, ...more].filter(Boolean).join('\n\n') } : r;
    });
    const wordMarks = await this.db
      .select({ id: marks.id, name: marks.name })
      .from(marks)
      .where(and(eq(marks.status, 'active'), inArray(marks.form, ['word', 'combined'])))
      .orderBy(asc(marks.id));
    for (const m of wordMarks) out.push({ id: markKey(m.id), title: m.name, text: null, keywords: [], kind: 'mark' });
    return out;
  }

  /** Progress row of a work fingerprinted in-line (registerWork): ready, nothing pending. */
  async markFingerprinted(workId: number, assetsTotal: number, count: number, now: Date): Promise<void> {
    await this.db
      .insert(fingerprintStatus)
      .values({ subjectType: 'work', subjectId: workId, state: 'ready', assetsTotal, assetsDone: assetsTotal, fingerprints: count, requestedAt: now, finishedAt: now })
      .onConflictDoNothing();
  }

  async getMark(id: number): Promise<Mark | undefined> {
    const [row] = await this.db.select().from(marks).where(eq(marks.id, id));
    return row;
  }

  /** Marks by id with their owner's name, for showing findings (ipwatch findings, the API). */
  async getMarks(ids: number[]): Promise<Map<number, Mark & { ownerName: string }>> {
    if (!ids.length) return new Map();
    const rows = await this.db.select({ m: marks, ownerName: owners.name }).from(marks).innerJoin(owners, eq(owners.id, marks.ownerId)).where(inArray(marks.id, ids));
    return new Map(rows.map((r) => [r.m.id, { ...r.m, ownerName: r.ownerName }]));
  }

  /** Ids of the marks an owner holds: what a rights holder may see besides their works. */
  async markIdsOfOwner(ownerId: number): Promise<number[]> {
    const rows = await this.db.select({ id: marks.id }).from(marks).where(eq(marks.ownerId, ownerId));
    return rows.map((r) => r.id);
  }
}
