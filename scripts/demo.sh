#!/usr/bin/env bash
# The main job: builds faultline and the bundled targets, then runs the demo scenarios against
# them. Every run writes runs/demo/<scenario>/result.json and report.html; the last line is the
# path of the index page that links them all. The failure-class scenarios run against the
# defective builds, so their runs fail (exit 1) on purpose: that is faultline finding the
# defect, as is the slowed build judged against its baseline at the end. The demo itself fails
# only when a run could not be made (exit 2 or more).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
BUILD_TYPE=Release scripts/build.sh -DFAULTLINE_BUILD_TESTS=OFF -DFAULTLINE_BUILD_BENCHMARKS=OFF

demo_scenarios=(scenarios/smoke.json scenarios/latency-fault.json scenarios/network-reset-peer.json
                scenarios/network-down.json scenarios/crash-restart.json scenarios/data-race.json
                scenarios/thread-leak.json scenarios/memory-limit.json scenarios/connection-storm.json
                scenarios/reconnect-storm.json)
status=0
for scenario in "${demo_scenarios[@]}"; do
  name=$(basename "$scenario" .json)
  echo "=== faultline run $scenario"
  code=0
  build/faultline run "$scenario" --out "runs/demo/$name" || code=$?
  if [ "$code" -ge 2 ]; then status=$code; fi
  echo
done
# The CI gate: a baseline from the fixed kvstore, then the same scenario against a build made
# 20 ms slower per response, judged against it (exit 1: the regression is found).
gate=scenarios/regression-gate.json
echo "=== faultline run $gate, saved as a baseline"
code=0
KVSTORE_DELAY=0 build/faultline run "$gate" --out runs/demo/regression-gate-baseline || code=$?
if [ "$code" -ge 2 ]; then status=$code; fi
build/faultline baseline save runs/demo/regression-gate-baseline/result.json \
  --to runs/demo/regression-gate.baseline.json || status=$?
echo "=== faultline run $gate --baseline (kvstore --delay 20ms)"
code=0
KVSTORE_DELAY=20ms build/faultline run "$gate" --out runs/demo/regression-gate \
  --baseline runs/demo/regression-gate.baseline.json --summary-md runs/demo/regression-gate/summary.md || code=$?
if [ "$code" -ge 2 ]; then status=$code; fi
echo
build/faultline report --index runs/demo -o runs/demo/index.html >/dev/null
echo "HTML report: $root/runs/demo/index.html"
exit "$status"
