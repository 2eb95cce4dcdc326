import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/audit/audit.chain.ts';

/**
 * The chain-of-custody log of a packet (custody.jsonl): every capture, decision, access and export that
 * concerns its evidence, oldest first, each line hash-chained to the one before. Pure: the packet service
 * gathers the events, the verifier re-computes the chain without a database.
 */
export interface CustodyEvent {
  at: string;
  /** capture | match | review | audit | export */
  event: string;
  /** A person (name and e-mail), or the software that acted. */
  who: string;
  /** What was done, in words. */
  what: string;
  /** Ids and hashes the event is about. */
  ref?: Record<string, unknown>;
}

export interface CustodyLine extends CustodyEvent {
  seq: number;
  prevHash: string;
  hash: string;
}

export const CUSTODY_GENESIS = '';

/** SHA-256 of the line's canonical JSON without its own hash (prevHash included: the link). */
export function custodyHash(line: Omit<CustodyLine, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(line)).digest('hex');
}

export function chainCustody(events: CustodyEvent[]): CustodyLine[] {
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const lines: CustodyLine[] = [];
  let prevHash = CUSTODY_GENESIS;
  for (const [i, e] of sorted.entries()) {
    const body = { seq: i + 1, at: e.at, event: e.event, who: e.who, what: e.what, ...(e.ref ? { ref: e.ref } : {}), prevHash };
    const hash = custodyHash(body);
    lines.push({ ...body, hash });
    prevHash = hash;
  }
  return lines;
}

export function serializeCustody(lines: CustodyLine[]): Buffer {
  return Buffer.from(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 'utf8');
}

/** The 1-based line where the chain breaks, or undefined when every link and hash checks out. */
export function brokenCustodyLine(text: string): number | undefined {
  let prevHash = CUSTODY_GENESIS;
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  for (const [i, raw] of lines.entries()) {
    let line: Partial<CustodyLine>;
    try {
      line = JSON.parse(raw) as Partial<CustodyLine>;
    } catch {
      return i + 1;
    }
    const { hash, ...body } = line;
    if (body.prevHash !== prevHash || typeof hash !== 'string' || custodyHash(body as Omit<CustodyLine, 'hash'>) !== hash) return i + 1;
    prevHash = hash;
  }
  return undefined;
}
