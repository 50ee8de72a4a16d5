#!/usr/bin/env bash
# Builds faultline and runs every test: unit and integration tests (ctest), then the unit tests
# again under AddressSanitizer + UndefinedBehaviorSanitizer. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh chromium   # chromium: the report's browser test

echo "=== build"
BUILD_DIR=$root/build scripts/build.sh -DFAULTLINE_BUILD_BENCHMARKS=ON
echo "=== unit and integration tests"
(cd build && ctest --output-on-failure --timeout 300 -j 2)

# Debug (-O0) compiles fastest, and the unit tests are quick even unoptimised.
echo "=== unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
BUILD_TYPE=Debug BUILD_DIR=$root/build-asan scripts/build.sh -DFAULTLINE_SANITIZE=ON -DFAULTLINE_BUILD_BENCHMARKS=OFF -DFAULTLINE_BUILD_TARGETS=OFF
# Each unit-test binary once, rather than ctest's process per test: under ASan every process
# start costs a fifth of a second, which for ~900 tests is minutes of CI time.
(cd build-asan && for tests in ./unit_*_tests; do
  echo "--- $tests"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 timeout 600 "$tests" --gtest_brief=1
done)
