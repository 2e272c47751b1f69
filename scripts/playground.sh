#!/usr/bin/env bash
# Try StuyfBot in the Microsoft 365 Agents Playground, a local Teams-like client from npm.
# First run the bot (`dotnet run --project Bot`), then this script; open the URL it prints.
#
#   BOT_ENDPOINT      the bot's messages endpoint (default http://127.0.0.1:3978/api/messages)
#   PLAYGROUND_PORT   the playground's port (default 56150)
#   M365_AGENTS_PLAYGROUND_CONFIG_PATH   the mock tenant (.yml); default scripts/playground.yml:
#                     six people of a Stuyfplek, a group chat and a team (the tests' roster)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
peers="$root/tests/peers"
bot_endpoint="${BOT_ENDPOINT:-http://127.0.0.1:3978/api/messages}"
port="${PLAYGROUND_PORT:-56150}"

command -v node >/dev/null || { echo "Node.js 20 is required (https://nodejs.org)." >&2; exit 1; }

# The peers are installed once, and again when package-lock.json changes.
if [[ ! -f "$peers/node_modules/.package-lock.json" || "$peers/package-lock.json" -nt "$peers/node_modules/.package-lock.json" ]]; then
  echo "Installing the npm peers in tests/peers..."
  (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The playground silently moves to a random port when its port is taken, which would break the
# serviceUrl it gives the bot: refuse instead.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "Port $port is in use: set PLAYGROUND_PORT to a free port." >&2
  exit 1
fi

if ! curl -fsS -o /dev/null --max-time 2 "${bot_endpoint%/api/messages}/healthz" 2>/dev/null; then
  echo "Note: the bot does not answer at $bot_endpoint yet; start it with \`dotnet run --project Bot\`." >&2
fi

log_dir="$root/artifacts/playground"
mkdir -p "$log_dir"
echo "Agents Playground for $bot_endpoint: open http://127.0.0.1:$port/ (log: $log_dir/playground.log; Ctrl+C stops it)"
cd "$log_dir"
# loopback.cjs keeps the playground on 127.0.0.1 (it listens on all interfaces by itself).
TEAMSAPPTESTER_BROWSER=none \
M365_AGENTS_PLAYGROUND_CONFIG_PATH="${M365_AGENTS_PLAYGROUND_CONFIG_PATH:-$root/scripts/playground.yml}" \
M365_AGENTS_PLAYGROUND_LOGFILE="$log_dir/playground.log" \
exec node -r "$peers/loopback.cjs" "$peers/node_modules/@microsoft/m365agentsplayground/cli.js" start \
  -e "$bot_endpoint" -c msteams -p "$port" \
  --service-url "http://127.0.0.1:$port/_connector" --disable-telemetry
