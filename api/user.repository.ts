import { and, asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors/errors.ts';
import { hashPassword } from './auth/password.service.ts';
import { roles, users, type PartyKind, type User, type UserRole, type UserStatus } from './api.schema.ts';

export interface NewUserInput {
  email: string;
  name: string;
  role: UserRole;
  /** Required for rights holders: the registry owner (fingerprints.owners.id) whose works they see. */
  ownerId?: number | null;
  password: string;
}

/** What a rights holder gives when registering themselves; the account waits for an officer. */
export interface RegistrationInput {
  email: string;
  name: string;
  password: string;
  partyKind: PartyKind;
  organisation?: string | null;
  phone?: string | null;
  address?: string | null;
  claimedOwner: string;
  note?: string | null;
}

export interface Decision {
  officerId: number;
  at: Date;
  note?: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** People who sign in; other stages (the demo seeding, the CLI) create users only through this class. */
export class UserRepository {
  constructor(private readonly db: Database) {}

  /** Idempotent by email: a second call returns the existing user unchanged (its password is kept). */
  async createUser(input: NewUserInput): Promise<User> {
    const email = normalizeEmail(input.email);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ValidationError(`not an email address: ${input.email}`);
    if (!roles.includes(input.role)) throw new ValidationError(`unknown role: ${input.role}`);
    if (input.role === 'rights_holder' && input.ownerId == null) throw new ValidationError('a rights holder needs an ownerId');
    if (input.password.length < 8) throw new ValidationError('password must have at least 8 characters');
    const existing = await this.findByEmail(email);
    if (existing) return existing;
    const passwordHash = await hashPassword(input.password);
    await this.db
      .insert(users)
      .values({ email, name: input.name, role: input.role, ownerId: input.ownerId ?? null, passwordHash })
      .onConflictDoNothing({ target: users.email });
    // Re-read: a concurrent creator may have won the insert, and then its row is the user.
    const row = await this.findByEmail(email);
    if (!row) throw new Error(`user ${email} vanished right after insert`);
    return row;
  }

  /** A self-registered rights holder: pending, no owner yet; a taken email is a conflict. */
  async register(input: RegistrationInput): Promise<User> {
    const email = normalizeEmail(input.email);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ValidationError(`not an email address: ${input.email}`);
    if (input.password.length < 8) throw new ValidationError('password must have at least 8 characters');
    const passwordHash = await hashPassword(input.password);
    const [row] = await this.db
      .insert(users)
      .values({
        email,
        name: input.name,
        role: 'rights_holder',
        ownerId: null,
        passwordHash,
        status: 'pending',
        partyKind: input.partyKind,
        organisation: input.organisation ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
        claimedOwner: input.claimedOwner,
        registrationNote: input.note ?? null,
      })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!row) throw new ConflictError('an account with this email already exists', { code: 'email-taken' });
    return row;
  }

  async listByStatus(status: UserStatus | undefined, limit = 200): Promise<User[]> {
    return this.db
      .select()
      .from(users)
      .where(status ? eq(users.status, status) : undefined)
      .orderBy(status === 'pending' ? asc(users.createdAt) : desc(users.createdAt), asc(users.id))
      .limit(limit);
  }

  /**
   * Pending → active, linked to a registry owner. Compare-and-set on the status, so two officers
   * deciding at once cannot both win.
   */
  async approve(id: number, ownerId: number, decision: Decision): Promise<User> {
    const [row] = await this.db
      .update(users)
      .set({ status: 'active', ownerId, decidedBy: decision.officerId, decidedAt: decision.at, decisionNote: decision.note ?? null })
      .where(and(eq(users.id, id), eq(users.status, 'pending'), eq(users.role, 'rights_holder')))
      .returning();
    return row ?? this.explainUndecidable(id);
  }

  async reject(id: number, decision: Decision): Promise<User> {
    const [row] = await this.db
      .update(users)
      .set({ status: 'rejected', decidedBy: decision.officerId, decidedAt: decision.at, decisionNote: decision.note ?? null })
      .where(and(eq(users.id, id), eq(users.status, 'pending'), eq(users.role, 'rights_holder')))
      .returning();
    return row ?? this.explainUndecidable(id);
  }

  private async explainUndecidable(id: number): Promise<never> {
    const current = await this.get(id);
    if (!current || current.role !== 'rights_holder') throw new NotFoundError(`account ${id} not found`);
    throw new ConflictError(`account ${id} is already ${current.status}`, { code: 'already-decided', status: current.status });
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.email, normalizeEmail(email)));
    return row;
  }

  async get(id: number): Promise<User | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }
}

/** Convenience for seeding scripts that hold only a database. */
export function createUser(db: Database, input: NewUserInput): Promise<User> {
  return new UserRepository(db).createUser(input);
}
