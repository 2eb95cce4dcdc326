import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from '../../core/database/database.ts';
import { ConflictError } from '../../core/errors/errors.ts';
import { owners, type Owner } from '../fingerprints.schema.ts';
import { normalizePartyName, SQL_FOLD, foldForSearch } from './party.normalize.ts';

export interface PartyFields {
  name: string;
  kind?: 'person' | 'organisation' | undefined;
  penName?: string | null | undefined;
  identifier?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
}

const DETAIL_KEYS = ['kind', 'penName', 'identifier', 'email', 'phone', 'address'] as const;

/** People and organisations (the `owners` table), de-duplicated by normalised name and identifier. */
export class PartyRepository {
  constructor(private readonly db: Database | Transaction) {}

  async get(id: number): Promise<Owner | undefined> {
    const [row] = await this.db.select().from(owners).where(eq(owners.id, id));
    return row;
  }

  /**
   * The party a name (and identifier) denotes: same normalised name and identifier; a party without an
   * identifier matches any; rows from before normalisation match by exact name.
   */
  async find(name: string, identifier?: string | null): Promise<Owner | undefined> {
    const normalized = normalizePartyName(name);
    const rows = await this.db
      .select()
      .from(owners)
      .where(sql`${owners.normalizedName} = ${normalized} or (${owners.normalizedName} is null and ${owners.name} = ${name})`)
      .orderBy(asc(owners.id));
    if (identifier) return rows.find((r) => r.identifier === identifier) ?? rows.find((r) => !r.identifier);
    return rows.find((r) => !r.identifier) ?? rows[0];
  }

  /** Finds or creates; fills in details given here and missing or different there. */
  async upsert(fields: PartyFields): Promise<{ party: Owner; before: Owner | undefined; outcome: 'created' | 'updated' | 'unchanged' }> {
    const existing = await this.find(fields.name, fields.identifier);
    const normalizedName = normalizePartyName(fields.name);
    if (!existing) {
      // owners.name stays unique (older code finds owners by it): two parties may not share it exactly.
      const [clash] = await this.db.select({ id: owners.id }).from(owners).where(eq(owners.name, fields.name));
      if (clash) throw new ConflictError(`another party is already registered as "${fields.name}" with a different identifier`, { partyId: clash.id, vi: `Đã có một chủ thể tên "${fields.name}" với mã định danh khác.` });
      const [row] = await this.db
        .insert(owners)
        .values({
          name: fields.name,
          normalizedName,
          kind: fields.kind ?? 'person',
          penName: fields.penName ?? null,
          identifier: fields.identifier ?? null,
          email: fields.email ?? null,
          phone: fields.phone ?? null,
          address: fields.address ?? null,
        })
        .returning();
      return { party: row!, before: undefined, outcome: 'created' };
    }
    const set: Partial<Owner> = {};
    for (const key of DETAIL_KEYS) {
      const value = fields[key];
      if (value !== undefined && value !== null && value !== existing[key]) (set as Record<string, unknown>)[key] = value;
    }
    if (existing.normalizedName !== normalizedName) set.normalizedName = normalizedName;
    if (!Object.keys(set).length) return { party: existing, before: existing, outcome: 'unchanged' };
    const [row] = await this.db.update(owners).set({ ...set, updatedAt: new Date() }).where(eq(owners.id, existing.id)).returning();
    // Only back-filling the key is not a change anyone made.
    const outcome = Object.keys(set).some((k) => k !== 'normalizedName') ? 'updated' : 'unchanged';
    return { party: row!, before: existing, outcome };
  }

  async update(id: number, set: Partial<Omit<Owner, 'id' | 'createdAt'>>): Promise<Owner> {
    const patch = set.name ? { ...set, normalizedName: normalizePartyName(set.name) } : set;
    const [row] = await this.db.update(owners).set({ ...patch, updatedAt: new Date() }).where(eq(owners.id, id)).returning();
    return row!;
  }

  async list(filter: { q?: string | undefined; limit?: number; offset?: number }): Promise<{ rows: Owner[]; total: number }> {
    const where: SQL[] = [];
    if (filter.q?.trim()) where.push(foldedLike(owners.name, filter.q));
    const condition = where.length ? and(...where) : undefined;
    const rows = await this.db.select().from(owners).where(condition).orderBy(asc(owners.name), asc(owners.id)).limit(filter.limit ?? 50).offset(filter.offset ?? 0);
    const [count] = await this.db.select({ n: sql<number>`count(*)::int` }).from(owners).where(condition);
    return { rows, total: count?.n ?? 0 };
  }

  /** Rows created before normalisation existed, for a one-off back-fill. */
  async withoutKey(): Promise<Owner[]> {
    return this.db.select().from(owners).where(isNull(owners.normalizedName));
  }
}

/** `column` contains `q`, both folded (no diacritics, any case). */
export function foldedLike(column: AnyPgColumn | SQL, q: string): SQL {
  const needle = `%${foldForSearch(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`translate(lower(${column}), ${SQL_FOLD.from}, ${SQL_FOLD.to}) like ${needle}`;
}
