#!/usr/bin/env bash
# Installs what ipwatch needs on Debian 12, and only what is missing: Debian's redis-server, chromium and
# fonts with Vietnamese glyphs (for evidence screenshots), then the npm packages. `--test` adds what the
# test suite needs on a machine without a PostgreSQL server (the postgresql binaries, for a private one)
# and poppler-utils to read generated PDFs back.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -i 'Noto Sans' >/dev/null; }; then need+=(fonts-noto-core); fi
if [ "${1:-}" = "--test" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  # pdftotext/pdffonts/pdftoppm: tests read back the PDFs ipwatch writes (notices, reports).
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fi

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ipwatch: cần quyền root để cài / needs root to install: ${need[*]}" >&2
    exit 1
  fi
  echo "ipwatch: installing Debian packages: ${need[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# Reinstall npm packages only when they are missing or the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ipwatch: installing npm packages" >&2
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2
fi
