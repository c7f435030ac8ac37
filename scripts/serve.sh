#!/usr/bin/env bash
# Installs what is missing, builds, and serves the app with live reload on http://127.0.0.1:8080
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/setup.sh
echo "awsvpc planner: http://127.0.0.1:8080/ (Ctrl-C stops)"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
