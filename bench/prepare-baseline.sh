#!/usr/bin/env bash
# Builds another commit of this repository for `npm run bench -- --baseline=DIR`, so a change's
# before and after are measured in the same run (this shared machine's figures move between runs).
#   bench/prepare-baseline.sh REF [DIR]     (default DIR: $TMPDIR/toolbridge-baseline-<REF>)
# DIR is a git worktree at REF. Its node_modules is a copy of this checkout's (the workspace links in
# it are relative, so they point at DIR's own packages), then `tsc -b` builds it. Remove it with
# `git worktree remove --force DIR`.
set -euo pipefail
ref=${1:?usage: bench/prepare-baseline.sh REF [DIR]}
root=$(git rev-parse --show-toplevel)
dir=${2:-${TMPDIR:-/tmp}/toolbridge-baseline-$(echo "$ref" | tr '/~^' '___')}
if [ ! -d "$root/node_modules" ]; then
  echo "run npm install in $root first" >&2
  exit 1
fi
if [ -e "$dir" ]; then
  echo "$dir exists: remove it first (git worktree remove --force $dir)" >&2
  exit 1
fi
git -C "$root" worktree add --detach "$dir" "$ref" >/dev/null
cp -a "$root/node_modules" "$dir/"
for modules in "$root"/packages/*/node_modules; do
  [ -d "$modules" ] || continue
  package=$(basename "$(dirname "$modules")")
  [ -d "$dir/packages/$package" ] && cp -a "$modules" "$dir/packages/$package/"
done
(cd "$dir" && npx tsc -b)
echo "$dir"
