import { parseArgs } from 'node:util';
import { loadConfig } from '../../core/config/config.ts';
import type { Role } from '../../core/queue/job-names.ts';
import { CliError } from './cli-error.ts';
import { openRuntime } from './runtime.ts';
import { waitForShutdownSignal } from './shutdown.ts';
import { startWorkers } from './workers.ts';
import { interruptActiveRuns } from '../../crawler/run.control.ts';

const roles: Role[] = ['crawler', 'matcher', 'notifier'];

/** One role's worker process; a deployment runs as many as the load needs, against one PostgreSQL and Redis. */
export async function workerCommand(argv: string[]): Promise<number> {
  let role: string | undefined;
  try {
    role = parseArgs({ args: argv, options: { role: { type: 'string' } }, strict: true }).values.role;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (!role || !(roles as string[]).includes(role)) throw new CliError(`--role must be one of ${roles.join(', ')}`);
  const config = loadConfig();
  if (!config.databaseUrl || !config.redisUrl) {
    throw new CliError('a worker process shares its database and queues with others: set DATABASE_URL and REDIS_URL');
  }
  const runtime = await openRuntime(config, { purpose: `ipwatch worker --role ${role}` });
  const name = startWorkers(runtime, [role as Role]);
  runtime.logger.info({ role, worker: name }, 'worker started');
  process.stdout.write(`ipwatch worker ${role} ${name} ready\n`);
  await waitForShutdownSignal();
  runtime.logger.info({ role }, 'worker stopping');
  // Crawls in progress end as "interrupted" now, instead of holding the shutdown until they finish.
  interruptActiveRuns();
  await runtime.close();
  return 0;
}
