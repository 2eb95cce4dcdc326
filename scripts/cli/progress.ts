import type { Database } from '../../core/database/database.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { SourceRepository } from '../../crawler/source.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';

export interface Progress {
  runs: { id: number; status: string; pages: number; listings: number; errors: number }[];
  listings: number;
  matched: number;
  findings: number;
}

/** Reads the pipeline's figures from the database, so it reports the same wherever the work ran. */
export async function readProgress(db: Database, runIds: number[]): Promise<Progress> {
  const sources = new SourceRepository(db);
  const runs = [];
  for (const id of runIds) {
    const run = await sources.getRun(id);
    if (run) runs.push({ id: run.id, status: run.status, pages: run.pagesVisited, listings: run.listingsFound, errors: run.errors.length });
  }
  const findings = new FindingRepository(db);
  const byWorker = await findings.matchRunsByWorker();
  const byStatus = await findings.countByStatus();
  return {
    runs,
    listings: await new ListingRepository(db).count(),
    matched: Object.values(byWorker).reduce((a, b) => a + b, 0),
    findings: Object.values(byStatus).reduce((a, b) => a + b, 0),
  };
}

export function formatProgress(p: Progress): string {
  const crawl = p.runs.map((r) => `${r.status} ${r.pages} trang/pages`).join(', ');
  return `thu thập/crawl: ${crawl || '-'} · tin đăng/listings: ${p.listings} · đã so khớp/matched: ${p.matched} · phát hiện/findings: ${p.findings}`;
}

export function crawlsFinished(p: Progress): boolean {
  return p.runs.every((r) => r.status !== 'queued' && r.status !== 'running');
}
