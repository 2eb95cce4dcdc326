import { ValidationError } from '../../core/errors/errors.ts';
import type { Finding } from '../../matcher/matcher.schema.ts';

export interface FindingCursor {
  createdAt: Date;
  id: number;
}

/** Opaque to clients; (createdAt, id) is the keyset the repository pages on. */
export function encodeCursor(finding: Pick<Finding, 'createdAt' | 'id'>): string {
  return Buffer.from(`${finding.createdAt.toISOString()}|${finding.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): FindingCursor {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  const n = Number(id);
  if (!iso || Number.isNaN(createdAt.getTime()) || !Number.isInteger(n) || n <= 0) throw new ValidationError('cursor is not valid');
  return { createdAt, id: n };
}
