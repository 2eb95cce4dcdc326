import { describe, expect, it } from 'vitest';
import { BENCH_PACKAGES, BenchSetupError, ensureDebianPackages, isInstalled, RESERVED_PACKAGES } from './bench.packages.ts';

describe('benchmark picture packages', () => {
  it('never include a package reserved for the independent evaluation', () => {
    for (const p of BENCH_PACKAGES) expect(RESERVED_PACKAGES as readonly string[]).not.toContain(p);
  });

  it('refuses a reserved package before touching apt', () => {
    const log: string[] = [];
    expect(() => ensureDebianPackages(['gnome-backgrounds'], (l) => log.push(l))).toThrow(BenchSetupError);
    expect(log).toEqual([]);
  });

  it('does nothing when every package is installed', () => {
    const log: string[] = [];
    ensureDebianPackages(['dpkg'], (l) => log.push(l));
    expect(log).toEqual([]);
    expect(isInstalled('dpkg')).toBe(true);
    expect(isInstalled('ipwatch-no-such-package')).toBe(false);
  });
});
