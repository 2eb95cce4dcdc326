/** The yearly report's figures (issue 9): the same object feeds the page, the JSON, the XLSX and the PDF. */

export const breakdownKeys = ['month', 'workType', 'mark', 'platform', 'commune', 'outcome'] as const;
export type BreakdownKey = (typeof breakdownKeys)[number];

export interface ReportRow {
  /** The bucket: month "1".."12", a work type code, a mark, a platform, a commune/ward, an outcome; null = unknown. */
  key: string | null;
  /** Findings first seen in the year (Vietnam time). */
  findings: number;
  /** Notices sent in the year that name a listing of this bucket. */
  notices: number;
  /** Listings of a notice seen removed in the year. */
  removals: number;
  /** Hours from the notice's sending to the removal, over those removals. */
  avgHoursToRemoval: number | null;
  medianHoursToRemoval: number | null;
}

export interface YearlyReport {
  year: number;
  generatedAt: string;
  /** 'all' for officers and inspectors; 'own' when a rights holder sees only their works' and marks' figures. */
  scope: 'all' | 'own';
  totals: ReportRow;
  breakdowns: Record<BreakdownKey, ReportRow[]>;
}

/** Outcome buckets: the case outcomes, plus a case still open and a finding in no case. */
export const outcomeKeys = ['removed', 'restored_after_objection', 'not_removed', 'penalised', 'withdrawn', 'open', 'no_case'] as const;
