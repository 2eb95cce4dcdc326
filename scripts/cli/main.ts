import { ConfigError } from '../../core/config/config.ts';
import { AppError } from '../../core/errors/errors.ts';
import { CliError } from './cli-error.ts';
import { usage } from './help.ts';

type Command = (argv: string[]) => Promise<number>;

/** Loaded lazily: `ipwatch findings` should not pay for loading Playwright and sharp. */
const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./start.command.ts')).startCommand,
  serve: async () => (await import('./serve.command.ts')).serveCommand,
  worker: async () => (await import('./worker.command.ts')).workerCommand,
  migrate: async () => (await import('./migrate.command.ts')).migrateCommand,
  findings: async () => (await import('./findings.command.ts')).findingsCommand,
  crawl: async () => (await import('./crawl.command.ts')).crawlCommand,
  match: async () => (await import('./match.command.ts')).matchCommand,
  registry: async () => (await import('./registry.command.ts')).registryCommand,
  packet: async () => (await import('./packet.command.ts')).packetCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`ipwatch: lệnh không rõ / unknown command: ${name} (ipwatch --help)\n`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  try {
    const command = await load();
    return await command(rest);
  } catch (error) {
    process.stderr.write(`ipwatch ${name}: ${describe(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof CliError || error instanceof ConfigError || error instanceof AppError) return error.message;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
