#!/usr/bin/env bash
# Pitch round: answer burst. In one group chat 300 people are checked in (setup); then per pitch
# the moderator brings it up and all 300 answer it within one second through the real HTTP
# endpoint, 30 of the answers delivered twice (the same activity, as Teams redelivers), on the
# real bot (Release, local mode) with a loopback connector, once on the file store and once on
# Azurite. Per burst: turn latency p50/p95/p99/max, errors, whether every answer is stored exactly
# once (read back from the store), the live card's updates and posts that reached the connector
# and the most in any 1 s / 2 s / 30 s window, and the bot's peak RSS. Then the moderator closes
# the session and the summary of the session (all its answers) is built and timed.
# Usage: bench/answer-burst.sh [runs per store, default 1] [people, default 300] [spread ms, default 1000]
#          [bursts (pitches) per run, default 2] [redeliveries per burst, default 30]
# BOT_ENV="VAR=value ..." adds environment variables to the bot; BOT_DLL runs another build of it.
# Writes bench/results/answer-burst-summary.md and every turn to bench/results/answer-burst-turns.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-1}
PEOPLE=${2:-300}
SPREAD_MS=${3:-1000}
BURSTS=${4:-2}
REDELIVERIES=${5:-30}
BOT_PORT=${BOT_PORT:-4011}
CONNECTOR_PORT=${CONNECTOR_PORT:-4012}
AZURITE_PORT=${AZURITE_PORT:-4013}
BOT_DLL=${BOT_DLL:-Bot/bin/Release/net10.0/StuyfBot.Bot.dll}
OUT=bench/results
mkdir -p "$OUT"

dotnet build Bot -c Release -nologo -v q >/dev/null
dotnet build bench/BenchConnector -c Release -nologo -v q >/dev/null
dotnet build bench/SessionBurst -c Release -nologo -v q >/dev/null
AZURITE=tests/peers/node_modules/azurite/dist/src/blob/main.js
[ -f "$AZURITE" ] || (cd tests/peers && npm ci --no-audit --no-fund)

DATA=$(mktemp -d)
cleanup() { kill "${BOT_PID:-}" "${AZURITE_PID:-}" "${CONN_PID:-}" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

# wait_for <url>: up to 60 s for a server to answer.
wait_for() { timeout 60 bash -c "until curl -s -o /dev/null '$1'; do sleep 0.1; done"; }

dotnet bench/BenchConnector/bin/Release/net10.0/StuyfBot.BenchConnector.dll \
  --urls "http://127.0.0.1:$CONNECTOR_PORT" --KeepCalls true >/dev/null 2>&1 &
CONN_PID=$!
wait_for "http://127.0.0.1:$CONNECTOR_PORT/_stats"

# run_bot <label> <store option> <store value> <VAR=value>...: one fresh bot with these settings, the bursts against it.
run_bot() {
  local label=$1 store_option=$2 store_value=$3 store_pid=()
  shift 3
  if [ -n "${AZURITE_PID:-}" ]; then store_pid=(--store-pid "$AZURITE_PID"); fi
  # shellcheck disable=SC2086 # BOT_ENV is a list of VAR=value words.
  env Logging__LogLevel__Default=Warning ${BOT_ENV:-} "$@" \
    dotnet "$BOT_DLL" --urls "http://127.0.0.1:$BOT_PORT" >>"$OUT/answer-burst-bot.log" 2>&1 &
  BOT_PID=$!
  wait_for "http://127.0.0.1:$BOT_PORT/healthz"
  timeout 600 dotnet bench/SessionBurst/bin/Release/net10.0/SessionBurst.dll --scenario answers \
    --bot "http://127.0.0.1:$BOT_PORT" --connector "http://127.0.0.1:$CONNECTOR_PORT" \
    --label "$label" --bot-pid "$BOT_PID" --people "$PEOPLE" --spread-ms "$SPREAD_MS" \
    --bursts "$BURSTS" --redeliveries "$REDELIVERIES" "$store_option" "$store_value" "${store_pid[@]}" \
    --turns-out "$OUT/answer-burst-turns.csv" \
    | tee -a "$OUT/answer-burst-rows.md" || STATUS=1
  kill "$BOT_PID" 2>/dev/null || true; wait "$BOT_PID" 2>/dev/null || true
  BOT_PID=
  curl -s "http://127.0.0.1:$CONNECTOR_PORT/_calls?reset=1" >/dev/null
}

STATUS=0
: >"$OUT/answer-burst-rows.md"
: >"$OUT/answer-burst-bot.log"
echo "store,burst,person,redelivery,sent_ms,latency_ms" >"$OUT/answer-burst-turns.csv"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq "$RUNS"); do
  echo "== file store, run $run (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  rm -rf "${DATA:?}/files"
  run_bot "file store" --store-path "$DATA/files" Storage__DataPath="$DATA/files"

  echo "== Azurite, run $run (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  node "$AZURITE" --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" --inMemoryPersistence --silent \
    --disableTelemetry >/dev/null 2>&1 &
  AZURITE_PID=$!
  wait_for "http://127.0.0.1:$AZURITE_PORT/"
  CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
  run_bot "Azurite" --store-connection-string "$CONNECTION" Storage__ConnectionString="$CONNECTION"
  kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true
  AZURITE_PID=
done

{
  echo "Pitch round answer burst, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $LOAD_BEFORE before, $(cut -d' ' -f1-3 /proc/loadavg) after"
  echo "$PEOPLE answers within $SPREAD_MS ms plus $REDELIVERIES redeliveries, $BURSTS pitches per session, $RUNS runs per store"
  echo
  grep -m1 -F '| store |' "$OUT/answer-burst-rows.md"
  grep -m1 -F '|---|' "$OUT/answer-burst-rows.md"
  grep -F '| file store |' "$OUT/answer-burst-rows.md" | grep -vF 'close and summary' || true
  grep -F '| Azurite |' "$OUT/answer-burst-rows.md" | grep -vF 'close and summary' || true
  echo
  grep -F 'close and summary' "$OUT/answer-burst-rows.md" || true
} | tee "$OUT/answer-burst-summary.md"
exit "$STATUS"
