#!/usr/bin/env bash
# Refreshes the instance data from AWS's published files (README, "Refreshing the instance data"):
#   1. rebuilds data/*.csv (and data/sources.csv, data/carried-over.csv, DATASET_VERSION) with the
#      refresh-data binary (src/refresh/), which prints a field-by-field report and writes it to
#      target/refresh-data-report.md; nothing is written when an input fails to parse;
#   2. regenerates src/calc/catalog/table.rs exactly as `UPDATE_CATALOG=1 cargo test --test
#      catalog_table` does.
#
# Usage: scripts/refresh-data.sh [options] SOURCE...
#   SOURCE: a folder holding the upstream files (vpclimits.go or zz_generated.vpclimits.go or
#           limits.go, instance-types.md, and optionally container-instance-eni.md), the files
#           themselves, or their URLs (raw.githubusercontent.com/OWNER/REPO/COMMIT/PATH URLs also
#           give the repository, path and commit).
#   options: --commit KEY=SHA --date KEY=YYYY-MM-DD --repo KEY=OWNER/NAME --path KEY=PATH
#            (KEY: limits, sizes, ecs; needed for a file that is not the one data/sources.csv
#            records), --dry-run (report only), --report FILE.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

args=()
fetched=$(mktemp -d)
trap 'rm -rf "$fetched"' EXIT
dry_run=0
while (($#)); do
  case "$1" in
    --commit | --date | --repo | --path | --report)
      (($# >= 2)) || { echo "$1 needs a value" >&2; exit 2; }
      args+=("$1" "$2"); shift 2 ;;
    --dry-run) dry_run=1; args+=("$1"); shift ;;
    http://* | https://*)
      url=$1; shift
      name=${url##*/}; name=${name%%\?*}
      case "$name" in
        *.go) key=limits ;;
        instance-types.md) key=sizes ;;
        container-instance-eni.md) key=ecs ;;
        *) echo "$url: not an upstream file this refresh knows" >&2; exit 2 ;;
      esac
      echo "fetching $url" >&2
      curl -fsSL --retry 2 -o "$fetched/$name" "$url"
      # https://raw.githubusercontent.com/OWNER/REPO/COMMIT/PATH names its own source.
      if [[ $url =~ ^https://raw\.githubusercontent\.com/([^/]+/[^/]+)/([0-9a-f]{40})/(.+)$ ]]; then
        args+=(--repo "$key=${BASH_REMATCH[1]}" --commit "$key=${BASH_REMATCH[2]}" --path "$key=${BASH_REMATCH[3]}")
      fi
      args+=("$fetched/$name") ;;
    *) args+=("$1"); shift ;;
  esac
done

# Paths are read relative to the caller's directory; --root points the binary at the project.
cargo run --locked --quiet --manifest-path "$root/Cargo.toml" --bin refresh-data -- \
  --root "$root" "${args[@]}"

((dry_run)) && exit 0
cd "$root"
table=src/calc/catalog/table.rs
before=$(cksum < "$table")
if ! out=$(UPDATE_CATALOG=1 cargo test --locked --quiet --test catalog_table table_is_fresh 2>&1); then
  echo "$out" >&2
  echo "the catalogue generator stopped (data/ is updated, $table is not): if it says" \
    "\"add a Note and a policy\", see data/README.md, \"How to refresh the data\"" >&2
  exit 1
fi
if [[ $(cksum < "$table") == "$before" ]]; then
  echo "$table: no change"
else
  echo "$table: regenerated"
fi
