import type { SourceRepository } from './source.repository.ts';

export type StopReason = 'cancelled' | 'interrupted';

/** One crawl in progress in this process: its abort signal and why it was stopped, if it was. */
export class RunHandle {
  private readonly controller = new AbortController();
  reason: StopReason | undefined;
  timer: NodeJS.Timeout | undefined;

  constructor(readonly runId: number) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller.abort(new Error(`run ${this.runId} ${reason}`));
  }
}

/** Crawls running in this process: a graceful shutdown interrupts them so none is left "running". */
const active = new Set<RunHandle>();

/** Stops every crawl of this process as "interrupted" (Ctrl-C, SIGTERM); returns how many. */
export function interruptActiveRuns(): number {
  for (const handle of active) handle.stop('interrupted');
  return active.size;
}

export function activeRunCount(): number {
  return active.size;
}

/** Heartbeat every few seconds; the same write reads the officer's cancel request from the database. */
export const HEARTBEAT_MS = 2_000;
/** A run whose heartbeat is older than this belongs to a dead process. */
export const STALE_AFTER_MS = 60_000;

/**
 * Run control through the database rather than Redis pub/sub: the API and the crawler may be different
 * processes on different machines, and a flag in the run row survives either restarting.
 */
export class RunControl {
  constructor(
    private readonly sources: SourceRepository,
    private readonly now: () => Date,
    private readonly heartbeatMs = HEARTBEAT_MS,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  begin(runId: number, outer?: AbortSignal): RunHandle {
    const handle = new RunHandle(runId);
    active.add(handle);
    if (outer?.aborted) handle.stop('interrupted');
    outer?.addEventListener('abort', () => handle.stop('interrupted'), { once: true });
    const beat = async () => {
      try {
        const { cancelRequested } = await this.sources.heartbeat(runId, this.now());
        if (cancelRequested) handle.stop('cancelled');
      } catch (error) {
        this.onError(error);
      }
    };
    handle.timer = setInterval(() => void beat(), this.heartbeatMs);
    handle.timer.unref();
    return handle;
  }

  end(handle: RunHandle): void {
    clearInterval(handle.timer);
    active.delete(handle);
  }
}
