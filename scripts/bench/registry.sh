#!/usr/bin/env bash
# Enterprise registry benchmarks (issue 3) on SQLite, release build.
#
# Steps (run all, or some with STEPS="data list search baselines explain import export"):
#   data       strongcity demo + bench-data --enterprises N (1,000,000): time, peak memory, file size
#   list       a filtered list page and the same sorted by name, through the API, wrk -c32;
#              also the first (cold) request of each, and sequential single-request latencies
#   search     a two-character Chinese search (q=钢铁) through the API, wrk -c32; the first
#              request times the search index rebuild ("rebuilt when absent") at N enterprises
#   baselines  the same search in SQL LIKE and in an SQLite FTS5 trigram table, sqlite3 CLI with
#              .timer on, on a copy of the database (run right after `search`, same machine state)
#   explain    EXPLAIN QUERY PLAN and sqlite3 timings (3 runs) of the list page's statements,
#              and of the same filters written as ranges
#   import     a ~102,000-row, 18-column financials xlsx (exported from a 34,000-enterprise
#              database) imported into a copy with the same enterprises and no financials;
#              then again, unchanged, with --update-existing; calamine alone on the same file
#   export     1,000,000 enterprises to xlsx: time and peak memory (/usr/bin/time -v)
#
# Usage: scripts/bench/registry.sh            (from the repository root, after
#                                             `cargo build --release -p strongcity`)
# Settings, as environment variables (defaults in brackets):
#   BIN [target/release/strongcity]  OUT [/tmp/regbench] (logs and outputs)  DB [/tmp/reg.sqlite]
#   N [1000000]  FIN_N [34000]  DURATION [20s]  CONNECTIONS [32]  THREADS [2]  PORT [18090]
#   PERF [unset] (set to 1 to record a perf profile of the server during each wrk run)
#   TIMEOUT [30s] (wrk's --timeout: a request slower than this is counted as a timeout, not in
#   the latency percentiles; wrk's own default of 2s hides every answer of a slow page)
#
# Not a test: nothing here runs in `cargo test`. The server, wrk and sqlite3 share the machine.
set -euo pipefail

BIN=${BIN:-target/release/strongcity}
OUT=${OUT:-/tmp/regbench}
DB=${DB:-/tmp/reg.sqlite}
N=${N:-1000000}
FIN_N=${FIN_N:-34000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18090}
TIMEOUT=${TIMEOUT:-30s}
STEPS=${STEPS:-data list search baselines explain import export}
USERNAME=admin
PASSWORD='Demo@2026city'

LIST_PATH='/api/v1/enterprises?region=371521&industry=C38&limit=20'
SORTED_PATH='/api/v1/enterprises?region=371521&industry=C38&limit=20&sort=name'
SEARCH_PATH='/api/v1/enterprises?q=%E9%92%A2%E9%93%81&limit=20' # q=钢铁
FILTERED_SEARCH_PATH='/api/v1/enterprises?q=%E9%92%A2%E9%93%81&region=371521&above_size=true&limit=20'

die() { echo "registry.sh: $*" >&2; exit 1; }
for tool in wrk curl sqlite3 /usr/bin/time; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y wrk curl sqlite3 time)"
done
[ -x "$BIN" ] || die "$BIN is missing: run cargo build --release -p strongcity"
mkdir -p "$OUT"
want() { [[ " $STEPS " == *" $1 "* ]]; }
say() { echo "== $*" | tee -a "$OUT/summary.txt" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

export STRONGCITY_SERVER__JOBS_INTERVAL_SECONDS=0
unset DATABASE_URL

# timed LABEL CMD...: runs CMD under /usr/bin/time -v; prints wall time and peak RSS.
timed() {
    local label=$1
    shift
    /usr/bin/time -v "$@" >"$OUT/$label.out" 2>"$OUT/$label.time" \
        || { tail -20 "$OUT/$label.time" >&2; die "$label failed"; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$OUT/$label.time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f MB", $2 / 1024 }' "$OUT/$label.time")
    say "$label: wall $wall, max RSS $rss; $(tail -1 "$OUT/$label.out")"
}

SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
trap stop_server EXIT

start_server() {
    local log=$1
    "$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" >"$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    cat "$log" >&2
    die "the server did not come up"
}

COOKIE=""
login() {
    local jar="$OUT/cookies"
    curl -fsS -c "$jar" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" \
        "http://127.0.0.1:$PORT/api/v1/session" >/dev/null || die "login failed"
    COOKIE=$(awk '$6 == "sc_session" { print $7 }' "$jar")
    [ -n "$COOKIE" ] || die "no sc_session cookie after login"
}

# once LABEL PATH: one request; checks 200; prints its time and the answer's total.
once() {
    local label=$1 path=$2 res
    res=$(curl -s -o "$OUT/$label.json" -w '%{http_code} %{time_total}' \
        -H "Cookie: sc_session=$COOKIE" "http://127.0.0.1:$PORT$path")
    [ "${res%% *}" = 200 ] || { cat "$OUT/$label.json" >&2; die "GET $path answered ${res%% *}"; }
    local total items
    total=$(grep -o '"total":[0-9]*' "$OUT/$label.json" | head -1 | cut -d: -f2)
    items=$(grep -o '"uscc"' "$OUT/$label.json" | wc -l)
    say "$label: one request ${res#* }s, $items items, total ${total:-?}"
}

# sequential LABEL PATH COUNT: COUNT requests one after another; min / median / max seconds.
sequential() {
    local label=$1 path=$2 count=$3
    for _ in $(seq 1 "$count"); do
        curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: sc_session=$COOKIE" \
            "http://127.0.0.1:$PORT$path"
    done | sort -n | awk -v l="$label" '{ a[NR] = $1 } END {
        printf "%s: %d sequential requests, one at a time: min %.1f ms, median %.1f ms, max %.1f ms\n",
            l, NR, a[1] * 1000, a[int((NR + 1) / 2)] * 1000, a[NR] * 1000 }' \
        | tee -a "$OUT/summary.txt" >&2
}

ROWS=()
# measure LABEL PATH [CONNECTIONS]: one wrk run with the session cookie, one table row.
measure() {
    local label=$1 path=$2 conns=${3:-$CONNECTIONS} threads=$THREADS out perf_pid=""
    [ "$conns" -lt "$threads" ] && threads=$conns
    if [ -n "${PERF:-}" ] && command -v perf >/dev/null; then
        perf record -F 499 -g -p "$SERVER_PID" -o "$OUT/perf.$label.data" -- sleep 10 \
            >/dev/null 2>&1 &
        perf_pid=$!
    fi
    local before
    before=$(loadavg)
    out=$(wrk -t"$threads" -c"$conns" -d"$DURATION" --timeout "$TIMEOUT" --latency \
        -H "Cookie: sc_session=$COOKIE" "http://127.0.0.1:$PORT$path")
    echo "$out" >"$OUT/wrk.$label.txt"
    if [ -n "$perf_pid" ]; then
        wait "$perf_pid" || true
        perf report -i "$OUT/perf.$label.data" --no-children --percent-limit 1.5 --stdio \
            -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40 >"$OUT/perf.$label.txt" || true
    fi
    local rps p50 p90 p99 bad errors
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p90=$(awk '$1 == "90%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
    errors=$(awk '/Socket errors:/ { sub(/.*Socket errors: /, ""); print }' <<<"$out")
    ROWS+=("| $label | $conns | \`$path\` | $rps | $p50 | $p90 | $p99 | ${bad:-0} | ${errors:-none} |")
    say "wrk $label: $rps req/s, p50 $p50, p99 $p99, non-2xx ${bad:-0}, errors ${errors:-none} (load before: $before, after: $(loadavg))"
}

say "registry.sh $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo ?), steps: $STEPS"
say "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -h | awk '/^Mem:/ { print $2 " RAM" }'), load $(loadavg)"

if want data; then
    say "data: demo + bench-data --enterprises $N into $DB"
    rm -f "$DB" "$DB-wal" "$DB-shm"
    "$BIN" demo --db "$DB" --force >/dev/null
    timed bench-data "$BIN" bench-data --db "$DB" --enterprises "$N"
    say "data: $(ls -l "$DB"* | awk '{ printf "%s %.0f MB; ", $NF, $5 / 1048576 }')"
    say "data: $(sqlite3 "$DB" 'select count(*) from enterprise') enterprises, $(sqlite3 "$DB" 'select count(*) from financial') financial rows"
fi

if want list || want search; then
    STRONGCITY_LOG=warn start_server "$OUT/serve.log"
    login
    if want list; then
        once list-cold "$LIST_PATH"
        once sorted-cold "$SORTED_PATH"
    fi
    if want search; then
        # serve keeps the index beside the database file; the first text query builds it when
        # it is absent (a new database) and reuses it otherwise.
        once search-first-request "$SEARCH_PATH"
        once search-warm "$SEARCH_PATH"
        once search-filtered "$FILTERED_SEARCH_PATH"
    fi
    if want list; then
        sequential list "$LIST_PATH" 20
        sequential sorted "$SORTED_PATH" 20
        measure list "$LIST_PATH"
        measure sorted "$SORTED_PATH"
    fi
    if want search; then
        sequential search "$SEARCH_PATH" 20
        measure search "$SEARCH_PATH"
        measure search "$SEARCH_PATH" 1
        measure search-filtered "$FILTERED_SEARCH_PATH"
    fi
    say "server peak memory (VmHWM): $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$SERVER_PID/status)"
    stop_server
    {
        echo
        echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT --latency, $("$BIN" --version)"
        echo
        echo "| case | connections | path | requests/s | p50 | p90 | p99 | non-2xx/3xx | socket errors |"
        echo "|---|---:|---|---:|---:|---:|---:|---:|---|"
        printf '%s\n' "${ROWS[@]}"
    } | tee -a "$OUT/summary.txt" >&2
fi

# sql LABEL DATABASE REPEAT SQL: runs SQL REPEAT times in one sqlite3 process with .timer on;
# prints the result of the first run and each run's real time.
sql() {
    local label=$1 db=$2 repeat=$3 query=$4 script
    script=$(printf '.timer on\n'; for _ in $(seq 1 "$repeat"); do printf '%s\n' "$query"; done)
    sqlite3 "$db" <<<"$script" >"$OUT/sql.$label.txt" 2>&1
    local times result
    times=$(awk '/^Run Time:/ { printf "%s%.1f", sep, $4 * 1000; sep = ", " }' "$OUT/sql.$label.txt")
    result=$(grep -v '^Run Time:' "$OUT/sql.$label.txt" | head -1)
    say "sql $label: [$result] real ms per run: $times"
}

LIKE_WHERE="name LIKE '%钢铁%' OR former_names LIKE '%钢铁%' OR main_products LIKE '%钢铁%' OR niche_market LIKE '%钢铁%'"
if want baselines; then
    COPY="$OUT/fts.sqlite"
    rm -f "$COPY"
    sqlite3 "$DB" ".backup '$COPY'"
    start=$(date +%s.%N)
    sqlite3 "$COPY" "CREATE VIRTUAL TABLE t USING fts5(name, products, niche, tokenize='trigram');
        INSERT INTO t(rowid, name, products, niche)
            SELECT rowid, name, main_products, niche_market FROM enterprise;"
    say "baselines: FTS5 trigram table of $N rows built in $(echo "$(date +%s.%N) - $start" | bc) s; copy now $(ls -l "$COPY" | awk '{ printf "%.0f MB", $5 / 1048576 }')"
    sql like-page "$COPY" 5 "SELECT count(*) FROM (SELECT uscc FROM enterprise WHERE $LIKE_WHERE ORDER BY uscc LIMIT 20);"
    sql like-count "$COPY" 5 "SELECT count(*) FROM enterprise WHERE $LIKE_WHERE;"
    sql fts-match-2char "$COPY" 5 "SELECT count(*) FROM t WHERE t MATCH '钢铁';"
    sql fts-match-2char-quoted "$COPY" 5 "SELECT count(*) FROM t WHERE t MATCH '\"钢铁\"';"
    sql fts-like-2char "$COPY" 5 "SELECT count(*) FROM t WHERE name LIKE '%钢铁%' OR products LIKE '%钢铁%' OR niche LIKE '%钢铁%';"
    sql fts-match-3char-count "$COPY" 5 "SELECT count(*) FROM t WHERE t MATCH '特种钢';"
    sql fts-match-3char-page "$COPY" 5 "SELECT count(*) FROM (SELECT rowid FROM t WHERE t MATCH '特种钢' ORDER BY rowid LIMIT 20);"
    sql like-3char-count "$COPY" 5 "SELECT count(*) FROM enterprise WHERE name LIKE '%特种钢%' OR former_names LIKE '%特种钢%' OR main_products LIKE '%特种钢%' OR niche_market LIKE '%特种钢%';"
    rm -f "$COPY"
fi

if want explain; then
    # The server does not log its SQL (sqlx_logging(false) in store/src/db.rs), so these are the
    # statements of store::enterprise::profile::{list,count} written out by hand, with the
    # prefixes as sea-orm's starts_with binds them; then the same filters as ranges.
    W="region_code LIKE '371521%' AND industry_code LIKE 'C38%'"
    R="region_code >= '371521' AND region_code < '371522' AND industry_code >= 'C38' AND industry_code < 'C39'"
    {
        for q in \
            "SELECT * FROM enterprise WHERE $W ORDER BY uscc ASC LIMIT 21" \
            "SELECT COUNT(*) FROM (SELECT * FROM enterprise WHERE $W)" \
            "SELECT * FROM enterprise WHERE $W ORDER BY name ASC, uscc ASC LIMIT 21" \
            "SELECT COUNT(*) FROM enterprise WHERE $R" \
            "SELECT * FROM enterprise WHERE $R ORDER BY uscc ASC LIMIT 21" \
            "SELECT * FROM enterprise WHERE $R ORDER BY name ASC, uscc ASC LIMIT 21"; do
            echo "EXPLAIN QUERY PLAN $q;"
            sqlite3 -readonly "$DB" "EXPLAIN QUERY PLAN $q;"
            printf '.timer on\n.output /dev/null\n%s;\n%s;\n%s;\n' "$q" "$q" "$q" \
                | sqlite3 -readonly "$DB" 2>&1 | awk '/^Run Time/ { printf "  %.0f ms", $4 * 1000 } END { print "" }'
        done
    } >"$OUT/explain.txt" 2>&1
    cat "$OUT/explain.txt" >>"$OUT/summary.txt"
    say "explain: see $OUT/explain.txt"
fi

if want import; then
    SRC="$OUT/fin-src.sqlite"
    DST="$OUT/fin-dst.sqlite"
    rm -f "$SRC"* "$DST"* "$OUT/fin.xlsx"
    "$BIN" demo --db "$SRC" --force >/dev/null
    "$BIN" bench-data --db "$SRC" --enterprises "$FIN_N" >/dev/null
    timed export-financials "$BIN" export financials --db "$SRC" --to "$OUT/fin.xlsx"
    say "import: $OUT/fin.xlsx $(ls -l "$OUT/fin.xlsx" | awk '{ printf "%.1f MB", $5 / 1048576 }')"
    # The target: the same enterprises, no financials, so every row is validated and written.
    sqlite3 "$SRC" ".backup '$DST'"
    sqlite3 "$DST" "DELETE FROM financial; VACUUM;"
    say "import: target database has $(sqlite3 "$DST" 'select count(*) from enterprise') enterprises, $(sqlite3 "$DST" 'select count(*) from financial') financial rows"
    timed import-financials-new "$BIN" import financials "$OUT/fin.xlsx" --db "$DST" --update-existing
    say "import: target now has $(sqlite3 "$DST" 'select count(*) from financial') financial rows, $(sqlite3 "$DST" "select count(*) from audit_log where entity_type = 'financial'") financial audit entries"
    # Again, same file, same database: every row validated, compared, found unchanged.
    timed import-financials-unchanged "$BIN" import financials "$OUT/fin.xlsx" --db "$DST" --update-existing
    if command -v cargo >/dev/null; then
        cargo build -q --release -p app --example calamine_floor
        "${CARGO_TARGET_DIR:-target}/release/examples/calamine_floor" "$OUT/fin.xlsx" 5 \
            | tee -a "$OUT/summary.txt" >&2
    fi
fi

if want export; then
    rm -f "$OUT/all.xlsx"
    timed export-enterprises "$BIN" export enterprises --db "$DB" --to "$OUT/all.xlsx"
    say "export: $OUT/all.xlsx $(ls -l "$OUT/all.xlsx" | awk '{ printf "%.0f MB", $5 / 1048576 }')"
fi

say "done $(date -u '+%H:%M UTC'), load $(loadavg)"
