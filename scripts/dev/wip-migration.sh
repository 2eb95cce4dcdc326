#!/usr/bin/env bash
# Development helper: regenerates ONE uncommitted migration ("wip") from every stage's current schema,
# on top of the committed migrations, so that several people changing schemas at once never produce
# clashing migration numbers. Run it after editing any *.schema.ts; tests build fresh databases, so
# rewriting an uncommitted migration is safe. Before committing, the lead renames the wip migration.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec 9>/tmp/ipwatch-wip-migration.lock
flock 9
dir=core/database/migrations
git ls-files --others --exclude-standard -- "$dir" | xargs -r rm -f
git checkout -- "$dir/meta/_journal.json"
timeout 180 npx drizzle-kit generate --name wip < /dev/null
