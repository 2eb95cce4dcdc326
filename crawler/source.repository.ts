import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { activeRunStatuses, crawlRuns, sources, type CrawlRun, type CrawlRunStatus, type RunTrigger, type Source } from './crawler.schema.ts';

export type SourceInput = Pick<typeof sources.$inferInsert, 'name' | 'startUrl'> & Partial<Pick<typeof sources.$inferInsert, 'adapter' | 'maxPages' | 'allowInternal' | 'enabled'>>;

/** Every field an officer sets on a source (REST and pages). */
export type SourceFields = Omit<typeof sources.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export interface CrawlError {
  url: string;
  message: string;
}

/** Errors kept on a run: enough to diagnose, bounded so a broken site cannot bloat the row. */
const MAX_RUN_ERRORS = 500;
/** Advisory-lock namespace for "one active run per source" (second key: the source id). */
const RUN_LOCK_SPACE = 74_132;

export type FinishedStatus = Extract<CrawlRunStatus, 'succeeded' | 'failed' | 'cancelled' | 'interrupted'>;

/** Sources and crawl runs; other stages and the CLI read them only through this class. */
export class SourceRepository {
  constructor(private readonly db: Database) {}

  /** Keyed by start URL + adapter: registering the same source again updates it instead of duplicating. */
  async upsertSource(input: SourceInput): Promise<Source> {
    const values = { adapter: 'generic', ...input };
    const [row] = await this.db
      .insert(sources)
      .values(values)
      .onConflictDoUpdate({
        target: [sources.startUrl, sources.adapter],
        set: {
          name: values.name,
          ...(input.maxPages !== undefined ? { maxPages: input.maxPages } : {}),
          ...(input.allowInternal !== undefined ? { allowInternal: input.allowInternal } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        },
      })
      .returning();
    return row!;
  }

  /** Undefined when a source with the same start URL and adapter exists. */
  async createSource(fields: SourceFields, now: Date): Promise<Source | undefined> {
    const [row] = await this.db
      .insert(sources)
      .values({ ...fields, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: [sources.startUrl, sources.adapter] })
      .returning();
    return row;
  }

  /** Undefined when the source does not exist; throws on a start URL + adapter clash (unique violation). */
  async updateSource(id: number, fields: Partial<SourceFields>, now: Date): Promise<Source | undefined> {
    const [row] = await this.db
      .update(sources)
      .set({ ...fields, updatedAt: now })
      .where(eq(sources.id, id))
      .returning();
    return row;
  }

  async findByStartUrl(startUrl: string, adapter: string): Promise<Source | undefined> {
    const [row] = await this.db.select().from(sources).where(and(eq(sources.startUrl, startUrl), eq(sources.adapter, adapter)));
    return row;
  }

  async deleteSource(id: number): Promise<Source | undefined> {
    const [row] = await this.db.delete(sources).where(eq(sources.id, id)).returning();
    return row;
  }

  async getSource(id: number): Promise<Source | undefined> {
    const [row] = await this.db.select().from(sources).where(eq(sources.id, id));
    return row;
  }

  async listSources(options: { includeManual?: boolean } = {}): Promise<Source[]> {
    return this.db
      .select()
      .from(sources)
      .where(options.includeManual === false ? ne(sources.kind, 'manual') : undefined)
      .orderBy(asc(sources.id));
  }

  /** The hidden source that hand captures belong to (a run needs a source). */
  async manualSource(): Promise<Source> {
    const startUrl = 'manual:captures';
    const existing = await this.findByStartUrl(startUrl, 'generic');
    if (existing) return existing;
    const [row] = await this.db
      .insert(sources)
      .values({ name: 'Thu thập thủ công / Manual captures', startUrl, adapter: 'generic', kind: 'manual', enabled: false, maxPages: 1, maxDepth: 0 })
      .onConflictDoNothing({ target: [sources.startUrl, sources.adapter] })
      .returning();
    return row ?? (await this.findByStartUrl(startUrl, 'generic'))!;
  }

  async createRun(sourceId: number, options: { trigger?: RunTrigger; requestedBy?: number | null } = {}): Promise<CrawlRun> {
    const [row] = await this.db
      .insert(crawlRuns)
      .values({ sourceId, trigger: options.trigger ?? 'manual', requestedBy: options.requestedBy ?? null })
      .returning();
    return row!;
  }

  /**
   * A new queued run, unless the source already has one queued or running: then `{ active }` names it.
   * The per-source advisory lock makes two simultaneous "run now" (or a tick during a click) yield one run.
   */
  async claimRun(sourceId: number, options: { trigger: RunTrigger; requestedBy?: number | null }): Promise<{ run: CrawlRun; created: boolean }> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${RUN_LOCK_SPACE}, ${sourceId})`);
      const [active] = await tx
        .select()
        .from(crawlRuns)
        .where(and(eq(crawlRuns.sourceId, sourceId), inArray(crawlRuns.status, [...activeRunStatuses]), ne(crawlRuns.trigger, 'capture')))
        .orderBy(desc(crawlRuns.id))
        .limit(1);
      if (active) return { run: active, created: false };
      const [row] = await tx.insert(crawlRuns).values({ sourceId, trigger: options.trigger, requestedBy: options.requestedBy ?? null }).returning();
      return { run: row!, created: true };
    });
  }

  async getRun(id: number): Promise<CrawlRun | undefined> {
    const [row] = await this.db.select().from(crawlRuns).where(eq(crawlRuns.id, id));
    return row;
  }

  async listRuns(options: { sourceId?: number; status?: CrawlRunStatus; limit?: number; beforeId?: number } = {}): Promise<CrawlRun[]> {
    const where = [];
    if (options.sourceId !== undefined) where.push(eq(crawlRuns.sourceId, options.sourceId));
    if (options.status) where.push(eq(crawlRuns.status, options.status));
    if (options.beforeId !== undefined) where.push(lt(crawlRuns.id, options.beforeId));
    return this.db
      .select()
      .from(crawlRuns)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(crawlRuns.id))
      .limit(options.limit ?? 50);
  }

  /**
   * A retried job restarts its run: counters start again from zero so they describe one crawl. False when
   * the run is no longer startable (cancelled while queued, or already finished by another attempt).
   */
  async startRun(id: number, at: Date, workerId?: string): Promise<boolean> {
    const rows = await this.db
      .update(crawlRuns)
      .set({ status: 'running', startedAt: at, finishedAt: null, pagesVisited: 0, listingsFound: 0, listingsNew: 0, listingsChanged: 0, errorCount: 0, errors: [], workerId: workerId ?? null, heartbeatAt: at })
      .where(and(eq(crawlRuns.id, id), inArray(crawlRuns.status, ['queued', 'running', 'interrupted'])))
      .returning({ id: crawlRuns.id });
    return rows.length > 0;
  }

  /** Writes the end state only over an active run: a run cancelled meanwhile keeps "cancelled". */
  async finishRun(id: number, status: FinishedStatus, at: Date): Promise<void> {
    await this.db
      .update(crawlRuns)
      .set({ status, finishedAt: at })
      .where(and(eq(crawlRuns.id, id), inArray(crawlRuns.status, [...activeRunStatuses])));
  }

  /** Sign of life from the process running the crawl; answers whether an officer asked to cancel. */
  async heartbeat(id: number, at: Date): Promise<{ cancelRequested: boolean; status: CrawlRunStatus | undefined }> {
    const [row] = await this.db
      .update(crawlRuns)
      .set({ heartbeatAt: at })
      .where(eq(crawlRuns.id, id))
      .returning({ cancelRequestedAt: crawlRuns.cancelRequestedAt, status: crawlRuns.status });
    return { cancelRequested: !!row?.cancelRequestedAt, status: row?.status };
  }

  /**
   * Asks a run to stop. A queued run is cancelled at once (its job finds it so and does nothing); a
   * running one is flagged, and the crawler that polls the flag stops and marks it cancelled.
   */
  async requestCancel(id: number, at: Date): Promise<CrawlRun | undefined> {
    await this.db.update(crawlRuns).set({ status: 'cancelled', cancelRequestedAt: at, finishedAt: at }).where(and(eq(crawlRuns.id, id), eq(crawlRuns.status, 'queued')));
    await this.db.update(crawlRuns).set({ cancelRequestedAt: at }).where(and(eq(crawlRuns.id, id), eq(crawlRuns.status, 'running'), isNull(crawlRuns.cancelRequestedAt)));
    return this.getRun(id);
  }

  /** Runs marked running whose process stopped beating before `staleBefore`: their worker died. */
  async interruptStale(staleBefore: Date, at: Date): Promise<number[]> {
    const rows = await this.db
      .update(crawlRuns)
      .set({ status: 'interrupted', finishedAt: at })
      .where(and(eq(crawlRuns.status, 'running'), or(lt(crawlRuns.heartbeatAt, staleBefore), and(isNull(crawlRuns.heartbeatAt), lt(crawlRuns.createdAt, staleBefore)))))
      .returning({ id: crawlRuns.id });
    return rows.map((r) => r.id);
  }

  /** Queued runs (oldest first), for reconciling them with the jobs that should carry them. */
  async queuedRuns(limit = 1000): Promise<CrawlRun[]> {
    return this.db.select().from(crawlRuns).where(eq(crawlRuns.status, 'queued')).orderBy(asc(crawlRuns.id)).limit(limit);
  }

  async markInterrupted(ids: number[], at: Date): Promise<void> {
    if (!ids.length) return;
    await this.db
      .update(crawlRuns)
      .set({ status: 'interrupted', finishedAt: at })
      .where(and(inArray(crawlRuns.id, ids), inArray(crawlRuns.status, [...activeRunStatuses])));
  }

  /** Increments in SQL: pages finish concurrently and must not overwrite each other's counts. */
  async countPage(id: number, listing: boolean | { isNew: boolean; changed: boolean }): Promise<void> {
    const stored = listing !== false;
    const isNew = typeof listing === 'object' && listing.isNew;
    const changed = typeof listing === 'object' && listing.changed && !listing.isNew;
    await this.db
      .update(crawlRuns)
      .set({
        pagesVisited: sql`${crawlRuns.pagesVisited} + 1`,
        ...(stored ? { listingsFound: sql`${crawlRuns.listingsFound} + 1` } : {}),
        ...(isNew ? { listingsNew: sql`${crawlRuns.listingsNew} + 1` } : {}),
        ...(changed ? { listingsChanged: sql`${crawlRuns.listingsChanged} + 1` } : {}),
      })
      .where(eq(crawlRuns.id, id));
  }

  async addError(id: number, error: CrawlError): Promise<void> {
    const entry = JSON.stringify([{ url: error.url.slice(0, 2000), message: error.message.slice(0, 2000) }]);
    await this.db
      .update(crawlRuns)
      .set({
        errors: sql`case when jsonb_array_length(${crawlRuns.errors}) < ${MAX_RUN_ERRORS} then ${crawlRuns.errors} || ${entry}::jsonb else ${crawlRuns.errors} end`,
        errorCount: sql`${crawlRuns.errorCount} + 1`,
      })
      .where(eq(crawlRuns.id, id));
  }
}
