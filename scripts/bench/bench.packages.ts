import { execFileSync } from 'node:child_process';

/**
 * The Debian packages the image benchmarks take their pictures from, installed on demand the way
 * scripts/setup.sh installs its own: only what is missing, with apt-get, as root, saying so first.
 * The independent evaluation's packages (../shared/README.md) are refused here so that they can never
 * slip into our fixtures: its figures must stay independent of what we tuned on.
 */

export const BENCH_PACKAGES = ['openclipart-svg', 'lomiri-wallpapers-16.04', 'lomiri-wallpapers-20.04'] as const;

export const RESERVED_PACKAGES = [
  'python3-skimage',
  'opencv-doc',
  'mate-backgrounds',
  'plasma-workspace-wallpapers',
  'ukui-wallpapers',
  'gnome-backgrounds',
  'desktop-base',
  'papirus-icon-theme',
  'maint-guide-vi',
  'manpages-vi',
] as const;

export class BenchSetupError extends Error {}

export function isInstalled(pkg: string): boolean {
  try {
    const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return status.trim() === 'install ok installed';
  } catch {
    return false;
  }
}

/**
 * Installs whichever of `packages` is missing, or throws a BenchSetupError that says what to run:
 * a benchmark on some other set of pictures would print figures nobody could compare.
 */
export function ensureDebianPackages(packages: readonly string[], log: (line: string) => void): void {
  const reserved = packages.filter((p) => (RESERVED_PACKAGES as readonly string[]).includes(p));
  if (reserved.length) throw new BenchSetupError(`refusing ${reserved.join(', ')}: reserved for the independent evaluation (../shared/README.md)`);
  const missing = packages.filter((p) => !isInstalled(p));
  if (missing.length === 0) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new BenchSetupError(`the image benchmarks need the Debian packages ${missing.join(', ')}: run as root, or first: sudo ${command}`);
  }
  log(`bench: installing Debian packages for the benchmark pictures: apt-get update; ${command}`);
  // `env` sets DEBIAN_FRONTEND for apt alone; apt's own output goes to stderr beside the bench log.
  const run = (args: string[]) => execFileSync('env', ['DEBIAN_FRONTEND=noninteractive', ...args], { stdio: ['ignore', 2, 2] });
  try {
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
  } catch (error) {
    throw new BenchSetupError(`could not install ${missing.join(', ')} (${(error as Error).message.split('\n')[0]}); install them by hand: ${command}`);
  }
  const still = missing.filter((p) => !isInstalled(p));
  if (still.length) throw new BenchSetupError(`${still.join(', ')} still not installed after apt-get; install by hand: ${command}`);
}
