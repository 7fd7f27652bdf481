#!/usr/bin/env bash
# Statistics benchmark (issue 7): the county × group × month dashboard for a year with growth,
# over N above-size enterprises × M months of output figures (default 50,000 × 60 = 3,000,000
# rows), on SQLite (and PostgreSQL when PG_URL is set), release build.
#
# For each database it runs
#   strongcity demo ...                                  (regions, roles, the shipped cards)
#   strongcity bench-stats --enterprises N --months M    (generate, then measure)
# which prints: the cold query (the in-memory aggregate read from the database, then the
# table), the median of warm queries through the aggregate, the median of the same table as
# one hand-written SQL statement (app::stats::bench / store::stats::bench::dashboard_sql) in
# the same run, their ratio, and whether both gave the same sums. Then it serves the database
# and times GET /api/v1/stats/grid (the API's form of the same table) with curl, warm.
#
# Usage: scripts/bench/stats.sh        (from the repository root, after
#                                       `cargo build --release -p strongcity`)
# Settings (defaults in brackets): BIN [target/release/strongcity] OUT [/tmp/statsbench]
#   N [50000] M [60] LAST_YEAR [2025] RUNS [50] SQL_RUNS [5] PORT [18095]
#   PG_URL [unset] e.g. postgres://postgres@127.0.0.1:5432/statsbench (created, then dropped)
# Not a test: nothing here runs in `cargo test`.
set -euo pipefail

BIN=${BIN:-target/release/strongcity}
OUT=${OUT:-/tmp/statsbench}
N=${N:-50000}
M=${M:-60}
LAST_YEAR=${LAST_YEAR:-2025}
RUNS=${RUNS:-50}
SQL_RUNS=${SQL_RUNS:-5}
PORT=${PORT:-18095}
mkdir -p "$OUT"

echo "# $(date -u +%FT%TZ) $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD)" | tee "$OUT/summary.txt"

run() { # name, db args...
  local name=$1; shift
  echo "## $name" | tee -a "$OUT/summary.txt"
  "$BIN" demo "$@" --force > "$OUT/$name-demo.log"
  /usr/bin/time -v "$BIN" bench-stats "$@" --enterprises "$N" --months "$M" --last-year "$LAST_YEAR" \
    --runs "$RUNS" --sql-runs "$SQL_RUNS" 2> "$OUT/$name-time.log" | tee -a "$OUT/summary.txt"
  grep -E "Maximum resident|Elapsed" "$OUT/$name-time.log" | tee -a "$OUT/summary.txt"
  # The same table through the API, warm (the first request builds the aggregate).
  STRONGCITY_SERVER__JOBS_INTERVAL_SECONDS=0 STRONGCITY_LOG=warn "$BIN" serve "$@" --listen "127.0.0.1:$PORT" &
  local pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.2; done
  curl -fs -c "$OUT/jar" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"Demo@2026city"}' "http://127.0.0.1:$PORT/api/v1/session" > /dev/null
  local url="http://127.0.0.1:$PORT/api/v1/stats/grid?region=371500&year=$LAST_YEAR&group_set=city_clusters"
  curl -fs -b "$OUT/jar" -o /dev/null -w "api cold: %{time_total}s\n" "$url" | tee -a "$OUT/summary.txt"
  for _ in $(seq 1 20); do curl -fs -b "$OUT/jar" -o /dev/null -w "%{time_total}\n" "$url"; done \
    | sort -n | awk '{a[NR]=$1} END {printf "api warm, 20 requests: median %.1f ms, max %.1f ms\n", a[int(NR/2)+1]*1000, a[NR]*1000}' \
    | tee -a "$OUT/summary.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

run sqlite --db "$OUT/stats.sqlite"
if [ -n "${PG_URL:-}" ]; then
  base=${PG_URL%/*}; name=${PG_URL##*/}
  psql "$base/postgres" -c "drop database if exists $name" -c "create database $name" > /dev/null
  run postgres --database-url "$PG_URL"
  psql "$base/postgres" -c "drop database if exists $name" > /dev/null
fi
echo "summary in $OUT/summary.txt"
