import { z } from 'zod';
import type { Database } from '../../core/database/database.ts';
import { ValidationError } from '../../core/errors/errors.ts';
import type { AccessPolicy } from '../access/access.policy.ts';
import type { SessionUser } from '../app.types.ts';
import { ReportRepository } from './report.repository.ts';
import type { BreakdownKey, ReportRow, YearlyReport } from './report.types.ts';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** `?year=`: four digits in a plausible range; absent = the current year in Vietnam. */
export const YearSchema = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR);

export function vietnamYear(now: Date): number {
  return new Date(now.getTime() + 7 * 3_600_000).getUTCFullYear();
}

export function parseYear(raw: string | undefined, now: Date): number {
  if (raw === undefined) return vietnamYear(now);
  const parsed = YearSchema.safeParse(raw.trim() === '' ? undefined : raw);
  if (!parsed.success) throw new ValidationError(`year must be a year between ${MIN_YEAR} and ${MAX_YEAR}`, { errors: [{ path: 'year', message: 'expected a year like 2026' }] });
  return parsed.data;
}

const emptyRow = (key: string | null): ReportRow => ({ key, findings: 0, notices: 0, removals: 0, avgHoursToRemoval: null, medianHoursToRemoval: null });

/**
 * The yearly report. Officers and inspectors see the province's figures; a rights holder gets the same
 * report restricted to findings on their own works and marks (and the notices naming those listings),
 * so nothing of another holder is counted or named.
 */
export class ReportService {
  private readonly repository: ReportRepository;

  constructor(
    db: Database,
    private readonly access: AccessPolicy,
    private readonly now: () => Date,
  ) {
    this.repository = new ReportRepository(db);
  }

  async yearly(user: SessionUser, year: number): Promise<YearlyReport> {
    const scope = await this.access.findingScope(user);
    const { total: [total], ...figures } = await this.repository.figures(year, scope);
    const breakdowns: Record<BreakdownKey, ReportRow[]> = figures;
    // Every month shows, even an empty one; findings on works are no mark's, so the mark table lists marks only.
    const months = new Map(breakdowns.month.map((r) => [r.key, r]));
    breakdowns.month = Array.from({ length: 12 }, (_, i) => months.get(String(i + 1)) ?? emptyRow(String(i + 1)));
    breakdowns.mark = breakdowns.mark.filter((r) => r.key !== null);
    return { year, generatedAt: this.now().toISOString(), scope: scope ? 'own' : 'all', totals: { ...(total ?? emptyRow('all')), key: 'all' }, breakdowns };
  }
}
