/**
 * A reason a row or file was refused, in both languages: the portal shows one (Vietnamese first), the
 * CLI prints both so that an officer and a script reading English alike understand it.
 */
export interface ImportIssue {
  vi: string;
  en: string;
}

export type IssueLanguage = 'vi' | 'en' | 'both';

export const issue = (vi: string, en: string): ImportIssue => ({ vi, en });

export function formatIssue(value: ImportIssue, language: IssueLanguage): string {
  if (language === 'vi') return value.vi;
  if (language === 'en') return value.en;
  return value.vi === value.en ? value.vi : `${value.vi} / ${value.en}`;
}

/** A whole file that cannot be read as a registry file (wrong type, too large, broken CSV, bad ZIP). */
export class ImportFileError extends Error {
  constructor(
    readonly issue: ImportIssue,
    /** The file it is about, as the user named it. */
    readonly file: string,
    /** Line (CSV) or row (XLSX) when known. */
    readonly row?: number,
    /** 413 when a limit was exceeded, 415 when the type is wrong, else 400 (for the REST mapping). */
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(`${file}${row ? `, dòng/row ${row}` : ''}: ${formatIssue(issue, 'both')}`);
    this.name = 'ImportFileError';
  }
}
