#!/usr/bin/env bash
# Installs the Debian 12 packages faultline needs to build and test, when they are missing.
# Usage: scripts/install-deps.sh [extra-package ...]
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libboost1.81-dev libcli11-dev nlohmann-json3-dev   # Asio/Beast, the CLI, JSON
  libgtest-dev libgmock-dev libbenchmark-dev          # unit tests and benchmarks
  python3-jsonschema                                  # checks scenarios/schema.json against the parser
  golang-go                                           # builds targets/godash
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing missing Debian packages: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
