#!/usr/bin/env bash
# Interop check of this project's engine against the real timevault-rs crate (see interop/README.md).
#
#   scripts/interop.sh        from anywhere; exit status = that of the harness (0 pass, 1 a check failed, 2 set-up)
#
# The harness lives beside the project, read-only, in ../shared/interop. This script copies it to a temporary
# directory, applies the project's additions from interop/ (overlay/ copied over it, scenarios.txt and
# known-diffs.txt appended to its own) and runs that copy against this checkout. Environment passed through:
# ONLY, STRICT, VERBOSE, RUN_CRATE_TESTS, INTEROP_MVN_ARGS, INTEROP_WORK_DIR (default: target/interop-work
# of this checkout, so two checkouts never share one), INTEROP_SHARED (default: ../shared/interop).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${INTEROP_SHARED:-$ROOT/../shared/interop}
EXTRA=$ROOT/interop
[ -x "$SHARED/run.sh" ] || { echo "interop: ERROR: no harness at $SHARED (expected ../shared/interop beside the project; set INTEROP_SHARED)" >&2; exit 2; }

COPY=$(mktemp -d "${TMPDIR:-/tmp}/timevault-interop-harness.XXXXXX")
trap 'rm -rf "$COPY"' EXIT
# timestamps kept: the harness copies its Rust sources again and cargo rebuilds only what changed
cp -R --preserve=timestamps "$SHARED/." "$COPY/"
chmod -R u+rwX "$COPY"
if [ -d "$EXTRA/overlay" ]; then
  cp -R --preserve=timestamps "$EXTRA/overlay/." "$COPY/"
fi
for f in scenarios.txt known-diffs.txt; do
  if [ -f "$EXTRA/$f" ]; then
    { echo; echo "# ---- appended from the project's interop/$f ----"; cat "$EXTRA/$f"; } >> "$COPY/$f"
  fi
done

export INTEROP_WORK_DIR=${INTEROP_WORK_DIR:-$ROOT/target/interop-work}
set +e
"$COPY/run.sh" "$ROOT"
status=$?
set -e
exit "$status"
