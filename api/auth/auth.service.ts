import { UnauthorizedError } from '../../core/errors/errors.ts';
import type { User } from '../api.schema.ts';
import type { SessionRepository } from '../session.repository.ts';
import type { UserRepository } from '../user.repository.ts';
import { burnPasswordCheck, verifyPassword } from './password.service.ts';

export interface LoginResult {
  user: User;
  token: string;
  expiresAt: Date;
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
    const { token, expiresAt } = await this.sessions.create(user.id, this.now());
    return { user, token, expiresAt };
  }

  logout(token: string): Promise<void> {
    return this.sessions.delete(token);
  }
}
