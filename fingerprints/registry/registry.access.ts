import { ForbiddenError, NotFoundError } from '../../core/errors/errors.ts';
import type { RegistryActor } from './registry.types.ts';

/**
 * Who may do what in the registry. Anything outside a rights holder's scope is "not found", never
 * "forbidden", so nobody learns that another holder's record exists; a role that may not write at all
 * (inspectors, unlinked accounts) gets "forbidden".
 */
export function assertCanWrite(actor: RegistryActor): void {
  if (actor.role === 'inspector') throw new ForbiddenError('inspectors have read-only access to the registry', { role: actor.role, vi: 'Thanh tra chỉ được xem sổ đăng ký, không được sửa.' });
  if (actor.role === 'rights_holder' && actor.ownerId == null) {
    throw new ForbiddenError('this account is not linked to a rights holder yet (an officer approves it)', { vi: 'Tài khoản chưa được gắn với chủ sở hữu quyền (chờ cán bộ phê duyệt).' });
  }
}

export function assertOfficer(actor: RegistryActor, what: string): void {
  if (actor.role !== 'officer') throw new ForbiddenError(`only officers may ${what}`, { vi: 'Chỉ cán bộ Sở được thực hiện thao tác này.' });
}

/** Rights holders see records whose owners include theirs; everyone else sees all. */
export function canSee(actor: RegistryActor, ownerIds: readonly number[]): boolean {
  if (actor.role !== 'rights_holder') return true;
  return actor.ownerId != null && ownerIds.includes(actor.ownerId);
}

export function assertSees(actor: RegistryActor, ownerIds: readonly number[], what: string): void {
  if (!canSee(actor, ownerIds)) throw new NotFoundError(`${what} not found`);
}

/** The owner filter a listing must apply for this actor; undefined = no restriction. */
export function ownerScope(actor: RegistryActor): number | undefined {
  if (actor.role !== 'rights_holder') return undefined;
  return actor.ownerId ?? -1;
}

export function actorLabel(actor: RegistryActor): string {
  return actor.label ?? (actor.userId != null ? `user:${actor.userId}` : actor.role);
}
