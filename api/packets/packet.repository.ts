import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../core/database/database.ts';
import { crawlRuns, type CrawlRun } from '../../crawler/crawler.schema.ts';
import { users } from '../api.schema.ts';
import { caseFindings, cases, notices, type Case, type Notice } from '../cases/case.schema.ts';

export interface PersonLabel {
  id: number;
  name: string;
  email: string;
  role: string;
}

/**
 * The reads a packet needs that no other repository offers: a case with its findings and notices, the
 * people named in the custody log, and the crawl runs that captured the evidence. Read-only.
 */
export class PacketRepository {
  constructor(private readonly db: Database) {}

  async caseWithFindingIds(caseId: number): Promise<{ row: Case; findingIds: number[] } | undefined> {
    const [row] = await this.db.select().from(cases).where(eq(cases.id, caseId));
    if (!row) return undefined;
    const links = await this.db.select({ findingId: caseFindings.findingId }).from(caseFindings).where(eq(caseFindings.caseId, caseId)).orderBy(asc(caseFindings.addedAt), asc(caseFindings.findingId));
    return { row, findingIds: links.map((l) => l.findingId) };
  }

  async noticesOfCase(caseId: number): Promise<Notice[]> {
    return this.db.select().from(notices).where(eq(notices.caseId, caseId)).orderBy(asc(notices.id));
  }

  async people(ids: number[]): Promise<Map<number, PersonLabel>> {
    if (!ids.length) return new Map();
    const rows = await this.db.select({ id: users.id, name: users.name, email: users.email, role: users.role }).from(users).where(inArray(users.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r]));
  }

  async runs(ids: number[]): Promise<Map<number, CrawlRun>> {
    if (!ids.length) return new Map();
    const rows = await this.db.select().from(crawlRuns).where(inArray(crawlRuns.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r]));
  }
}
