import type { reportsVi } from '../i18n/sections/reports.vi.ts';
import type { BreakdownKey, ReportRow } from './report.types.ts';

export type ReportStrings = typeof reportsVi;

/** A bucket's name for people: month names, work-type and outcome labels; null is "unknown". */
export function bucketLabel(t: ReportStrings, workTypes: Record<string, string>, breakdown: BreakdownKey, key: string | null): string {
  if (key === null) return t.unknown;
  if (breakdown === 'month') return t.months[Number(key) - 1] ?? key;
  if (breakdown === 'workType') return key === 'mark' ? t.markBucket : (workTypes[key] ?? key);
  if (breakdown === 'outcome') return t.outcomes[key] ?? key;
  return key;
}

export const hours = (value: number | null): string => (value === null ? '—' : (Math.round(value * 10) / 10).toString());

/** Largest buckets first for the bar charts, the rest folded into one bar so a chart stays readable. */
export function topRows(rows: ReportRow[], n: number, otherLabel: string): { label: string | null; value: number; row?: ReportRow }[] {
  const sorted = [...rows].filter((r) => r.findings > 0).sort((a, b) => b.findings - a.findings);
  const top = sorted.slice(0, n).map((r) => ({ label: r.key, value: r.findings, row: r }));
  const rest = sorted.slice(n).reduce((a, r) => a + r.findings, 0);
  return rest > 0 ? [...top, { label: otherLabel, value: rest }] : top;
}
