import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { captures, type Capture, type CaptureStatus } from './crawler.schema.ts';

/** Manual captures (URLs officers found by hand) and their outcome. */
export class CaptureRepository {
  constructor(private readonly db: Database) {}

  async create(input: { url: string; requestedBy: number | null; allowInternal: boolean; runId: number }, at: Date): Promise<Capture> {
    const [row] = await this.db.insert(captures).values({ ...input, createdAt: at }).returning();
    return row!;
  }

  async get(id: number): Promise<Capture | undefined> {
    const [row] = await this.db.select().from(captures).where(eq(captures.id, id));
    return row;
  }

  async list(options: { limit?: number; requestedBy?: number } = {}): Promise<Capture[]> {
    return this.db
      .select()
      .from(captures)
      .where(options.requestedBy !== undefined ? eq(captures.requestedBy, options.requestedBy) : undefined)
      .orderBy(desc(captures.id))
      .limit(options.limit ?? 50);
  }

  /** False when the capture is not waiting any more (a retried job after it finished). */
  async start(id: number): Promise<boolean> {
    const rows = await this.db
      .update(captures)
      .set({ status: 'running' })
      .where(and(eq(captures.id, id), inArray(captures.status, ['queued', 'running'])))
      .returning({ id: captures.id });
    return rows.length > 0;
  }

  async finish(id: number, outcome: { status: Extract<CaptureStatus, 'succeeded' | 'failed'>; listingId?: number | null; error?: string | null }, at: Date): Promise<void> {
    await this.db
      .update(captures)
      .set({ status: outcome.status, listingId: outcome.listingId ?? null, error: outcome.error?.slice(0, 2000) ?? null, finishedAt: at })
      .where(eq(captures.id, id));
  }
}
