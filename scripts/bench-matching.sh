#!/usr/bin/env bash
# Ranks 100,000 synthetic research-team profiles for one challenge and prints the median time
# (the matching of issue 8; the result goes to BENCHMARKS.md with the machine it ran on).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p search --release --test matching -- --ignored --nocapture bench_rank
