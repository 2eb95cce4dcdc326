/**
 * Working days in Vietnam: Monday to Friday, minus public holidays, plus the Saturdays worked in exchange
 * for a bridged day (the government swaps days almost every year). Pure: the calendar rows come from the
 * officers' editable table (calendar_days), the seed below is only where it starts.
 */
export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarEntry {
  /** YYYY-MM-DD, a Vietnam calendar date. */
  day: string;
  kind: CalendarDayKind;
  name: string;
}

/** Vietnam has kept UTC+7 without daylight saving since 1975: a fixed offset is exact. */
const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

export const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real date (2026-02-30 matches the pattern but is no day). */
export function isCalendarDate(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00.000Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** The Vietnam calendar date of an instant, as YYYY-MM-DD. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnam calendar day ends (23:59:59.999 UTC+7). */
export function endOfVietnamDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - VN_OFFSET_MS + DAY_MS - 1);
}

function nextDay(day: string, step = 1): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + step * DAY_MS).toISOString().slice(0, 10);
}

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * 3600_000);
}

export class WorkingCalendar {
  private readonly days: Map<string, CalendarEntry>;

  constructor(entries: readonly CalendarEntry[]) {
    this.days = new Map(entries.map((e) => [e.day, e]));
  }

  isWorkingDay(day: string): boolean {
    const entry = this.days.get(day);
    if (entry) return entry.kind === 'workday';
    const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The Nth working day after `from`'s Vietnam date (Civil Code Art. 147: a period counted in days starts
   * the day after the event), ending at its last millisecond in Vietnam time.
   */
  addWorkingDays(from: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, not ${n}`);
    let day = vietnamDay(from);
    if (n === 0) return endOfVietnamDay(day);
    let left = n;
    // A year of holidays cannot hold more than ~30 closed weekdays: the bound only guards a broken calendar.
    for (let guard = 0; guard < n * 7 + 400; guard++) {
      day = nextDay(day);
      if (this.isWorkingDay(day) && --left === 0) return endOfVietnamDay(day);
    }
    throw new RangeError('the working-day calendar has no working days in reach');
  }

  /** Working days strictly after `from`'s date up to and including `to`'s date (0 when `to` is not later). */
  workingDaysBetween(from: Date, to: Date): number {
    let day = vietnamDay(from);
    const end = vietnamDay(to);
    let count = 0;
    while (day < end) {
      day = nextDay(day);
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }
}

/**
 * Vietnam's public holidays for 2026 and 2027 (Labour Code 2019 Art. 112, the Government's swaps for 2026).
 * 2026 follows the announced schedule (New Year 1–4/1 with 2/1 swapped for Saturday 10/1; Tết 16–20/2;
 * Hùng Kings on Sunday 26/4, off Monday 27/4; 30/4–1/5; National Day 29/8–2/9). The Saturday worked for
 * 31/8/2026 was not found: officers add it on the calendar page. 2027 dates are the statutory days by the
 * lunar calendar (Tết is 6/2/2027) with the usual carry-over of weekend holidays; the Government's 2027
 * swaps were not published when this was written: marked "dự kiến" (provisional) and editable.
 */
export const VIETNAM_HOLIDAYS_2026_2027: readonly CalendarEntry[] = [
  { day: '2026-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
  { day: '2026-01-02', kind: 'holiday', name: 'Tết Dương lịch (hoán đổi, làm bù 10/01)' },
  { day: '2026-01-10', kind: 'workday', name: 'Làm bù cho ngày 02/01' },
  ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((day) => ({ day, kind: 'holiday' as const, name: 'Tết Nguyên đán Bính Ngọ' })),
  { day: '2026-04-27', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương (nghỉ bù cho Chủ nhật 26/04)' },
  { day: '2026-04-30', kind: 'holiday', name: 'Ngày Chiến thắng 30/4' },
  { day: '2026-05-01', kind: 'holiday', name: 'Ngày Quốc tế Lao động 1/5' },
  { day: '2026-08-31', kind: 'holiday', name: 'Quốc khánh (hoán đổi)' },
  { day: '2026-09-01', kind: 'holiday', name: 'Quốc khánh (ngày liền kề)' },
  { day: '2026-09-02', kind: 'holiday', name: 'Quốc khánh 2/9' },
  { day: '2027-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
  ...['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map((day) => ({ day, kind: 'holiday' as const, name: 'Tết Nguyên đán Đinh Mùi (dự kiến)' })),
  { day: '2027-04-16', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' },
  { day: '2027-04-30', kind: 'holiday', name: 'Ngày Chiến thắng 30/4' },
  { day: '2027-05-03', kind: 'holiday', name: 'Ngày Quốc tế Lao động (nghỉ bù cho Thứ Bảy 1/5)' },
  { day: '2027-09-02', kind: 'holiday', name: 'Quốc khánh 2/9' },
  { day: '2027-09-03', kind: 'holiday', name: 'Quốc khánh (ngày liền kề, dự kiến)' },
];
