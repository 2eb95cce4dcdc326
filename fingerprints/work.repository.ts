import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { assets, fingerprints, owners, workOwners, works, type Asset, type Fingerprint, type NewFingerprint, type NewWork, type Owner, type Work } from './fingerprints.schema.ts';

export interface WorkWithOwners extends Work {
  owners: Pick<Owner, 'id' | 'name'>[];
}

/** The registry's persistence; other stages read works only through these functions. */
export class WorkRepository {
  constructor(private readonly db: Database) {}

  async upsertOwner(name: string, kind = 'person'): Promise<Owner> {
    const [row] = await this.db
      .insert(owners)
      .values({ name, kind })
      .onConflictDoUpdate({ target: owners.name, set: { name: sql`excluded.name` } })
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

  /** Replaces an asset's fingerprints of one algorithm (recomputation after an algorithm change). */
  async replaceFingerprints(assetId: number, algorithm: string, rows: NewFingerprint[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(fingerprints).where(and(eq(fingerprints.assetId, assetId), eq(fingerprints.algorithm, algorithm)));
      if (rows.length) await tx.insert(fingerprints).values(rows);
    });
  }

  /** Fingerprints of active works, for loading the in-memory index. */
  async activeFingerprints(algorithm?: string): Promise<Fingerprint[]> {
    const filters = [eq(works.status, 'active')];
    if (algorithm) filters.push(eq(fingerprints.algorithm, algorithm));
    const rows = await this.db
      .select({ f: fingerprints })
      .from(fingerprints)
      .innerJoin(works, eq(works.id, fingerprints.workId))
      .where(and(...filters));
    return rows.map((r) => r.f);
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

  /** What the matcher compares texts with: every active work's title, keywords and own text. */
  async activeWorkTexts(): Promise<Pick<Work, 'id' | 'title' | 'text' | 'keywords'>[]> {
    return this.db
      .select({ id: works.id, title: works.title, text: works.text, keywords: works.keywords })
      .from(works)
      .where(eq(works.status, 'active'))
      .orderBy(asc(works.id));
  }
}
