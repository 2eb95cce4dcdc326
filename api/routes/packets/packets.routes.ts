import type { RouteRegistrar } from '../api.router.ts';
import { registerCasePacket } from './case-packet.route.ts';
import { registerFindingPacket } from './finding-packet.route.ts';
import { registerPublicKey } from './public-key.route.ts';

/** Evidence packets under /api/v1 (issue 9): downloads for a finding or a case, and the signing key. */
export const registerPacketRoutes: RouteRegistrar = (router, services) => {
  registerFindingPacket(router, services);
  registerCasePacket(router, services);
  registerPublicKey(router, services);
};
