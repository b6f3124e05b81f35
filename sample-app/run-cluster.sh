#!/usr/bin/env bash
# A 3-node cluster of the sample on 127.0.0.1: HTTP 8081-8083, Raft 8101-8103, data in ./data/node1..3 and logs in
# ./node1..3.log (relative to this directory). Run from anywhere:
#   ./sample-app/run-cluster.sh                     start the three nodes; Ctrl-C stops them all
#   ./sample-app/run-cluster.sh restart 2           (from another terminal) stop node2 cleanly, start it again from
#                                                   its directory, and wait until it is ready (serves reads)
#   ./sample-app/run-cluster.sh restart 2 --kill    the same with kill -9 instead of a clean stop
# HTTP_BASE=27080 RAFT_BASE=27100 move the ports (node i: HTTP_BASE+i, RAFT_BASE+i); give both to every command.
set -euo pipefail
http_base="${HTTP_BASE:-8080}"
raft_base="${RAFT_BASE:-8100}"
members="127.0.0.1:$((raft_base + 1)),127.0.0.1:$((raft_base + 2)),127.0.0.1:$((raft_base + 3))"
urls="http://127.0.0.1:$((http_base + 1)),http://127.0.0.1:$((http_base + 2)),http://127.0.0.1:$((http_base + 3))"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
mkdir -p data

jar() {
  local found
  found=$(ls target/sample-app-*.jar 2>/dev/null | grep -v original | head -1 || true)
  if [ -z "$found" ]; then
    (cd .. && mvn -q -pl sample-app -am package -DskipTests)
    found=$(ls target/sample-app-*.jar | grep -v original | head -1)
  fi
  echo "$found"
}

start_node() { # start_node <i>: in the background, detached; its pid in data/node<i>.pid
  nohup java -jar "$(jar)" --spring.profiles.active="node$1" --server.port=$((http_base + $1)) \
    --sample.raft.address=127.0.0.1:$((raft_base + $1)) --sample.raft.members="$members" \
    --sample.raft.member-urls="$urls" >> "node$1.log" 2>&1 &
  echo $! > "data/node$1.pid"
}

stop_node() { # stop_node <i> <signal>
  local pid
  pid=$(cat "data/node$1.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "-$2" "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
}

await_ready() { # await_ready <i> <seconds>: until /actuator/health/readiness answers 200
  local deadline=$((SECONDS + $2))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((http_base + $1))/actuator/health/readiness")" = 200 ]; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

if [ "${1:-}" = restart ]; then
  i="${2:?usage: run-cluster.sh restart <1|2|3> [--kill]}"
  case "$i" in 1|2|3) ;; *) echo "no node $i: 1, 2 or 3" >&2; exit 2 ;; esac
  signal=TERM
  [ "${3:-}" = --kill ] && signal=KILL
  stop_node "$i" "$signal"
  started=$SECONDS
  start_node "$i"
  if await_ready "$i" 180; then
    echo "node$i is ready again after $((SECONDS - started)) s (http://127.0.0.1:$((http_base + i)), log: sample-app/node$i.log)"
    exit 0
  fi
  echo "node$i is not ready after 180 s; see sample-app/node$i.log" >&2
  exit 1
fi

stop_all() { for i in 1 2 3; do stop_node "$i" TERM; done; }
trap 'trap - EXIT; stop_all; exit 130' INT TERM
trap stop_all EXIT
jar > /dev/null
for i in 1 2 3; do
  start_node "$i"
  echo "node$i: http://127.0.0.1:$((http_base + i)) (log: sample-app/node$i.log)"
done
echo "Waiting for a leader..."
for _ in $(seq 1 120); do
  for i in 1 2 3; do
    role=$(curl -s "http://127.0.0.1:$((http_base + i))/cluster" 2>/dev/null | sed -n 's/.*"role":"\([A-Z]*\)".*/\1/p' || true)
    if [ "$role" = "LEADER" ]; then
      echo "node$i is the leader: curl -X PUT http://127.0.0.1:$((http_base + i))/kv/hello -H 'Content-Type: text/plain' -d world"
      echo "Restart one node from another terminal: ./sample-app/run-cluster.sh restart <1|2|3> [--kill]"
      echo "Ctrl-C stops the cluster."
      # wait (not a foreground sleep) so that a TERM runs the trap at once
      while true; do sleep 3600 & wait $!; done
    fi
  done
  sleep 1
done
echo "no leader after 120 s; see sample-app/node*.log" >&2
exit 1
