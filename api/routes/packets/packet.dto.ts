import { z } from '@hono/zod-openapi';

export const packetResponse = {
  description:
    'A signed WACZ 1.1.1 evidence packet (ZIP): datapackage.json, datapackage-digest.json with an anonymous ECDSA P-384 signature, archive/data.warc.gz, indexes/index.cdx, pages/pages.jsonl, screenshots, registry records, a Vietnamese PDF report and custody.jsonl. Check it offline with `ipwatch packet verify`.',
  content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
};

export const PublicKeySchema = z
  .object({
    algorithm: z.string().openapi({ example: 'ECDSA P-384, SHA-256, IEEE P1363 signatures' }),
    publicKeyPem: z.string(),
    publicKeySpki: z.string().openapi({ description: 'SubjectPublicKeyInfo DER, base64: what signedData.publicKey holds in every packet' }),
    fingerprint: z.string().openapi({ description: 'SHA-256 of the SPKI DER, hex' }),
  })
  .openapi('PacketPublicKey');
