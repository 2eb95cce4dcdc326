/**
 * The matcher keys everything it indexes by one number. Works keep their own id; a mark is its id
 * negated, so one map holds both without a second code path. Only this file knows the encoding.
 */
export function markKey(markId: number): number {
  return -markId;
}

export function subjectKey(row: { workId?: number | null; markId?: number | null }): number {
  if (row.workId != null) return row.workId;
  if (row.markId != null) return markKey(row.markId);
  throw new Error('a fingerprint or asset belongs to a work or a mark');
}

export function subjectOfKey(key: number): { workId: number; markId: null } | { workId: null; markId: number } {
  return key > 0 ? { workId: key, markId: null } : { workId: null, markId: -key };
}
