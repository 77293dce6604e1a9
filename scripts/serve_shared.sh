#!/usr/bin/env bash
# The shared deployment on one machine: an Oxigraph server over a data folder (read-write, on
# loopback only) and the minutes-kg API in front of it. Minutes are ingested into the server
# first (`kg --store http://127.0.0.1:$OXPORT ingest`), one request per document.
#
#   scripts/serve_shared.sh [MINUTES...]      (default: data/minutes)
# Settings: SHARED (data folder, default .oxigraph), OXPORT (7878), HOST/PORT of the API (8000),
# KG_WRITE_TOKEN (unset: the API is read-only; set: POST /documents writes into the server).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
SHARED=${SHARED:-.oxigraph}
OXPORT=${OXPORT:-7878}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
STORE="http://127.0.0.1:${OXPORT}"

"$BIN/oxigraph" serve --location "$SHARED" --bind "127.0.0.1:${OXPORT}" &
OXPID=$!
trap 'kill "$OXPID" 2>/dev/null; wait "$OXPID" 2>/dev/null' EXIT INT TERM
for _ in $(seq 100); do
  curl -fsS "$STORE/query?query=ASK%7B%7D" >/dev/null 2>&1 && break
  kill -0 "$OXPID" 2>/dev/null || { echo "error: oxigraph serve did not start" >&2; exit 1; }
  sleep 0.1
done
"$BIN/kg" --store "$STORE" ingest "${@:-data/minutes}"
echo "Oxigraph server (read-write, loopback only): $STORE  data folder: $SHARED"
echo "minutes-kg API over it:                      http://$HOST:$PORT/"
"$BIN/kg" --store "$STORE" serve --host "$HOST" --port "$PORT"
