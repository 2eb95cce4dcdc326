import { createRoute } from '@hono/zod-openapi';
import type { RouteRegistrar } from '../api.router.ts';
import { cookieSecurity, problemResponses } from '../problem.dto.ts';
import { PublicKeySchema } from './packet.dto.ts';
import { packetService } from './packet.services.ts';

export const PACKET_ALGORITHM = 'ECDSA P-384, SHA-256, IEEE P1363 signatures';

const route = createRoute({
  method: 'get',
  path: '/packets/public-key',
  tags: ['packets'],
  summary: "The Department's packet signing public key (PEM and base64 SPKI) and its fingerprint",
  security: cookieSecurity,
  responses: { 200: { description: 'The public key', content: { 'application/json': { schema: PublicKeySchema } } }, ...problemResponses },
});

export const registerPublicKey: RouteRegistrar = (router, { deps }) => {
  router.openapi(route, async (c) => {
    const keys = await packetService(deps).publicKey();
    return c.json({ algorithm: PACKET_ALGORITHM, publicKeyPem: keys.publicKeyPem, publicKeySpki: keys.publicKeySpki, fingerprint: keys.fingerprint }, 200);
  });
};
