import type { NoticeBasis, NoticeDeadline } from './case.schema.ts';
import { addHours, type WorkingCalendar } from './working-days.ts';

/**
 * Legal deadlines of a notice (DESIGN §7, Decree 17/2023 as amended by Decree 134/2026), pure.
 * - Art. 113: the intermediary removes or blocks within 24 hours of receiving the request, then notifies
 *   the uploader and reports back within 24 hours (at the latest 24 hours after the takedown deadline).
 * - Art. 114: temporary takedown and notice to both sides within 72 hours of receipt; the uploader has 10
 *   working days (counted from that notice, at the latest the 72-hour mark) to object; after an objection
 *   the content is restored within 72 hours.
 * Until receipt is known the sending time stands in for it (the earliest receipt can be), flagged `from`.
 */
export interface DeadlineInput {
  basis: NoticeBasis;
  sentAt: Date | null;
  receivedAt: Date | null;
  objectedAt?: Date | null;
}

/** Deadlines after which the listings are re-visited by the crawler. */
export const RECHECKED_DEADLINES: Record<NoticeBasis, readonly string[]> = {
  art113: ['takedown'],
  art114: ['takedown', 'objection', 'restore'],
};

export type ComputedDeadline = NoticeDeadline & { from: 'sent' | 'received' | 'objection' };

export function noticeDeadlines(input: DeadlineInput, calendar: WorkingCalendar): ComputedDeadline[] {
  const start = input.receivedAt ?? input.sentAt;
  if (!start) return [];
  const from = input.receivedAt ? 'received' : 'sent';
  if (input.basis === 'art113') {
    const takedown = addHours(start, 24);
    return [
      { kind: 'takedown', due: takedown.toISOString(), from },
      { kind: 'report_back', due: addHours(takedown, 24).toISOString(), from },
    ];
  }
  const takedown = addHours(start, 72);
  const out: ComputedDeadline[] = [
    { kind: 'takedown', due: takedown.toISOString(), from },
    { kind: 'objection', due: calendar.addWorkingDays(takedown, 10).toISOString(), from },
  ];
  if (input.objectedAt) out.push({ kind: 'restore', due: addHours(input.objectedAt, 72).toISOString(), from: 'objection' });
  return out;
}

/** Keeps the re-check times of deadlines that did not move, so a re-computation does not forget them. */
export function mergeDeadlines(previous: readonly NoticeDeadline[], next: readonly ComputedDeadline[]): NoticeDeadline[] {
  return next.map(({ kind, due }) => {
    const old = previous.find((d) => d.kind === kind);
    return { kind, due, checkedAt: old && old.due === due ? (old.checkedAt ?? null) : null };
  });
}

/** Deadlines that have passed without the re-check having run: what makes a notice overdue. */
export function overdueDeadlines(deadlines: readonly NoticeDeadline[], now: Date): NoticeDeadline[] {
  return deadlines.filter((d) => !d.checkedAt && Date.parse(d.due) <= now.getTime());
}
