import { describe, expect, it } from 'vitest';
import { mergeDeadlines, noticeDeadlines, overdueDeadlines } from './deadlines.ts';
import { endOfVietnamDay, VIETNAM_HOLIDAYS_2026_2027, vietnamDay, WorkingCalendar } from './working-days.ts';

const calendar = new WorkingCalendar(VIETNAM_HOLIDAYS_2026_2027);
const vn = (local: string) => new Date(`${local}+07:00`);

describe('working days', () => {
  it('knows weekends, holidays and make-up Saturdays', () => {
    expect(calendar.isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(calendar.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-09-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true); // Saturday worked for 2/1
    expect(new WorkingCalendar([]).isWorkingDay('2026-01-10')).toBe(false);
  });

  it('takes the Vietnam date of an instant, not the UTC one', () => {
    expect(vietnamDay(new Date('2026-11-20T17:30:00Z'))).toBe('2026-11-21');
    expect(endOfVietnamDay('2026-11-21').toISOString()).toBe('2026-11-21T16:59:59.999Z');
  });

  it('counts from the next day and skips weekends', () => {
    // Friday 20/11/2026 10:00 + 10 working days = Friday 4/12/2026, end of day.
    expect(calendar.addWorkingDays(vn('2026-11-20T10:00:00'), 10).toISOString()).toBe(endOfVietnamDay('2026-12-04').toISOString());
    expect(calendar.addWorkingDays(vn('2026-11-20T10:00:00'), 1).toISOString()).toBe(endOfVietnamDay('2026-11-23').toISOString());
    expect(calendar.addWorkingDays(vn('2026-11-20T10:00:00'), 0).toISOString()).toBe(endOfVietnamDay('2026-11-20').toISOString());
    expect(() => calendar.addWorkingDays(new Date(), -1)).toThrow(RangeError);
  });

  it('skips Tết: 10 working days from Thursday 12/2/2026 end on Friday 6/3/2026', () => {
    // Working: 13/2; Tết 16–20/2 closed; 23–27/2 (5), 2–5/3 (4) = 10 on Thursday 5/3.
    expect(vietnamDay(calendar.addWorkingDays(vn('2026-02-12T15:00:00'), 10))).toBe('2026-03-05');
    expect(calendar.workingDaysBetween(vn('2026-02-12T15:00:00'), vn('2026-03-05T09:00:00'))).toBe(10);
  });

  it('counts a make-up Saturday and skips the swapped Friday around New Year 2026', () => {
    // From Wednesday 31/12/2025: 1/1, 2/1 closed, 5–9/1 (5), Saturday 10/1 worked (6), 12–15/1 → 10th on 15/1.
    expect(vietnamDay(calendar.addWorkingDays(vn('2025-12-31T09:00:00'), 10))).toBe('2026-01-15');
    expect(vietnamDay(new WorkingCalendar([]).addWorkingDays(vn('2025-12-31T09:00:00'), 10))).toBe('2026-01-14');
  });

  it('an edited calendar changes the count (an officer adds a holiday)', () => {
    const edited = new WorkingCalendar([...VIETNAM_HOLIDAYS_2026_2027, { day: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hoá Việt Nam' }]);
    expect(vietnamDay(edited.addWorkingDays(vn('2026-11-23T08:00:00'), 1))).toBe('2026-11-25');
  });
});

describe('notice deadlines', () => {
  const sent = new Date('2026-11-20T02:00:00Z');
  const received = new Date('2026-11-20T09:30:00Z');

  it('Art. 113: 24 hours from receipt to take down, then 24 hours to report back', () => {
    expect(noticeDeadlines({ basis: 'art113', sentAt: sent, receivedAt: received }, calendar)).toEqual([
      { kind: 'takedown', due: '2026-11-21T09:30:00.000Z', from: 'received' },
      { kind: 'report_back', due: '2026-11-22T09:30:00.000Z', from: 'received' },
    ]);
    // Not received yet: counted from sending, flagged as such.
    expect(noticeDeadlines({ basis: 'art113', sentAt: sent, receivedAt: null }, calendar)[0]).toEqual({ kind: 'takedown', due: '2026-11-21T02:00:00.000Z', from: 'sent' });
    expect(noticeDeadlines({ basis: 'art113', sentAt: null, receivedAt: null }, calendar)).toEqual([]);
  });

  it('Art. 114: 72 hours, then 10 working days to object, then 72 hours to restore after an objection', () => {
    const d = noticeDeadlines({ basis: 'art114', sentAt: sent, receivedAt: received }, calendar);
    expect(d.map((x) => x.kind)).toEqual(['takedown', 'objection']);
    expect(d[0]!.due).toBe('2026-11-23T09:30:00.000Z');
    // Takedown deadline Monday 23/11 16:30 VN; 10 working days later: Monday 7/12/2026, end of day.
    expect(d[1]!.due).toBe(endOfVietnamDay('2026-12-07').toISOString());
    const objected = noticeDeadlines({ basis: 'art114', sentAt: sent, receivedAt: received, objectedAt: new Date('2026-11-25T01:00:00Z') }, calendar);
    expect(objected.at(-1)).toEqual({ kind: 'restore', due: '2026-11-28T01:00:00.000Z', from: 'objection' });
  });

  it('Art. 114 over Tết 2027: the objection window jumps the holiday week', () => {
    const d = noticeDeadlines({ basis: 'art114', sentAt: null, receivedAt: vn('2027-02-01T10:00:00') }, calendar);
    // Takedown by Thursday 4/2 10:00; then 5/2 and 8–11/2 closed: 12/2 (1), 15–19/2 (6), 22–25/2 → 10th on 25/2.
    expect(vietnamDay(new Date(d[1]!.due))).toBe('2027-02-25');
  });

  it('keeps re-check marks of unchanged deadlines and tells overdue ones', () => {
    const first = noticeDeadlines({ basis: 'art113', sentAt: sent, receivedAt: null }, calendar);
    const checked = mergeDeadlines([], first).map((d) => (d.kind === 'takedown' ? { ...d, checkedAt: '2026-11-21T03:00:00.000Z' } : d));
    expect(mergeDeadlines(checked, first)[0]!.checkedAt).toBe('2026-11-21T03:00:00.000Z');
    // Receipt recorded later: the deadline moved, so the earlier check no longer covers it.
    expect(mergeDeadlines(checked, noticeDeadlines({ basis: 'art113', sentAt: sent, receivedAt: received }, calendar))[0]!.checkedAt).toBeNull();
    expect(overdueDeadlines(checked, new Date('2026-11-23T00:00:00Z')).map((d) => d.kind)).toEqual(['report_back']);
    expect(overdueDeadlines(checked, new Date('2026-11-20T05:00:00Z'))).toEqual([]);
  });
});
