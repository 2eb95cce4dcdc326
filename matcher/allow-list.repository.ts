import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { allowRules, type AllowRule } from './matcher.schema.ts';

export type NewAllowRule = Omit<typeof allowRules.$inferInsert, 'id'>;

/** Allow rules (suppression) per work or mark; officers edit them, the matcher reads them. */
export class AllowListRepository {
  constructor(private readonly db: Database) {}

  async add(rule: NewAllowRule): Promise<AllowRule> {
    const [row] = await this.db.insert(allowRules).values(rule).returning();
    return row!;
  }

  async get(id: number): Promise<AllowRule | undefined> {
    const [row] = await this.db.select().from(allowRules).where(eq(allowRules.id, id));
    return row;
  }

  async find(rule: Pick<AllowRule, 'workId' | 'markId' | 'kind' | 'value'>): Promise<AllowRule | undefined> {
    const subject = rule.markId != null ? eq(allowRules.markId, rule.markId) : eq(allowRules.workId, rule.workId!);
    const [row] = await this.db.select().from(allowRules).where(and(subject, eq(allowRules.kind, rule.kind), eq(allowRules.value, rule.value)));
    return row;
  }

  async remove(id: number): Promise<void> {
    await this.db.delete(allowRules).where(eq(allowRules.id, id));
  }

  /** Rules of the given subjects (a scope); undefined: all rules. */
  async list(scope?: { workIds: number[]; markIds: number[] }): Promise<AllowRule[]> {
    let where: SQL | undefined;
    if (scope) {
      const parts = [];
      if (scope.workIds.length) parts.push(inArray(allowRules.workId, scope.workIds));
      if (scope.markIds.length) parts.push(inArray(allowRules.markId, scope.markIds));
      if (!parts.length) return [];
      where = or(...parts);
    }
    return this.db.select().from(allowRules).where(where).orderBy(asc(allowRules.id));
  }

  /** The rules of a set of subjects at once, keyed 'w<id>' / 'm<id>', for matching one listing. */
  async forSubjects(workIds: number[], markIds: number[]): Promise<Map<string, AllowRule[]>> {
    const rows = await this.list({ workIds, markIds });
    const out = new Map<string, AllowRule[]>();
    for (const row of rows) {
      const key = row.markId != null ? `m${row.markId}` : `w${row.workId}`;
      out.set(key, [...(out.get(key) ?? []), row]);
    }
    return out;
  }
}
