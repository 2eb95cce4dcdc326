import { CronExpressionParser } from 'cron-parser';
import { ValidationError } from '../core/errors/errors.ts';

/** Schedules are read in Vietnam time: "0 2 * * *" means 02:00 in Bắc Ninh whatever the server's zone. */
export const SCHEDULE_TZ = 'Asia/Ho_Chi_Minh';
/** Politeness floor: no source is crawled more often than this, however its cron reads. */
export const MIN_SCHEDULE_INTERVAL_MINUTES = 10;

/**
 * Checks a five-field cron expression (minute hour day-of-month month day-of-week) and returns it
 * normalised (single spaces). Seconds fields, macros and schedules firing more often than every
 * MIN_SCHEDULE_INTERVAL_MINUTES are refused with a message an officer can act on.
 */
export function validateCron(raw: string, now = new Date()): string {
  const expression = raw.trim().replace(/\s+/g, ' ');
  if (!expression) throw new ValidationError('schedule is empty');
  if (expression.length > 120 || !/^[0-9*,/\-A-Za-z? ]+$/.test(expression)) throw new ValidationError(`schedule "${raw.slice(0, 120)}" has characters a cron expression cannot contain`);
  const fields = expression.split(' ');
  if (fields.length !== 5) throw new ValidationError(`schedule "${expression}" must have 5 fields (minute hour day month weekday), not ${fields.length}`);
  let next: Date[];
  try {
    const parsed = CronExpressionParser.parse(expression, { tz: SCHEDULE_TZ, currentDate: now, strict: false });
    next = parsed.take(6).map((d) => d.toDate());
  } catch (error) {
    throw new ValidationError(`schedule "${expression}" is not a valid cron expression: ${(error as Error).message}`);
  }
  if (!next.length) throw new ValidationError(`schedule "${expression}" never fires`);
  for (let i = 1; i < next.length; i++) {
    const minutes = (next[i]!.getTime() - next[i - 1]!.getTime()) / 60_000;
    if (minutes < MIN_SCHEDULE_INTERVAL_MINUTES) {
      throw new ValidationError(`schedule "${expression}" fires every ${minutes} minute(s); the minimum is ${MIN_SCHEDULE_INTERVAL_MINUTES}`);
    }
  }
  return expression;
}

/** The next firings in UTC, for the UI ("next run"). */
export function nextFirings(expression: string, count = 3, now = new Date()): Date[] {
  try {
    return CronExpressionParser.parse(expression, { tz: SCHEDULE_TZ, currentDate: now })
      .take(count)
      .map((d) => d.toDate());
  } catch {
    return [];
  }
}
