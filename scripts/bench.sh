#!/usr/bin/env bash
# Runs the timevault-raft benchmarks and prints one line per figure:
#   RATIO <name> <value> <raw numbers...> target<op><x> met|MISSED
# plus RAW lines (the measurements), HEAP_MB, NOTE and SKIP lines. See docs/benchmarks.md.
#
#   scripts/bench.sh [--quick] [--only append,heap,open,read,purge,catchup,cluster,groups] [--chart FILE.png] [--no-build]
#
# --quick finishes in under 3 minutes on 2 cores (smaller big log: 256 MiB instead of 1 GiB).
# Builds what it needs (no install), writes its logs under timevault-bench/target/bench-data and deletes them.
set -euo pipefail
cd "$(dirname "$0")/.."

chart=timevault-bench/target/bench-append.png
build=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --chart) chart="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --quick) args+=("$1"); shift ;;
    --only) args+=("$1" "$2"); shift 2 ;;
    *) echo "usage: scripts/bench.sh [--quick] [--only figures] [--chart FILE.png] [--no-build]" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "NOTE building: mvn -q -Ptimevault-bench -pl timevault-bench -am package -DskipTests"
  mvn -q -Ptimevault-bench -pl timevault-bench -am package -DskipTests
fi

data=timevault-bench/target/bench-data
out=timevault-bench/target/bench-output.txt
cleanup() { rm -rf "$data"; }
trap cleanup EXIT

echo "NOTE machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/ {print $2 "GiB"}') disk=\"$(df -h . | awk 'NR==2 {print $1, $2 " size,", $4 " free"}')\""
echo "NOTE jdk: $(java -version 2>&1 | head -1)"

cp="timevault-bench/target/timevault-bench-0.1.0-SNAPSHOT.jar:timevault-bench/target/lib/*"
# jraft and bolt log connection noise at WARN while nodes start and stop; timevault's own warnings (slow fsync) stay.
set +e
# BENCH_PORTS=FROM-TO keeps the jraft figures' servers in a port range (default: ephemeral ports).
java -Xmx1g -Dtimevault.bench.ports="${BENCH_PORTS:-}" -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dorg.slf4j.simpleLogger.log.io.timevault=warn -cp "$cp" \
  io.timevault.bench.BenchMain --dir "$data" "${args[@]}" | tee "$out"
status=${PIPESTATUS[0]}
set -e

java -Djava.awt.headless=true -cp "$cp" io.timevault.bench.AppendChart "$out" "$chart" || status=1
exit "$status"
