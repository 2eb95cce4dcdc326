import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../../core/database/database.ts';
import { calendarDays, caseFindings, cases, noticeListings, notices, type Case, type CaseStatus, type Notice, type NoticeListing } from './case.schema.ts';
import { VIETNAM_HOLIDAYS_2026_2027, type CalendarEntry } from './working-days.ts';

export type CaseInsert = Omit<typeof cases.$inferInsert, 'id'>;
export type NoticeInsert = Omit<typeof notices.$inferInsert, 'id'>;
export type NoticePatch = Partial<Omit<NoticeInsert, 'caseId' | 'basis' | 'createdBy' | 'createdAt'>>;
export type NoticeListingPatch = Partial<Omit<typeof noticeListings.$inferInsert, 'noticeId' | 'listingId'>>;

/** Cases, notices, their listings and the working-day calendar: rows only, no rules. */
export class CaseRepository {
  constructor(private readonly db: Database) {}

  async createCase(row: CaseInsert, findingIds: readonly number[]): Promise<Case> {
    const [created] = await this.db.insert(cases).values(row).returning();
    await this.addFindings(created!.id, findingIds, row.createdAt ?? new Date());
    return created!;
  }

  async getCase(id: number): Promise<Case | undefined> {
    const [row] = await this.db.select().from(cases).where(eq(cases.id, id));
    return row;
  }

  async listCases(options: { status?: CaseStatus; limit: number }): Promise<Case[]> {
    return this.db
      .select()
      .from(cases)
      .where(options.status ? eq(cases.status, options.status) : undefined)
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(options.limit);
  }

  async updateCase(id: number, patch: Partial<CaseInsert>): Promise<Case | undefined> {
    const [row] = await this.db.update(cases).set(patch).where(eq(cases.id, id)).returning();
    return row;
  }

  async addFindings(caseId: number, findingIds: readonly number[], at: Date): Promise<number[]> {
    if (!findingIds.length) return [];
    const rows = await this.db
      .insert(caseFindings)
      .values(findingIds.map((findingId) => ({ caseId, findingId, addedAt: at })))
      .onConflictDoNothing()
      .returning({ findingId: caseFindings.findingId });
    return rows.map((r) => r.findingId);
  }

  async removeFinding(caseId: number, findingId: number): Promise<boolean> {
    const rows = await this.db
      .delete(caseFindings)
      .where(and(eq(caseFindings.caseId, caseId), eq(caseFindings.findingId, findingId)))
      .returning({ findingId: caseFindings.findingId });
    return rows.length > 0;
  }

  async findingIdsOf(caseId: number): Promise<number[]> {
    const rows = await this.db.select({ id: caseFindings.findingId }).from(caseFindings).where(eq(caseFindings.caseId, caseId)).orderBy(asc(caseFindings.addedAt), asc(caseFindings.findingId));
    return rows.map((r) => r.id);
  }

  /** Finding ids of many cases at once (the list page). */
  async findingIdsOfCases(caseIds: readonly number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>(caseIds.map((id) => [id, []]));
    if (!caseIds.length) return out;
    const rows = await this.db.select().from(caseFindings).where(inArray(caseFindings.caseId, [...caseIds]));
    for (const r of rows) out.get(r.caseId)?.push(r.findingId);
    return out;
  }

  /** Open cases that already hold any of these findings. */
  async openCasesWithFindings(findingIds: readonly number[]): Promise<{ caseId: number; findingId: number }[]> {
    if (!findingIds.length) return [];
    return this.db
      .select({ caseId: caseFindings.caseId, findingId: caseFindings.findingId })
      .from(caseFindings)
      .innerJoin(cases, eq(cases.id, caseFindings.caseId))
      .where(and(inArray(caseFindings.findingId, [...findingIds]), eq(cases.status, 'open')));
  }

  async createNotice(row: NoticeInsert, listings: readonly { listingId: number; findingId: number }[]): Promise<Notice> {
    const [created] = await this.db.insert(notices).values(row).returning();
    if (listings.length) {
      await this.db
        .insert(noticeListings)
        .values(listings.map((l) => ({ noticeId: created!.id, listingId: l.listingId, findingId: l.findingId })))
        .onConflictDoNothing();
    }
    return created!;
  }

  async getNotice(id: number): Promise<Notice | undefined> {
    const [row] = await this.db.select().from(notices).where(eq(notices.id, id));
    return row;
  }

  async noticesOf(caseIds: readonly number[]): Promise<Notice[]> {
    if (!caseIds.length) return [];
    return this.db.select().from(notices).where(inArray(notices.caseId, [...caseIds])).orderBy(asc(notices.createdAt), asc(notices.id));
  }

  async updateNotice(id: number, patch: NoticePatch): Promise<Notice | undefined> {
    const [row] = await this.db.update(notices).set(patch).where(eq(notices.id, id)).returning();
    return row;
  }

  async listingsOf(noticeIds: readonly number[]): Promise<NoticeListing[]> {
    if (!noticeIds.length) return [];
    return this.db.select().from(noticeListings).where(inArray(noticeListings.noticeId, [...noticeIds])).orderBy(asc(noticeListings.noticeId), asc(noticeListings.listingId));
  }

  async updateNoticeListing(noticeId: number, listingId: number, patch: NoticeListingPatch): Promise<void> {
    await this.db.update(noticeListings).set(patch).where(and(eq(noticeListings.noticeId, noticeId), eq(noticeListings.listingId, listingId)));
  }

  /** The calendar; seeded with Vietnam's holidays the first time it is read empty. */
  async calendar(range: { from?: string; to?: string } = {}): Promise<CalendarEntry[]> {
    const [{ n } = { n: 0 }] = await this.db.select({ n: sql<number>`count(*)::int` }).from(calendarDays);
    if (n === 0) await this.db.insert(calendarDays).values([...VIETNAM_HOLIDAYS_2026_2027]).onConflictDoNothing();
    const where = [];
    if (range.from) where.push(gte(calendarDays.day, range.from));
    if (range.to) where.push(lte(calendarDays.day, range.to));
    return this.db
      .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
      .from(calendarDays)
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(calendarDays.day));
  }

  async calendarDay(day: string): Promise<CalendarEntry | undefined> {
    const [row] = await this.db.select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name }).from(calendarDays).where(eq(calendarDays.day, day));
    return row;
  }

  async setCalendarDay(entry: CalendarEntry): Promise<void> {
    await this.db
      .insert(calendarDays)
      .values(entry)
      .onConflictDoUpdate({ target: calendarDays.day, set: { kind: entry.kind, name: entry.name } });
  }

  async deleteCalendarDay(day: string): Promise<boolean> {
    const rows = await this.db.delete(calendarDays).where(eq(calendarDays.day, day)).returning({ day: calendarDays.day });
    return rows.length > 0;
  }
}
