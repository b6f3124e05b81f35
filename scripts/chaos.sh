#!/usr/bin/env bash
# The chaos test of the sample cluster (issue 14) in one command:
#   scripts/chaos.sh [kills=50] [base-port=27000] [extra Maven -D options...]
# Three sample nodes in their own JVMs on 127.0.0.1 (HTTP base..base+2, Raft base+10..base+12), four writers with
# unique keys, kill -9 of the leader every second time and of a follower otherwise, each node restarted from its
# directory; then every acknowledged write is read back on every node, the three on-disk logs are compared, and
# halts and restarts are checked. Prints the summary (also in sample-app/target/chaos/summary.txt); exits non-zero on
# any violation. Bounded: each restart may take 180 s, the whole run kills*240+900 s. Other knobs: -Dchaos.clients=4,
# -Dchaos.interval-ms=4000 (writing time between a node ready and the next kill), -Dchaos.snapshot-seconds=60.
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-50}"
base="${2:-27000}"
shift $(( $# < 2 ? $# : 2 ))
status=0
mvn -B -ntp -Pchaos -pl sample-app -am verify -DskipTests \
  -Dchaos.kills="$kills" -Dchaos.base-port="$base" -Dchaos.timeout-seconds=$(( kills * 240 + 900 )) "$@" || status=$?
if [ -f sample-app/target/chaos/summary.txt ]; then
  cat sample-app/target/chaos/summary.txt
fi
exit "$status"
