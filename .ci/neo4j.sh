#!/usr/bin/env bash
# Start/stop a throwaway Neo4j 5.26 LTS Community server for the test suite.
#
#   bash .ci/neo4j.sh start   # prints the URI, writes .ci/neo4j.env
#   set -a; . .ci/neo4j.env; set +a
#   bash .ci/neo4j.sh stop    # stops it and deletes its temp dir
#
# Maven Central serves no Neo4j tarball, only the jars. So the server is the
# official one, org.neo4j:neo4j (main class org.neo4j.server.CommunityEntryPoint,
# the same class the tarball's bin/neo4j runs). Its classpath comes from
# tests/neo4j_server/pom.xml. Jars are cached in ~/.m2 and the classpath in
# ~/.cache/rimograph, so a second start skips Maven entirely.
#
# Environment (all optional):
#   NEO4J_VERSION  5.26.x to use (default below)
#   NEO4J_PORT     Bolt port (default: 7687 if free, else a free one)
#   NEO4J_AUTH     "password" (default: generated password) or "none"
#   NEO4J_HEAP     JVM heap (default 512m); NEO4J_PAGECACHE (default 64m)
#   NEO4J_START_TIMEOUT  seconds to wait for Bolt (default 120)
set -euo pipefail

NEO4J_VERSION=${NEO4J_VERSION:-5.26.30}
HEAP=${NEO4J_HEAP:-512m}
PAGECACHE=${NEO4J_PAGECACHE:-64m}
AUTH=${NEO4J_AUTH:-password}
TIMEOUT=${NEO4J_START_TIMEOUT:-120}

CI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$CI_DIR")
POM_DIR=$ROOT/tests/neo4j_server
PID_FILE=$CI_DIR/neo4j.pid     # pid of the server JVM
HOME_FILE=$CI_DIR/neo4j.home   # path of its temp dir under /tmp
ENV_FILE=$CI_DIR/neo4j.env
CACHE_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/rimograph
CP_FILE=$CACHE_DIR/neo4j-$NEO4J_VERSION.classpath
MAIN=org.neo4j.server.CommunityEntryPoint
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

log() { echo "neo4j.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Is $1 a live JVM running our server class? (guards against reused pids)
is_our_server() {
  local cmd
  [ -n "${1:-}" ] && cmd=$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null) && [[ $cmd == *"$MAIN"* ]]
}

# Does something accept TCP connections on 127.0.0.1:$1?
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Print 7687 if it is free on loopback, else a free port chosen by the kernel.
pick_port() {
  python3 - <<'EOF'
import socket
for port in (7687, 0):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        print(s.getsockname()[1]); break
    except OSError:
        pass
    finally:
        s.close()
EOF
}

# Resolve the server jars (downloads on first use) and cache the classpath.
classpath() {
  if [ -s "$CP_FILE" ]; then
    local ok=1 jar
    while IFS= read -r jar; do [ -f "$jar" ] || { ok=0; break; }; done < <(tr ':' '\n' < "$CP_FILE")
    [ "$ok" = 1 ] && { cat "$CP_FILE"; return; }
  fi
  command -v mvn >/dev/null || die "mvn not found"
  mkdir -p "$CACHE_DIR"
  log "resolving org.neo4j:neo4j:$NEO4J_VERSION from Maven Central (first run: ~120 MB)..."
  local t0=$SECONDS
  mvn -B -q -Dstyle.color=never -f "$POM_DIR/pom.xml" -Dneo4j.version="$NEO4J_VERSION" \
      dependency:build-classpath -Dmdep.outputFile="$CP_FILE.tmp" >&2 \
    || { rm -f "$CP_FILE.tmp"; die "mvn could not resolve org.neo4j:neo4j:$NEO4J_VERSION"; }
  mv "$CP_FILE.tmp" "$CP_FILE"
  log "resolved in $((SECONDS - t0)) s"
  cat "$CP_FILE"
}

start() {
  # Already running? Then keep it (idempotent).
  if [ -f "$PID_FILE" ] && is_our_server "$(cat "$PID_FILE")" && [ -f "$ENV_FILE" ]; then
    log "already running (pid $(cat "$PID_FILE"))"
    grep '^NEO4J_URI=' "$ENV_FILE" | cut -d= -f2-
    return 0
  fi
  if [ -f "$PID_FILE" ] || [ -f "$HOME_FILE" ]; then
    log "removing stale state"; stop >/dev/null 2>&1 || true
  fi

  command -v "$JAVA" >/dev/null || die "java not found (Neo4j 5.26 needs Java 17 or 21)"
  local cp port home password
  cp=$(classpath)
  port=${NEO4J_PORT:-$(pick_port)}
  port_open "$port" && die "port $port is already in use"

  # Everything the server writes lives in one temp dir.
  home=$(mktemp -d /tmp/rimograph-neo4j.XXXXXX)
  mkdir -p "$home/conf" "$home/data" "$home/logs" "$home/plugins" "$home/import" "$home/run"
  echo "$home" > "$HOME_FILE"
  cat > "$home/conf/neo4j.conf" <<EOF
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$port
server.bolt.advertised_address=127.0.0.1:$port
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=$([ "$AUTH" = none ] && echo false || echo true)
server.memory.heap.initial_size=$HEAP
server.memory.heap.max_size=$HEAP
server.memory.pagecache.size=$PAGECACHE
dbms.usage_report.enabled=false
server.directories.data=$home/data
server.directories.logs=$home/logs
server.directories.plugins=$home/plugins
server.directories.import=$home/import
server.directories.run=$home/run
# Shorter Bolt shutdown (default waits ~10 s for idle netty threads).
internal.server.bolt.thread_pool_shutdown_wait_time=1s
internal.server.bolt.connection_shutdown_wait_time=1s
EOF

  if [ "$AUTH" = none ]; then
    password=unused
  else
    # Set the neo4j user's password before the first start (neo4j-admin's tool).
    password=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
    NEO4J_HOME=$home NEO4J_CONF=$home/conf "$JAVA" -cp "$cp" org.neo4j.cli.AdminTool \
      dbms set-initial-password "$password" > "$home/logs/set-password.log" 2>&1 \
      || { cat "$home/logs/set-password.log" >&2; die "set-initial-password failed"; }
  fi

  # JVM flags as in the tarball's default neo4j.conf (server.jvm.additional).
  local t0=$SECONDS
  (cd "$home" && exec setsid "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" \
      -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC \
      -XX:+ExitOnOutOfMemoryError -Djdk.nio.maxCachedBufferSize=1024 \
      -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true \
      --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
      --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
      -cp "$cp" "$MAIN" --home-dir="$home" --config-dir="$home/conf" \
      > "$home/logs/console.log" 2>&1 < /dev/null) &
  local pid=$!
  echo "$pid" > "$PID_FILE"
  log "starting Neo4j $NEO4J_VERSION (pid $pid, data in $home), waiting for bolt://127.0.0.1:$port ..."

  # Ready = Bolt accepts connections and neo4j.log says "Started.".
  local n=0
  until port_open "$port" && grep -q 'Started\.' "$home/logs/neo4j.log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$home/logs/console.log" "$home/logs/neo4j.log" >&2 2>/dev/null || true
      stop >/dev/null 2>&1 || true
      die "Neo4j exited during startup"
    fi
    if [ $((SECONDS - t0)) -ge "$TIMEOUT" ]; then
      tail -n 30 "$home/logs/neo4j.log" >&2 2>/dev/null || true
      stop >/dev/null 2>&1 || true
      die "Neo4j not ready after $TIMEOUT s"
    fi
    n=$((n + 1)); [ $((n % 10)) = 0 ] && log "  ... $((SECONDS - t0)) s"
    sleep 0.5
  done
  log "ready in $((SECONDS - t0)) s"

  cat > "$ENV_FILE" <<EOF
NEO4J_URI=bolt://127.0.0.1:$port
NEO4J_USER=neo4j
NEO4J_PASSWORD=$password
NEO4J_DATABASE=neo4j
EOF
  echo "bolt://127.0.0.1:$port"
}

stop() {
  local pid="" home=""
  [ -f "$PID_FILE" ] && pid=$(cat "$PID_FILE")
  [ -f "$HOME_FILE" ] && home=$(cat "$HOME_FILE")
  if is_our_server "$pid"; then
    log "stopping pid $pid ..."
    kill -TERM "$pid"
    local _
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then log "still alive after 30 s, killing"; kill -KILL "$pid"; fi
    log "stopped"
  else
    log "not running"
  fi
  # Only ever delete a dir that mktemp made for us.
  case "$home" in /tmp/rimograph-neo4j.*) rm -rf -- "$home" ;; esac
  rm -f "$PID_FILE" "$HOME_FILE" "$ENV_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
