import { createHash } from 'node:crypto';

/** The fields an event's hash covers: everything but its id (assigned by the database) and the hash. */
export interface ChainedEvent {
  id: number;
  at: Date;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '';

/**
 * What jsonb gives back for a value: Dates become ISO strings, undefined keys vanish, NaN becomes null.
 * Hashing this form means an event hashes the same before it is stored and after it is read back.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? v.replace(/\u0000/g, '') : v)) ?? 'null');
}

/** JSON with object keys sorted at every depth, so that jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(prevHash: string, e: Omit<ChainedEvent, 'id' | 'hash' | 'prevHash'>): string {
  const body = canonicalJson({
    at: e.at.toISOString(),
    actorUserId: e.actorUserId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: toJsonValue(e.before),
    after: toJsonValue(e.after),
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface ChainVerdict {
  intact: boolean;
  /** The first event whose link or content does not check out. */
  firstBrokenId?: number;
  checked: number;
}

/**
 * Checks events in id order. `prevHash` is the hash the first event must link to (GENESIS_HASH when the
 * list starts at the beginning of the log), so a long log can be verified in pages.
 */
export function verifyChain(events: readonly ChainedEvent[], prevHash: string = GENESIS_HASH): ChainVerdict {
  let previous = prevHash;
  for (const e of events) {
    if (e.prevHash !== previous || eventHash(e.prevHash, e) !== e.hash) return { intact: false, firstBrokenId: e.id, checked: events.length };
    previous = e.hash;
  }
  return { intact: true, checked: events.length };
}
