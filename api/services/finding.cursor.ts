import { ValidationError } from '../../core/errors/errors.ts';
import type { QueueKey, QueueSort } from '../../matcher/finding.repository.ts';
import type { Finding } from '../../matcher/matcher.schema.ts';

/** Opaque to clients: the order it belongs to, the last row's sort key and id ("n|<iso>|<id>", "s|<score>|<id>"). */
export function encodeCursor(finding: Pick<Finding, 'createdAt' | 'id' | 'score'>, sort: QueueSort = 'newest'): string {
  const key = sort === 'score' ? String(finding.score) : finding.createdAt.toISOString();
  return Buffer.from(`${sort[0]}|${key}|${finding.id}`).toString('base64url');
}

/** A cursor made for another order, or not made by us at all, is a client error (400), never a 500. */
export function decodeCursor(cursor: string, sort: QueueSort = 'newest'): QueueKey {
  const [tag, key, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const n = Number(id);
  if (tag !== sort[0] || !key || !Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw new ValidationError('cursor is not valid for this order');
  if (sort === 'score') {
    const score = Number(key);
    if (!Number.isFinite(score)) throw new ValidationError('cursor is not valid');
    return { sort, score, id: n };
  }
  const createdAt = new Date(key);
  if (Number.isNaN(createdAt.getTime())) throw new ValidationError('cursor is not valid');
  return { sort, createdAt, id: n };
}
