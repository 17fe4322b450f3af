#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) on the nightly toolchain.
# Usage: fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seconds=${1:-60}
for target in $(cargo +nightly fuzz list); do
    echo "=== $target ($seconds s)"
    corpus=("corpus/$target")
    [[ -d "seeds/$target" ]] && corpus+=("seeds/$target")
    mkdir -p "corpus/$target"
    cargo +nightly fuzz run "$target" "${corpus[@]}" -- -max_total_time="$seconds"
done
