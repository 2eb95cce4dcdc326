import { eq } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { ValidationError } from '../core/errors/errors.ts';
import { hashPassword } from './auth/password.service.ts';
import { roles, users, type User, type UserRole } from './api.schema.ts';

export interface NewUserInput {
  email: string;
  name: string;
  role: UserRole;
  /** Required for rights holders: the registry owner (fingerprints.owners.id) whose works they see. */
  ownerId?: number | null;
  password: string;
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
