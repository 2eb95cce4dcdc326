import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs to stderr by default, so stdout stays free for the CLI's contracted output (JSON lines,
 * summaries); `ipwatch start` sends them to a file instead and keeps the terminal for progress.
 */
export function createLogger(level: string, options: { name?: string; file?: string } = {}): Logger {
  const destination = options.file ? pino.destination({ dest: options.file, mkdir: true, sync: false }) : pino.destination(2);
  return pino({ name: options.name ?? 'ipwatch', level, base: { pid: process.pid } }, destination);
}
