import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeVerdict, verifyPacket } from '../../api/packets/packet.verify.ts';
import { CliError } from './cli-error.ts';

/**
 * `ipwatch packet export --finding <id> | --case <id> --out <file.zip>` and `ipwatch packet verify
 * <file.zip> [--public-key <pem|spki-file>]` (DESIGN.md §5). Verify needs no database or network (the
 * export path is loaded lazily, so verify never even loads a database driver): exit 0 and `intact`, or
 * exit 1 and one line naming the first file that does not check out, or what is wrong with the archive.
 */
export async function packetCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return exportCommand(rest);
  if (sub === 'verify') return verifyCommand(rest);
  throw new CliError('dùng / use: ipwatch packet export --finding <id>|--case <id> --out <file.zip> | ipwatch packet verify <file.zip>');
}

function args<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

function positiveId(name: string, value: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new CliError(`--${name} phải là một số / must be a positive id: ${value}`);
  return id;
}

async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(() => parseArgs({ args: argv, options: { 'public-key': { type: 'string' } }, allowPositionals: true, strict: true }));
  if (positionals.length !== 1) throw new CliError('dùng / use: ipwatch packet verify <file.zip> [--public-key <file>]');
  const file = positionals[0]!;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new CliError(`${file}: not a file`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let publicKey: string | undefined;
  if (values['public-key'] !== undefined) {
    publicKey = await fs.readFile(values['public-key'], 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`${values['public-key']}: cannot read the public key (${error.code ?? error.message})`);
    });
  }
  const result = await verifyPacket(file, { publicKey });
  if (result.intact) {
    process.stdout.write('intact\n');
    return 0;
  }
  process.stderr.write(`ipwatch packet verify: ${describeVerdict(result)}\n`);
  return 1;
}

/** The operating-system user who ran the export: the custody log and the audit log name them. */
function cliLabel(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (some containers): the label stays generic
  }
  return `cli:${user}@${os.hostname()}`;
}

async function exportCommand(argv: string[]): Promise<number> {
  const { values } = args(() => parseArgs({ args: argv, options: { finding: { type: 'string' }, case: { type: 'string' }, out: { type: 'string' } }, allowPositionals: false, strict: true }));
  if ((values.finding === undefined) === (values.case === undefined)) throw new CliError('cần đúng một trong / give exactly one of --finding <id> or --case <id>');
  if (!values.out) throw new CliError('cần / missing --out <file.zip>');
  const subject = values.finding !== undefined ? { kind: 'finding' as const, id: positiveId('finding', values.finding) } : { kind: 'case' as const, id: positiveId('case', values.case!) };
  const out = path.resolve(values.out);
  await fs.access(path.dirname(out)).catch(() => {
    throw new CliError(`${values.out}: folder does not exist`);
  });

  const [{ loadConfig }, { createLogger }, { openRuntime }, { PacketService }] = await Promise.all([
    import('../../core/config/config.ts'),
    import('../../core/logging/logger.ts'),
    import('./runtime.ts'),
    import('../../api/packets/packet.service.ts'),
  ]);
  const config = loadConfig();
  const runtime = await openRuntime(config, { purpose: 'ipwatch packet export', redis: false, logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) });
  try {
    const service = new PacketService({ config: runtime.config, db: runtime.db, blobs: runtime.blobs, logger: runtime.logger, now: runtime.now });
    const packet = await service.export(subject, { userId: null, label: cliLabel() });
    try {
      // Copy then rename in the target folder: a half-written packet never appears under the name asked for.
      const temp = `${out}.${randomBytes(4).toString('hex')}.part`;
      await fs.copyFile(packet.file, temp);
      await fs.rename(temp, out);
    } finally {
      await packet.cleanup();
    }
    process.stdout.write(`${JSON.stringify({ out, bytes: packet.size, datapackageHash: packet.datapackageHash, created: packet.created, findings: packet.findingIds })}\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}
