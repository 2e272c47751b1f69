#!/usr/bin/env bash
# Protocol benchmark: startup to first reply, idle RSS, and plain message turns per second with
# p50/p99 latency at 16 and 64 concurrent senders against a loopback connector.
# Needs wrk (apt-get install -y wrk). Usage: bench/run.sh [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
BOT_PORT=${BOT_PORT:-3988}
CONNECTOR_PORT=${CONNECTOR_PORT:-3989}
OUT=bench/results
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

dotnet build Bot -c Release -nologo -v q >/dev/null
dotnet build bench/BenchConnector -c Release -nologo -v q >/dev/null

DATA=$(mktemp -d)
cleanup() { kill "${BOT_PID:-}" "${CONN_PID:-}" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

dotnet bench/BenchConnector/bin/Release/net10.0/StuyfBot.BenchConnector.dll --urls "http://127.0.0.1:$CONNECTOR_PORT" >/dev/null 2>&1 &
CONN_PID=$!
until curl -sf "http://127.0.0.1:$CONNECTOR_PORT/_stats" >/dev/null; do sleep 0.1; done

export SERVICE_URL="http://127.0.0.1:$CONNECTOR_PORT/"
first_message() {
  printf '{"type":"message","id":"startup-%s","serviceUrl":"%s","channelId":"msteams","from":{"id":"29:startup","name":"An"},"recipient":{"id":"28:bot","name":"StuyfBot"},"conversation":{"id":"a:startup","conversationType":"personal","tenantId":"t"},"text":"hallo","locale":"nl-BE"}' "$1" "$SERVICE_URL"
}

start_ns=$(date +%s%N)
env ${BOT_ENV:-} Logging__LogLevel__Default=Warning Storage__DataPath="$DATA" \
  dotnet Bot/bin/Release/net10.0/StuyfBot.Bot.dll --urls "http://127.0.0.1:$BOT_PORT" >"$OUT/bot.log" 2>&1 &
BOT_PID=$!
n=0
until curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      --data "$(first_message $n)" "http://127.0.0.1:$BOT_PORT/api/messages" 2>/dev/null | grep -q 200; do
  n=$((n+1)); sleep 0.01
done
first_reply_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep 3
idle_rss_kb=$(awk '/VmRSS/{print $2}' /proc/$BOT_PID/status)

curl -s "http://127.0.0.1:$CONNECTOR_PORT/_stats?reset=1" >/dev/null
echo "warm-up (64 connections, 10 s)..."
RUN_ID="warm-$(date +%s%N)" wrk -t2 -c64 -d10s -s bench/message.lua "http://127.0.0.1:$BOT_PORT" >/dev/null

results=()
for c in 16 64; do
  curl -s "http://127.0.0.1:$CONNECTOR_PORT/_stats?reset=1" >/dev/null
  RUN_ID="run$c-$(date +%s%N)" wrk -t2 -c$c -d${DURATION}s --latency -s bench/message.lua "http://127.0.0.1:$BOT_PORT" >"$OUT/wrk-$c.txt"
  rps=$(awk '/Requests\/sec/{print $2}' "$OUT/wrk-$c.txt")
  p50=$(awk '/^ +50%/{print $2}' "$OUT/wrk-$c.txt")
  p99=$(awk '/^ +99%/{print $2}' "$OUT/wrk-$c.txt")
  non2xx=$(awk '/Non-2xx/{print $5}' "$OUT/wrk-$c.txt")
  requests=$(awk '/requests in/{print $1}' "$OUT/wrk-$c.txt")
  replies=$(curl -s "http://127.0.0.1:$CONNECTOR_PORT/_stats")
  results+=("| $c | $requests | $rps | $p50 | $p99 | ${non2xx:-0} | $replies |")
done
peak_rss_kb=$(awk '/VmHWM/{print $2}' /proc/$BOT_PID/status)

{
  echo "Protocol benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${DURATION}s per run"
  echo "- first reply after start: ${first_reply_ms} ms"
  echo "- idle RSS after first reply: $((idle_rss_kb / 1024)) MB; peak RSS under load: $((peak_rss_kb / 1024)) MB"
  echo
  echo "| concurrent senders | turns | turns/s | p50 | p99 | non-2xx | connector calls |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${results[@]}"
} | tee "$OUT/summary.md"
