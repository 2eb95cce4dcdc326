import { importLimits, RegistryImportService } from '../../../fingerprints/registry/import/import.service.ts';
import { RegistryService } from '../../../fingerprints/registry/registry.service.ts';
import type { ApiDeps } from '../../app.types.ts';
import { clientIpOf } from '../../middleware/client-ip/client-ip.middleware.ts';
import { rateLimit } from '../../middleware/rate-limit/rate-limit.middleware.ts';
import { AccountService, type OwnerDirectory } from '../accounts/account.service.ts';
import { toActor } from './registry.actor.ts';

/** The rights-holder portal and registry services the routes and pages share. */
export function createPortalServices(deps: ApiDeps) {
  const registry = new RegistryService({ db: deps.db, blobs: deps.blobs, config: deps.config, now: deps.now, logger: deps.logger, queues: deps.queues });
  const ownerDirectory: OwnerDirectory = {
    getOwner: (id, actor) => registry.getParty(toActor(actor), id).catch(() => undefined),
    listOwners: async (actor) => (await registry.listParties(toActor(actor), { limit: 500 })).rows,
    createOwner: async ({ name, kind, phone, address, email }, actor) => (await registry.upsertParty(toActor(actor), { name, kind, phone, address, email })).party,
  };
  // One count for the form and the REST route: registrations per client address per hour.
  const registrationLimit = rateLimit({ redis: deps.redis, keyPrefix: `${deps.queues.prefix}:ratelimit:register`, limit: 20, windowSeconds: 3600, key: clientIpOf });
  return { registry, registrationLimit, importer: new RegistryImportService(registry, importLimits(deps.config)), accounts: new AccountService(deps.db, ownerDirectory, deps.now) };
}

export type PortalServices = ReturnType<typeof createPortalServices>;
