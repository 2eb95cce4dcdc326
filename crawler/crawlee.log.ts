import { log as globalLog, Log, Logger as CrawleeLogger, LogLevel } from 'crawlee';
import type { Logger } from '../core/logging/logger.ts';

/** Sends crawlee's own messages to our pino logger (stderr), keeping stdout free for CLI output. */
class PinoBridge extends CrawleeLogger {
  constructor(private readonly target: Logger) {
    super({});
  }

  override _log(level: LogLevel, message: string, data?: Record<string, unknown>, exception?: unknown): void {
    const fields = { ...(data ?? {}), ...(exception ? { err: exception } : {}) };
    if (level <= LogLevel.ERROR) this.target.error(fields, message);
    else if (level === LogLevel.WARNING) this.target.warn(fields, message);
    else this.target.debug(fields, message);
  }
}

export function crawleeLog(logger: Logger): Log {
  // Internals that use crawlee's global log (browser pool, storage) would print INFO to stdout.
  if (globalLog.getLevel() > LogLevel.WARNING) globalLog.setLevel(LogLevel.WARNING);
  return new Log({ level: LogLevel.INFO, prefix: 'crawlee', logger: new PinoBridge(logger.child({ component: 'crawlee' })) });
}
