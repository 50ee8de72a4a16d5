#!/usr/bin/env bash
# Builds faultline with AddressSanitizer + UndefinedBehaviorSanitizer and runs every test: unit,
# integration (faultline against the bundled targets) and the report's browser test. One
# sanitized build rather than a plain one plus a sanitized one keeps CI within its time; the
# targets are never sanitized (see CMakeLists.txt), so the scenarios measure what users run.
# Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh chromium   # chromium: the report's browser test

echo "=== build (AddressSanitizer + UndefinedBehaviorSanitizer)"
# -O1 -g1, as AddressSanitizer's authors recommend: compiling Beast's templates with
# instrumentation at -O2 -g took 2.6 times as long here (373 s against 144 s for one file).
# Assertions stay on. The benchmarks are compiled (not run): this is the only build CI makes, so
# an API change that breaks them fails here, for about 13 s of the build's compile time.
BUILD_DIR=$root/build-test scripts/build.sh -DFAULTLINE_SANITIZE=ON -DFAULTLINE_BUILD_BENCHMARKS=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
echo "=== unit, integration and browser tests"
cd build-test
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure --timeout 300 -j 2
