#!/usr/bin/env bash
# Protocol benchmark, the bot beside the floor. The floor (bench/Floor) is a bare ASP.NET Core
# endpoint that parses the activity and posts one reply; the bot does a real turn (redelivery
# check, people, routing, greeting plus help card, reply awaited). Both answer the same wrk load
# (bench/message.lua: a 1.5 KB Teams personal message, unique ids, 6,000 people in their own 1:1
# chats) against the same loopback connector, in alternating runs, so the ratios hold whatever
# the machine. Also: the bot's time to first reply, idle RSS, and each process's peak RSS.
# Needs wrk (apt-get install -y wrk) and python3.
# Usage: bench/run.sh [seconds per run, default 10] [rounds, default 3]
#   SENDERS="16 64 256" (default) the concurrent senders; BOT_ENV="VAR=value ..." for the bot;
#   BOT_DLL=... another build of the bot. Writes bench/results/run-summary.md and run-rows.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
ROUNDS=${2:-3}
SENDERS=${SENDERS:-16 64 256}
BOT_PORT=${BOT_PORT:-3988}
CONNECTOR_PORT=${CONNECTOR_PORT:-3989}
FLOOR_PORT=${FLOOR_PORT:-3990}
BOT_DLL=${BOT_DLL:-Bot/bin/Release/net10.0/StuyfBot.Bot.dll}
OUT=bench/results
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

dotnet build Bot -c Release -nologo -v q >/dev/null
dotnet build bench/BenchConnector -c Release -nologo -v q >/dev/null
dotnet build bench/Floor -c Release -nologo -v q >/dev/null

LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
DATA=$(mktemp -d)
cleanup() { kill "${BOT_PID:-}" "${CONN_PID:-}" "${FLOOR_PID:-}" 2>/dev/null || true; rm -rf "$DATA"; }
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
  dotnet "$BOT_DLL" --urls "http://127.0.0.1:$BOT_PORT" >"$OUT/bot.log" 2>&1 &
BOT_PID=$!
n=0
until curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      --data "$(first_message $n)" "http://127.0.0.1:$BOT_PORT/api/messages" 2>/dev/null | grep -q 200; do
  n=$((n+1)); sleep 0.01
done
first_reply_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

dotnet bench/Floor/bin/Release/net10.0/StuyfBot.Floor.dll --urls "http://127.0.0.1:$FLOOR_PORT" >"$OUT/floor.log" 2>&1 &
FLOOR_PID=$!
until curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      --data "$(first_message f)" "http://127.0.0.1:$FLOOR_PORT/api/messages" 2>/dev/null | grep -q 200; do
  sleep 0.01
done
sleep 3
idle_rss_kb=$(awk '/VmRSS/{print $2}' /proc/$BOT_PID/status)

port_of() { if [ "$1" = bot ]; then echo "$BOT_PORT"; else echo "$FLOOR_PORT"; fi; }
echo "warm-up (64 senders, 10 s each)..."
for system in floor bot; do
  RUN_ID="warm-$system-$(date +%s%N)" wrk -t1 -c64 -d10s -s bench/message.lua "http://127.0.0.1:$(port_of $system)" >/dev/null
done

echo "round,system,senders,turns,turns_per_s,p50,p99,non2xx,connector_calls" >"$OUT/run-rows.csv"
for round in $(seq 1 "$ROUNDS"); do
  # Alternate who goes first, so neither always runs on a machine warmed by the other.
  if [ $((round % 2)) -eq 1 ]; then order="floor bot"; else order="bot floor"; fi
  for c in $SENDERS; do
    for system in $order; do
      curl -s "http://127.0.0.1:$CONNECTOR_PORT/_stats?reset=1" >/dev/null
      RUN_ID="r$round-$system-$c-$(date +%s%N)" wrk -t1 -c"$c" -d"${DURATION}s" --latency -s bench/message.lua \
        "http://127.0.0.1:$(port_of $system)" >"$OUT/wrk-$system-$c.txt"
      rps=$(awk '/Requests\/sec/{print $2}' "$OUT/wrk-$system-$c.txt")
      p50=$(awk '/^ +50%/{print $2}' "$OUT/wrk-$system-$c.txt")
      p99=$(awk '/^ +99%/{print $2}' "$OUT/wrk-$system-$c.txt")
      non2xx=$(awk '/Non-2xx/{print $5}' "$OUT/wrk-$system-$c.txt")
      requests=$(awk '/requests in/{print $1}' "$OUT/wrk-$system-$c.txt")
      posts=$(curl -s "http://127.0.0.1:$CONNECTOR_PORT/_stats" | sed -n 's/.*"POST":\([0-9]*\).*/\1/p')
      echo "$round,$system,$c,$requests,$rps,$p50,$p99,${non2xx:-0},${posts:-0}" | tee -a "$OUT/run-rows.csv"
    done
  done
done
bot_peak_kb=$(awk '/VmHWM/{print $2}' /proc/$BOT_PID/status)
floor_peak_kb=$(awk '/VmHWM/{print $2}' /proc/$FLOOR_PID/status)

python3 bench/summarize-run.py "$OUT/run-rows.csv" \
  "Protocol benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${DURATION}s per run, $ROUNDS rounds, load average before: $LOAD_BEFORE" \
  "$first_reply_ms" "$((idle_rss_kb / 1024))" "$((bot_peak_kb / 1024))" "$((floor_peak_kb / 1024))" | tee "$OUT/run-summary.md"
