import { AuditRepository } from '../../../core/audit/audit.repository.ts';
import type { Database } from '../../../core/database/database.ts';
import { NotFoundError, ValidationError } from '../../../core/errors/errors.ts';
import { foldVietnamese } from '../../../fingerprints/text/vietnamese.ts';
import type { PartyKind, User, UserStatus } from '../../api.schema.ts';
import type { SessionUser } from '../../app.types.ts';
import { UserRepository, type Decision } from '../../user.repository.ts';
import type { Registration } from './account.dto.ts';

export interface OwnerRef {
  id: number;
  name: string;
}

/** The registry's owners as accounts need them; implemented over the registry stage's service. */
export interface OwnerDirectory {
  getOwner(id: number, actor: SessionUser): Promise<OwnerRef | undefined>;
  listOwners(actor: SessionUser): Promise<OwnerRef[]>;
  createOwner(input: { name: string; kind: PartyKind; phone: string | null; address: string | null; email: string | null }, actor: SessionUser): Promise<OwnerRef>;
}

export type ApproveInput = { ownerId: number; newOwnerName?: undefined; note?: string | undefined } | { ownerId?: undefined; newOwnerName: string; note?: string | undefined };

const fold = (s: string) => foldVietnamese(s.normalize('NFC')).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Self-registration of rights holders and the officer's decision on it (REST and pages alike). */
export class AccountService {
  private readonly users: UserRepository;

  constructor(
    private readonly db: Database,
    private readonly owners: OwnerDirectory,
    private readonly now: () => Date,
  ) {
    this.users = new UserRepository(db);
  }

  async register(input: Registration): Promise<User> {
    const user = await this.users.register({ ...input, organisation: input.organisation ?? null, phone: input.phone ?? null, address: input.address ?? null, note: input.note ?? null });
    await new AuditRepository(this.db, this.now).record(this.db, { actor: { userId: null, label: `registration:${user.email}` }, action: 'account.register', entity: { type: 'account', id: user.id }, after: publicFields(user) });
    return user;
  }

  /** The status change and its audit event commit together (the log is hash-chained, DESIGN §3). */
  private decide(officer: SessionUser, id: number, action: 'approve' | 'reject', change: (users: UserRepository, d: Decision) => Promise<User>, note: string | null | undefined): Promise<User> {
    return this.db.transaction(async (tx) => {
      const txDb = tx as unknown as Database;
      const before = await new UserRepository(txDb).get(id);
      const after = await change(new UserRepository(txDb), { officerId: officer.id, at: this.now(), note: note ?? null });
      await new AuditRepository(txDb, this.now).record(txDb, { actor: { userId: officer.id, label: officer.email }, action: `account.${action}`, entity: { type: 'account', id }, before: before && publicFields(before), after: publicFields(after) });
      return after;
    });
  }

  list(status: UserStatus | undefined): Promise<User[]> {
    return this.users.listByStatus(status);
  }

  async get(id: number): Promise<User> {
    const user = await this.users.get(id);
    // Only self-registered accounts are managed here; staff accounts are not listed or decided.
    if (!user || user.role !== 'rights_holder') throw new NotFoundError(`account ${id} not found`);
    return user;
  }

  /** Owners whose folded name shares a word with what the applicant typed, best overlap first. */
  async suggestOwners(officer: SessionUser, claimed: string | null, limit = 5): Promise<OwnerRef[]> {
    if (!claimed) return [];
    const wanted = new Set(fold(claimed).split(' ').filter((w) => w.length > 1));
    if (!wanted.size) return [];
    const scored = (await this.owners.listOwners(officer))
      .map((o) => ({ o, score: fold(o.name).split(' ').filter((w) => wanted.has(w)).length }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.o.name.localeCompare(b.o.name, 'vi'));
    return scored.slice(0, limit).map((s) => s.o);
  }

  listOwners(officer: SessionUser): Promise<OwnerRef[]> {
    return this.owners.listOwners(officer);
  }

  async approve(officer: SessionUser, id: number, input: ApproveInput): Promise<User> {
    const account = await this.get(id);
    let ownerId: number;
    if (input.ownerId !== undefined) {
      const owner = await this.owners.getOwner(input.ownerId, officer);
      if (!owner) throw new ValidationError(`owner ${input.ownerId} does not exist`, { errors: [{ path: 'ownerId', message: 'no such owner' }] });
      ownerId = owner.id;
    } else {
      // Refuse a decided account before creating an owner for nothing.
      if (account.status !== 'pending') return this.users.approve(id, 0, { officerId: officer.id, at: this.now() });
      const details = { phone: account.phone, address: account.address, email: account.email };
      ownerId = (await this.owners.createOwner({ name: input.newOwnerName, kind: account.partyKind ?? 'person', ...details }, officer)).id;
    }
    return this.decide(officer, id, 'approve', (users, d) => users.approve(id, ownerId, d), input.note);
  }

  async reject(officer: SessionUser, id: number, note: string | undefined): Promise<User> {
    await this.get(id);
    return this.decide(officer, id, 'reject', (users, d) => users.reject(id, d), note);
  }
}

/** What the log keeps of an account: never the password hash. */
function publicFields(user: User): Omit<User, 'passwordHash'> {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}
