#!/usr/bin/env bash
# End-to-end proof that the peer works, for the benchmark's smoke test:
#   bench/peer/check.sh
# Starts the sandbox (target/adsgraph.jar, from `mvn package`; ADSGRAPH_JAR overrides) and the
# peer (run.sh) on free loopback ports, then probe.mjs gets an LWA token from the sandbox and runs
# queries/overview.graphql and queries/profile.graphql through the peer, comparing the answers
# with the sandbox's own. Stops both and exits 0 only when all of that held. Runs `npm ci` first
# when bench/peer has no node_modules. Logs: bench/peer/target/check/.
set -euo pipefail
peer_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$peer_dir/../.." && pwd)"
jar="${ADSGRAPH_JAR:-$root/target/adsgraph.jar}"
logs="$peer_dir/target/check"
start_timeout="${PEER_CHECK_START_TIMEOUT:-120}"

[ -f "$jar" ] || { echo "check.sh: $jar does not exist; run 'mvn package -DskipTests' first" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "check.sh: java is not installed" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "check.sh: Node.js is not installed (20 or later is needed)" >&2; exit 1; }
if [ ! -d "$peer_dir/node_modules" ]; then
  echo "check.sh: npm ci in bench/peer"
  (cd "$peer_dir" && npm ci --no-audit --no-fund)
fi
mkdir -p "$logs"

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

sandbox_pid=""
peer_pid=""
stop() {
  for pid in $peer_pid $sandbox_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $peer_pid $sandbox_pid; do
    wait "$pid" 2>/dev/null || true
  done
}
trap stop EXIT

# Polls a URL until it answers 2xx, while the process that should serve it is alive.
await_up() {
  local url="$1" pid="$2" what="$3" log="$4" waited=0
  until node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "check.sh: the $what exited before it was up; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    if [ "$waited" -ge "$start_timeout" ]; then
      echo "check.sh: the $what was not up after ${start_timeout}s; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

# The sandbox binds a port per Amazon host, so it picks free ones itself (a free port found here
# says nothing of the seven above it) and prints its base URL, which serves the path-prefix form.
java -cp "$jar" -Dloader.main=dev.adsgraph.sandbox.SandboxMain org.springframework.boot.loader.launch.PropertiesLauncher \
  --port=0 >"$logs/sandbox.log" 2>&1 &
sandbox_pid=$!
sandbox=""
waited=0
while [ -z "$sandbox" ]; do
  sandbox="$(sed -n 's/^  base URL *\(http:[^ ]*\).*/\1/p' "$logs/sandbox.log" | head -n 1)"
  [ -n "$sandbox" ] && break
  if ! kill -0 "$sandbox_pid" 2>/dev/null || [ "$waited" -ge "$start_timeout" ]; then
    echo "check.sh: the sandbox printed no base URL; its log:" >&2
    cat "$logs/sandbox.log" >&2
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done
await_up "$sandbox/sandbox" "$sandbox_pid" sandbox "$logs/sandbox.log"

peer_port="$(free_port)"
"$peer_dir/run.sh" "$sandbox" "$peer_port" >"$logs/peer.log" 2>&1 &
peer_pid=$!
await_up "http://127.0.0.1:$peer_port/readiness" "$peer_pid" peer "$logs/peer.log"

node "$peer_dir/probe.mjs" check "$sandbox" "http://127.0.0.1:$peer_port/graphql"
