#!/usr/bin/env bash
# Starts a 3-node cluster of the sample on 127.0.0.1: HTTP 8081-8083, Raft 8101-8103, data in ./data/node1..3
# (relative to this directory). Ctrl-C stops all three. Run from anywhere: ./sample-app/run-cluster.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
jar=$(ls target/sample-app-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$jar" ]; then
  (cd .. && mvn -q -pl sample-app -am package -DskipTests)
  jar=$(ls target/sample-app-*.jar | grep -v original | head -1)
fi
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' INT TERM EXIT
for i in 1 2 3; do
  java -jar "$jar" --spring.profiles.active=node$i > "node$i.log" 2>&1 &
  pids+=($!)
  echo "node$i: http://127.0.0.1:808$i (log: sample-app/node$i.log)"
done
echo "Waiting for a leader..."
for _ in $(seq 1 60); do
  for i in 1 2 3; do
    role=$(curl -s "http://127.0.0.1:808$i/cluster" 2>/dev/null | sed -n 's/.*"role":"\([A-Z]*\)".*/\1/p' || true)
    if [ "$role" = "LEADER" ]; then
      echo "node$i is the leader: curl -X PUT http://127.0.0.1:808$i/kv/hello -H 'Content-Type: text/plain' -d world"
      echo "Ctrl-C stops the cluster."
      wait
      exit 0
    fi
  done
  sleep 1
done
echo "no leader after 60 s; see sample-app/node*.log" >&2
exit 1
