#!/usr/bin/env bash
# Copies the current production build to server/.snap-NAME and web/.snap-NAME, for
# `E2E_BUILD=NAME pnpm test:e2e`: several people (or agents) can build and test in one
# checkout without a rebuild pulling files from under a running server.
set -euo pipefail
name=${1:?usage: scripts/snapshot-build.sh NAME}
cd "$(dirname "$0")/.."
rm -rf "server/.snap-$name" "web/.snap-$name"
cp -r server/dist "server/.snap-$name"
cp -r web/build "web/.snap-$name"
echo "snapshot $name ready: E2E_BUILD=$name"
