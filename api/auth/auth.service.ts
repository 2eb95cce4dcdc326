import { ForbiddenError, UnauthorizedError } from '../../core/errors/errors.ts';
import type { User, UserStatus } from '../api.schema.ts';
import type { SessionRepository } from '../session.repository.ts';
import type { UserRepository } from '../user.repository.ts';
import { burnPasswordCheck, verifyPassword } from './password.service.ts';

export interface LoginResult {
  user: User;
  token: string;
  expiresAt: Date;
}

/** The password was right but the account may not sign in (yet): the form says why. */
export class AccountNotActiveError extends ForbiddenError {
  constructor(readonly accountStatus: Exclude<UserStatus, 'active'>) {
    super(`this account is ${accountStatus}`, { accountStatus });
  }
}

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly now: () => Date,
  ) {}

  /** One error for a wrong email and a wrong password: the form must not reveal who has an account. */
  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.users.findByEmail(email);
    if (!user) {
      await burnPasswordCheck(password);
      throw new UnauthorizedError('wrong email or password');
    }
    if (!(await verifyPassword(user.passwordHash, password))) throw new UnauthorizedError('wrong email or password');
    // Only after the password: telling a stranger that an address waits for approval would leak it.
    if (user.status !== 'active') throw new AccountNotActiveError(user.status);
    const { token, expiresAt } = await this.sessions.create(user.id, this.now());
    return { user, token, expiresAt };
  }

  logout(token: string): Promise<void> {
    return this.sessions.delete(token);
  }
}
