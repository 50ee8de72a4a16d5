#!/usr/bin/env bash
# The main job: builds faultline and the bundled targets, then runs the demo scenarios against
# them. Every run writes runs/demo/<scenario>/result.json and report.html; the last line is the
# path of the index page that links them all. The failure-class scenarios run against the
# defective builds, so their runs fail (exit 1) on purpose: that is faultline finding the
# defect. The demo itself fails only when a run could not be made (exit 2 or more).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
BUILD_TYPE=Release scripts/build.sh -DFAULTLINE_BUILD_TESTS=OFF -DFAULTLINE_BUILD_BENCHMARKS=OFF

demo_scenarios=(scenarios/smoke.json scenarios/latency-fault.json scenarios/network-reset-peer.json
                scenarios/network-down.json scenarios/crash-restart.json scenarios/data-race.json
                scenarios/thread-leak.json scenarios/memory-limit.json)
status=0
for scenario in "${demo_scenarios[@]}"; do
  name=$(basename "$scenario" .json)
  echo "=== faultline run $scenario"
  code=0
  build/faultline run "$scenario" --out "runs/demo/$name" || code=$?
  if [ "$code" -ge 2 ]; then status=$code; fi
  echo
done
echo
build/faultline report --index runs/demo -o runs/demo/index.html >/dev/null
echo "HTML report: $root/runs/demo/index.html"
exit "$status"
