import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { crawlRuns, sources, type CrawlRun, type CrawlRunStatus, type Source } from './crawler.schema.ts';

export type SourceInput = Pick<typeof sources.$inferInsert, 'name' | 'startUrl'> & Partial<Pick<typeof sources.$inferInsert, 'adapter' | 'maxPages' | 'allowInternal' | 'enabled'>>;

export interface CrawlError {
  url: string;
  message: string;
}

/** Errors kept on a run: enough to diagnose, bounded so a broken site cannot bloat the row. */
const MAX_RUN_ERRORS = 500;

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

  async getSource(id: number): Promise<Source | undefined> {
    const [row] = await this.db.select().from(sources).where(eq(sources.id, id));
    return row;
  }

  async listSources(): Promise<Source[]> {
    return this.db.select().from(sources).orderBy(asc(sources.id));
  }

  async createRun(sourceId: number): Promise<CrawlRun> {
    const [row] = await this.db.insert(crawlRuns).values({ sourceId }).returning();
    return row!;
  }

  async getRun(id: number): Promise<CrawlRun | undefined> {
    const [row] = await this.db.select().from(crawlRuns).where(eq(crawlRuns.id, id));
    return row;
  }

  async listRuns(options: { sourceId?: number; limit?: number } = {}): Promise<CrawlRun[]> {
    return this.db
      .select()
      .from(crawlRuns)
      .where(options.sourceId !== undefined ? eq(crawlRuns.sourceId, options.sourceId) : undefined)
      .orderBy(desc(crawlRuns.id))
      .limit(options.limit ?? 50);
  }

  /** A retried job restarts its run: counters start again from zero so they describe one crawl. */
  async startRun(id: number, at: Date): Promise<void> {
    await this.db.update(crawlRuns).set({ status: 'running', startedAt: at, finishedAt: null, pagesVisited: 0, listingsFound: 0, errors: [] }).where(eq(crawlRuns.id, id));
  }

  async finishRun(id: number, status: Extract<CrawlRunStatus, 'succeeded' | 'failed'>, at: Date): Promise<void> {
    await this.db.update(crawlRuns).set({ status, finishedAt: at }).where(eq(crawlRuns.id, id));
  }

  /** Increments in SQL: pages finish concurrently and must not overwrite each other's counts. */
  async countPage(id: number, listing: boolean): Promise<void> {
    await this.db
      .update(crawlRuns)
      .set({ pagesVisited: sql`${crawlRuns.pagesVisited} + 1`, ...(listing ? { listingsFound: sql`${crawlRuns.listingsFound} + 1` } : {}) })
      .where(eq(crawlRuns.id, id));
  }

  async addError(id: number, error: CrawlError): Promise<void> {
    const entry = JSON.stringify([{ url: error.url.slice(0, 2000), message: error.message.slice(0, 2000) }]);
    await this.db
      .update(crawlRuns)
      .set({ errors: sql`case when jsonb_array_length(${crawlRuns.errors}) < ${MAX_RUN_ERRORS} then ${crawlRuns.errors} || ${entry}::jsonb else ${crawlRuns.errors} end` })
      .where(eq(crawlRuns.id, id));
  }
}
