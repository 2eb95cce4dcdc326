import { loadConfig } from '../../core/config/config.ts';
import { openRuntime } from './runtime.ts';

/** Migrations also run at every start; this is for deployments that apply them as a separate step. */
export async function migrateCommand(): Promise<number> {
  const config = loadConfig();
  const runtime = await openRuntime(config, { purpose: 'ipwatch migrate', redis: false });
  try {
    process.stdout.write(`migrations applied: ${runtime.database.where}\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}
