import fs from 'node:fs/promises';
import type { ApiServices } from '../../api.services.ts';
import type { ApiDeps, SessionUser } from '../../app.types.ts';
import type { PacketSubject } from '../../packets/packet.collect.ts';
import { PacketService } from '../../packets/packet.service.ts';

const cache = new WeakMap<ApiDeps, PacketService>();

/** The packet service of one app, built once from its context. */
export function packetService(deps: ApiDeps): PacketService {
  let service = cache.get(deps);
  if (!service) {
    service = new PacketService(deps);
    cache.set(deps, service);
  }
  return service;
}

/** Exports a packet for a signed-in user and answers it as a download; the temporary folder is removed. */
export async function packetDownload(services: ApiServices, user: SessionUser, subject: PacketSubject): Promise<Response> {
  const packet = await packetService(services.deps).export(subject, { userId: user.id, label: user.email, user }, services.access);
  try {
    const bytes = await fs.readFile(packet.file);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${packet.fileName}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'x-packet-datapackage-hash': packet.datapackageHash,
      },
    });
  } finally {
    await packet.cleanup();
  }
}
