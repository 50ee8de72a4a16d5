#!/usr/bin/env bash
# The main job: builds faultline and the bundled targets, then runs the demo scenarios against
# them. Every run writes runs/demo/<scenario>/result.json; the last line names the results.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
BUILD_TYPE=Release scripts/build.sh -DFAULTLINE_BUILD_TESTS=OFF -DFAULTLINE_BUILD_BENCHMARKS=OFF

demo_scenarios=(scenarios/smoke.json)
status=0
for scenario in "${demo_scenarios[@]}"; do
  name=$(basename "$scenario" .json)
  echo "=== faultline run $scenario"
  build/faultline run "$scenario" --out "runs/demo/$name" || status=$?
done
echo
echo "results: $root/runs/demo/*/result.json"
exit "$status"
