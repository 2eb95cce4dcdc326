import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';

describe('ipwatch CLI contracts', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-cli-'));
    env = { ...process.env, IPWATCH_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' };
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('prints help in Vietnamese, then English', async () => {
    const result = await runCli(['--help'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Cách dùng[\s\S]*Usage/);
    expect(result.stdout).toContain('worker --role crawler|matcher');
  });

  it('refuses an unknown command with exit 1 and one line', async () => {
    const result = await runCli(['frobnicate'], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('findings: empty registry prints nothing and exits 0', async () => {
    const result = await runCli(['findings', '--format', 'jsonl'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('findings: a bad --status is one clear line, exit 1, no stack trace', async () => {
    const result = await runCli(['findings', '--status', 'maybe'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--status must be one of new, confirmed/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad environment variable is named, exit 1', async () => {
    const result = await runCli(['findings'], { ...env, IPWATCH_PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('IPWATCH_PORT');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('worker without shared services explains why it will not start', async () => {
    const result = await runCli(['worker', '--role', 'matcher'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL and REDIS_URL/);
  });
});
