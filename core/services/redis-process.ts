import { spawn, type ChildProcess } from 'node:child_process';
import { DependencyError } from '../errors/errors.ts';
import { freePort } from './free-port.ts';

export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a private redis-server on a free loopback port, keeping nothing on disk: the embedded default
 * needs a queue broker but must not depend on (or disturb) a Redis the machine may already run.
 */
export async function startRedisServer(binary = 'redis-server'): Promise<RedisProcess> {
  const port = await freePort();
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
    // Its own process group: a Ctrl-C in the terminal reaches only ipwatch, which then closes its
    // workers and queues before it stops this server, instead of losing Redis under running jobs.
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  // Outside the group it would outlive a crashed parent; 'exit' covers every end but SIGKILL.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  await waitForReady(child, binary);
  let stopped: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      });
      return stopped;
    },
  };
}

function waitForReady(child: ChildProcess, binary: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(`timed out waiting for ${binary} to start`), 15_000);
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new DependencyError(`${message}${output ? `: ${output.trim().split('\n').slice(-3).join(' | ')}` : ''}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => fail(`cannot run ${binary} (${error.message}); install Debian's redis-server or set REDIS_URL`));
    child.once('exit', (code) => fail(`${binary} exited with code ${code}`));
  });
}
