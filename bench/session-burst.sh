#!/usr/bin/env bash
# Sessions: check-in burst. 60 people press "Ik ben er" within 2 seconds in one group chat, on the
# real bot (Release, local mode) with a loopback connector, once on the file store and once on
# Azurite. Per burst: turn latency p50/p95/p99/max, errors, card updates that reached the connector
# and the most in any 1 s / 2 s / 30 s window, whether the last card update shows everyone, and the
# bot's peak RSS. Each run starts a fresh bot and does 4 bursts, each in a new chat (#1 meets the fresh bot).
# Usage: bench/session-burst.sh [runs per store, default 2] [people, default 60] [spread ms, default 2000]
# BOT_ENV="VAR=value ..." adds environment variables to the bot (e.g. DOTNET_TieredPGO=0);
# BOT_DLL runs another build of the bot (e.g. one of main, to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-2}
PEOPLE=${2:-60}
SPREAD_MS=${3:-2000}
BOT_PORT=${BOT_PORT:-3994}
CONNECTOR_PORT=${CONNECTOR_PORT:-3995}
AZURITE_PORT=${AZURITE_PORT:-3996}
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

wait_for() { until curl -s -o /dev/null "$1"; do sleep 0.1; done; }

dotnet bench/BenchConnector/bin/Release/net10.0/StuyfBot.BenchConnector.dll \
  --urls "http://127.0.0.1:$CONNECTOR_PORT" --KeepCalls true >/dev/null 2>&1 &
CONN_PID=$!
wait_for "http://127.0.0.1:$CONNECTOR_PORT/_stats"

# run_bot <label> <VAR=value>...: one fresh bot with these settings, four bursts against it.
run_bot() {
  local label=$1; shift
  # shellcheck disable=SC2086 # BOT_ENV is a list of VAR=value words.
  env Logging__LogLevel__Default=Warning ${BOT_ENV:-} "$@" \
    dotnet "$BOT_DLL" --urls "http://127.0.0.1:$BOT_PORT" >>"$OUT/session-burst-bot.log" 2>&1 &
  BOT_PID=$!
  wait_for "http://127.0.0.1:$BOT_PORT/healthz"
  dotnet bench/SessionBurst/bin/Release/net10.0/SessionBurst.dll \
    --bot "http://127.0.0.1:$BOT_PORT" --connector "http://127.0.0.1:$CONNECTOR_PORT" \
    --label "$label" --bot-pid "$BOT_PID" --people "$PEOPLE" --spread-ms "$SPREAD_MS" --bursts 4 \
    | tee -a "$OUT/session-burst-rows.md" || STATUS=1
  kill "$BOT_PID" 2>/dev/null || true; wait "$BOT_PID" 2>/dev/null || true
  BOT_PID=
  curl -s "http://127.0.0.1:$CONNECTOR_PORT/_calls?reset=1" >/dev/null
}

STATUS=0
: >"$OUT/session-burst-rows.md"
: >"$OUT/session-burst-bot.log"
for run in $(seq "$RUNS"); do
  echo "== file store, run $run" >&2
  rm -rf "${DATA:?}/files"
  run_bot "file store" Storage__DataPath="$DATA/files"

  echo "== Azurite, run $run" >&2
  node "$AZURITE" --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" --inMemoryPersistence --silent \
    --disableTelemetry >/dev/null 2>&1 &
  AZURITE_PID=$!
  wait_for "http://127.0.0.1:$AZURITE_PORT/"
  run_bot "Azurite" Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
  kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true
  AZURITE_PID=
done

{
  echo "Sessions check-in burst, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$PEOPLE people within $SPREAD_MS ms, $RUNS runs per store, 4 bursts per run (#1 on a freshly started bot)"
  echo
  grep -m1 -F '| store |' "$OUT/session-burst-rows.md"
  grep -m1 -F '|---|' "$OUT/session-burst-rows.md"
  grep -F '| file store |' "$OUT/session-burst-rows.md" || true
  grep -F '| Azurite |' "$OUT/session-burst-rows.md" || true
} | tee "$OUT/session-burst-summary.md"
exit "$STATUS"
