import type { RegistryActor } from '../../../fingerprints/registry/registry.types.ts';
import type { SessionUser } from '../../app.types.ts';

/** The registry service checks rights itself; this is who is asking, as it understands it. */
export function toActor(user: SessionUser): RegistryActor {
  return { userId: user.id, role: user.role, ownerId: user.ownerId, label: user.email };
}
