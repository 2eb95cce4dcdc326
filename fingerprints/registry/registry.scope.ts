import type { AuditRepository } from '../../core/audit/audit.repository.ts';
import type { Transaction } from '../../core/database/database.ts';
import { z } from 'zod';
import { ValidationError } from '../../core/errors/errors.ts';
import type { PartyRepository } from './party.repository.ts';
import type { RegistryRepository, Subject } from './registry.repository.ts';
import type { RegistryActor } from './registry.types.ts';
import type { PreparedUpload } from './registry.uploads.ts';

/** What one write sees: its transaction, its actor, and how to ask for fingerprints after the commit. */
export interface WriteScope {
  tx: Transaction;
  repo: RegistryRepository;
  parties: PartyRepository;
  audit: AuditRepository;
  actor: RegistryActor;
  label: string;
  now: Date;
  dryRun: boolean;
  requestFingerprints(subject: Subject): Promise<void>;
  storeUpload(upload: PreparedUpload): Promise<{ blobKey: string | null }>;
}

export type WriteFn = <T>(actor: RegistryActor, fn: (scope: WriteScope) => Promise<T>) => Promise<T>;
export type ReadFn = <T>(fn: (repo: RegistryRepository) => Promise<T>) => Promise<T>;

export function auditActor(s: WriteScope): { userId: number | null; label: string } {
  return { userId: s.actor.userId, label: s.label };
}

type Issues = { issues: { path: PropertyKey[]; message: string }[] };
interface SafeParser<T> {
  safeParse(v: unknown, params?: { error?: z.core.$ZodErrorMap }): { success: true; data: T } | { success: false; error: Issues };
}

const viErrors = z.locales.vi().localeError;
const describe = (error: Issues) => error.issues.map((i) => `${i.path.map(String).join('.') || 'input'}: ${i.message}`);

/** zod at the service boundary too: every caller gets the same ValidationError with the field paths. */
export function parseInput<T>(schema: SafeParser<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = describe(result.error);
  // The same check again with zod's Vietnamese messages, for the forms officers and rights holders fill in.
  const vi = schema.safeParse(value, { error: viErrors });
  throw new ValidationError(issues.join('; '), { issues, ...(vi.success ? {} : { vi: describe(vi.error).join('; ') }) });
}
