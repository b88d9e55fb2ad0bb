#!/usr/bin/env bash
# Starts the benchmark's peer gateway in the foreground:
#   bench/peer/run.sh <sandbox base URL> <port>
# e.g. bench/peer/run.sh http://127.0.0.1:9090 4000. It composes the supergraph from the Ads API
# contract files with the sandbox's NA Ads host (<base URL>/ads/na) as endpoint, into
# bench/peer/target/port-<port>/, then replaces itself with Hive Gateway (production mode,
# 127.0.0.1 only, no GraphiQL or landing page, nothing reported anywhere), so the caller's pid is
# the gateway's and SIGTERM stops it. The GraphQL endpoint is http://127.0.0.1:<port>/graphql,
# readiness http://127.0.0.1:<port>/readiness.
# Environment: PEER_FORK (worker processes, default 1), PEER_HOST (default 127.0.0.1).
# Needs Node.js 20 or later and `npm ci` in bench/peer.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  echo "Usage: $0 <sandbox base URL, e.g. http://127.0.0.1:9090> <port>" >&2
  exit 2
}

[ "$#" -eq 2 ] || usage
base_url="${1%/}"
port="$2"
case "$base_url" in
  http://?* | https://?*) ;;
  *) echo "run.sh: the sandbox base URL must start with http:// or https://, was '$1'" >&2; usage ;;
esac
if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "run.sh: the port must be a number from 1 to 65535, was '$port'" >&2
  usage
fi
fork="${PEER_FORK:-1}"
if ! [[ "$fork" =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: PEER_FORK must be a positive number of workers, was '$fork'" >&2
  exit 2
fi
host="${PEER_HOST:-127.0.0.1}"

command -v node >/dev/null 2>&1 || { echo "run.sh: Node.js is not installed (20 or later is needed)" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "run.sh: Hive Gateway 2.15 needs Node.js 20 or later, this is $(node --version)" >&2
  exit 1
fi
if [ ! -x node_modules/.bin/hive-gateway ] || [ ! -x node_modules/.bin/mesh-compose ]; then
  echo "run.sh: the peer is not installed; run 'npm ci' in $(pwd)" >&2
  exit 1
fi

work="target/port-$port"
mkdir -p "$work"
ADS_API_URL="$base_url/ads/na" node_modules/.bin/mesh-compose --output "$work/supergraph.graphql" >"$work/compose.log" 2>&1 || {
  echo "run.sh: composing the supergraph failed:" >&2
  cat "$work/compose.log" >&2
  exit 1
}

export NODE_ENV=production
exec node_modules/.bin/hive-gateway supergraph "$work/supergraph.graphql" \
  --config-path gateway.config.ts --host "$host" --port "$port" --fork "$fork" --disable-websockets
