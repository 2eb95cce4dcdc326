import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stderr so stdout stays free for the CLI's contracted output (JSON lines, summaries). */
export function createLogger(level: string, name = 'ipwatch'): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination(2));
}
