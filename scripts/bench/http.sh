#!/usr/bin/env bash
# HTTP load benchmark of the release build with wrk, on SQLite and on PostgreSQL.
#
# For each database it creates a fresh demo database, starts `strongcity serve` on a loopback
# port, signs in as the demo city administrator through the API, checks that the measured
# pages answer 200 with that session, then runs wrk against:
#   /healthz                 liveness: no session, no database (the baseline)
#   /                        the login-protected home page (HTML)
#   /api/v1/users?limit=20   an API read (JSON, first page of users)
# and prints one Markdown table with requests/second and latency percentiles.
#
# Usage: scripts/bench/http.sh            (from the repository root, after
#                                          `cargo build --release -p strongcity`)
# Settings, as environment variables (defaults in brackets):
#   BIN [target/release/strongcity]  DURATION [20s]  CONNECTIONS [64]  THREADS [2]
#   SQLITE_DB [/tmp/bench.sqlite]    PG_HOST [127.0.0.1]  PG_PORT [5432]  PG_USER [postgres]
#   PG_DB [bench] (dropped and created again)  PORT [18080] (SQLite; PostgreSQL uses PORT+1)
#   SKIP_PG [unset] (set to 1 to measure SQLite only)
#
# Not a test: nothing here runs in `cargo test`. The server and wrk share the machine, so on
# a small machine the numbers measure both of them.
set -euo pipefail

BIN=${BIN:-target/release/strongcity}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
SQLITE_DB=${SQLITE_DB:-/tmp/bench.sqlite}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
PG_DB=${PG_DB:-bench}
PORT=${PORT:-18080}
USERNAME=admin
PASSWORD='Demo@2026city'

die() { echo "http.sh: $*" >&2; exit 1; }
for tool in wrk curl; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y $tool)"
done
[ -x "$BIN" ] || die "$BIN is missing: run cargo build --release -p strongcity"

WORK=$(mktemp -d)
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# Background jobs off, so that only the measured requests run; logs at warn, so that logging
# is not what is measured.
export STRONGCITY_SERVER__JOBS_INTERVAL_SECONDS=0
export STRONGCITY_LOG=warn
unset DATABASE_URL

# start_server LABEL PORT DB-ARGS...: starts serve and waits until /healthz answers.
start_server() {
    local label=$1 port=$2
    shift 2
    "$BIN" serve "$@" --listen "127.0.0.1:$port" >"$WORK/$label.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    cat "$WORK/$label.log" >&2
    die "$label: the server did not come up on port $port"
}

# login PORT: prints the sc_session cookie value of the demo administrator.
login() {
    local port=$1 jar="$WORK/cookies.$1"
    curl -fsS -c "$jar" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" \
        "http://127.0.0.1:$port/api/v1/session" >/dev/null \
        || die "login as $USERNAME on port $port failed"
    awk '$6 == "sc_session" { print $7 }' "$jar"
}

# check PORT PATH COOKIE: the page must answer 200 (not a redirect to the login page).
check() {
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sc_session=$3" "http://127.0.0.1:$1$2")
    [ "$code" = 200 ] || die "GET $2 answered $code with the session: not measuring that"
}

ROWS=()
# measure DATABASE LABEL PORT PATH [COOKIE]: one wrk run, one table row.
measure() {
    local database=$1 label=$2 port=$3 path=$4 cookie=${5:-} out
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
    if [ -n "$cookie" ]; then
        args+=(-H "Cookie: sc_session=$cookie")
    fi
    out=$(wrk "${args[@]}" "http://127.0.0.1:$port$path")
    echo "$out" >"$WORK/wrk.$database.$label.txt"
    local rps p50 p99 bad errors
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
    errors=$(awk '/Socket errors:/ { sub(/.*Socket errors: /, ""); print }' <<<"$out")
    ROWS+=("| $database | \`$path\` | $rps | $p50 | $p99 | ${bad:-0} | ${errors:-none} |")
    echo "  $database $path: $rps req/s, p99 $p99" >&2
}

# bench DATABASE PORT DB-ARGS...: the three measurements against one server.
bench() {
    local database=$1 port=$2
    shift 2
    start_server "$database" "$port" "$@"
    local cookie
    cookie=$(login "$port")
    [ -n "$cookie" ] || die "$database: no sc_session cookie after login"
    check "$port" / "$cookie"
    check "$port" '/api/v1/users?limit=20' "$cookie"
    measure "$database" healthz "$port" /healthz
    measure "$database" home "$port" / "$cookie"
    measure "$database" users "$port" '/api/v1/users?limit=20' "$cookie"
    stop_server
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "SQLite: demo database at $SQLITE_DB" >&2
"$BIN" demo --db "$SQLITE_DB" --force >/dev/null
bench SQLite "$PORT" --db "$SQLITE_DB"

if [ -z "${SKIP_PG:-}" ]; then
    command -v psql >/dev/null || die "psql is missing (or set SKIP_PG=1)"
    PG_URL="postgres://$PG_USER@$PG_HOST:$PG_PORT/$PG_DB"
    echo "PostgreSQL: demo database at $PG_URL" >&2
    psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -c "drop database if exists $PG_DB" >/dev/null
    psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -c "create database $PG_DB" >/dev/null
    "$BIN" demo --database-url "$PG_URL" --force >/dev/null
    bench PostgreSQL "$((PORT + 1))" --database-url "$PG_URL"
fi

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $(date -u '+%Y-%m-%d %H:%M UTC'), $("$BIN" --version)"
echo
echo "| database | path | requests/s | p50 | p99 | non-2xx/3xx | socket errors |"
echo "|---|---|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "Load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER (anything above 0 that is not"
echo "this benchmark is other work on the machine)."
