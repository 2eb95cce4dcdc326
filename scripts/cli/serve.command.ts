import { createApp } from '../../api/app.ts';
import { serveApp } from '../../api/server.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openRuntime } from './runtime.ts';
import { loadPacketKeys } from '../../api/packets/packet.keys.ts';
import { waitForShutdownSignal } from './shutdown.ts';

/** The api role alone: web UI + REST API, no workers. */
export async function serveCommand(): Promise<number> {
  const config = loadConfig();
  const runtime = await openRuntime(config, { purpose: 'ipwatch serve' });
  await loadPacketKeys(config.dataDir);
  const server = await serveApp(createApp(runtime), { host: config.host, port: config.port });
  process.stdout.write(`ipwatch: ${server.url}\n`);
  await waitForShutdownSignal();
  await server.close();
  await runtime.close();
  return 0;
}
