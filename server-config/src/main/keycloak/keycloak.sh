#!/usr/bin/env bash
# Starts, stops and waits for the FaceTrust Keycloak (keycloak-quarkus-dist, start-dev) on 127.0.0.1.
#
#   keycloak.sh start    prepare the instance (first time: copy the distribution, generate the demo secrets),
#                        start Keycloak in the background with the facetrust realm imported, wait until ready
#   keycloak.sh stop     stop the instance started by 'start' (its own process group only)
#   keycloak.sh wait     wait until the facetrust realm answers (FACETRUST_KC_WAIT_SECONDS, default 240)
#   keycloak.sh status   print 'running' or 'stopped' (exit 0 / 3)
#   keycloak.sh env      print the shell lines (KEY='value') of the generated demo secrets: scripts source them
#
# Configuration (environment):
#   FACETRUST_KC_PORT       HTTP port on 127.0.0.1 (default 8180). Tests use their own port (18180) and instance.
#   FACETRUST_KC_INSTANCE   instance folder: the server copy, its H2 data, logs, pid and the secrets file
#                           (default <project>/var/keycloak — git-ignored)
#   FACETRUST_KC_DIST       unpacked keycloak-quarkus-dist (default <project>/server-config/target/keycloak/keycloak-<v>,
#                           unpacked by 'mvn -pl server-config package')
#   FACETRUST_KC_HEAP       JVM heap options (default "-Xms64m -Xmx512m")
#
# Secrets are generated on the first start of an instance (never committed), printed once and kept in
# <instance>/demo-accounts.env with mode 0600. The realm JSON refers to them as ${FACETRUST_...} placeholders,
# which Keycloak resolves from the environment when it imports the realm (only on the first start: an existing
# realm is never re-imported).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/../../../.." && pwd)"
KC_VERSION="${FACETRUST_KC_VERSION:-26.7.3}"

PORT="${FACETRUST_KC_PORT:-8180}"
INSTANCE="${FACETRUST_KC_INSTANCE:-$PROJECT_DIR/var/keycloak}"
DIST="${FACETRUST_KC_DIST:-$PROJECT_DIR/server-config/target/keycloak/keycloak-$KC_VERSION}"
HEAP="${FACETRUST_KC_HEAP:--Xms64m -Xmx512m}"
WAIT_SECONDS="${FACETRUST_KC_WAIT_SECONDS:-240}"

SERVER="$INSTANCE/server"
SECRETS="$INSTANCE/demo-accounts.env"
PIDFILE="$INSTANCE/keycloak.pid"
LOG="$INSTANCE/keycloak.log"
REALM_URL="http://127.0.0.1:$PORT/realms/facetrust"

log() { echo "[keycloak] $*" >&2; }

# A password that satisfies the realm's policy (A-8.1.1): 20 characters, every class present, shuffled.
# The special characters avoid quotes, '\\', '$', '&', '+' and '%' so the value is safe in JSON, shell and forms.
generate_password() {
  {
    LC_ALL=C tr -dc 'A-Z' </dev/urandom | head -c 5
    LC_ALL=C tr -dc 'a-z' </dev/urandom | head -c 7
    LC_ALL=C tr -dc '0-9' </dev/urandom | head -c 4
    LC_ALL=C tr -dc '!#,.:=?@^_~-' </dev/urandom | head -c 4
  } | fold -w1 | shuf --random-source=/dev/urandom | tr -d '\n'
}

generate_secret() { LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 40; }

is_running() {
  [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

prepare_instance() {
  if [[ ! -x "$DIST/bin/kc.sh" ]]; then
    log "Keycloak distribution not found at $DIST"
    log "build it first: mvn -pl server-config package   (unpacks org.keycloak:keycloak-quarkus-dist:$KC_VERSION)"
    exit 2
  fi
  mkdir -p "$INSTANCE"
  chmod 700 "$INSTANCE"
  if [[ ! -d "$SERVER" ]]; then
    # Each instance gets its own copy: the start-dev build step writes into the distribution folder, and the
    # demo and the tests must not share data or a build.
    log "creating instance in $INSTANCE"
    cp -a "$DIST" "$SERVER"
  fi
  mkdir -p "$SERVER/data/import"
  cp "$SCRIPT_DIR/realm/facetrust-realm.json" "$SERVER/data/import/facetrust-realm.json"

  if [[ ! -f "$SECRETS" ]]; then
    umask 077
    {
      echo "# FaceTrust demo accounts, generated $(date -u +%Y-%m-%dT%H:%M:%SZ) for Keycloak on port $PORT. Keep secret."
      echo "FACETRUST_KC_URL='http://127.0.0.1:$PORT'"
      echo "KC_BOOTSTRAP_ADMIN_USERNAME='kcadmin'"
      echo "KC_BOOTSTRAP_ADMIN_PASSWORD='$(generate_password)'"
      echo "FACETRUST_ADMIN_PASSWORD='$(generate_password)'"
      echo "FACETRUST_OPERATOR_PASSWORD='$(generate_password)'"
      echo "FACETRUST_AUDITOR_PASSWORD='$(generate_password)'"
      echo "FACETRUST_CONSOLE_CLIENT_SECRET='$(generate_secret)'"
      echo "FACETRUST_INTERNAL_APP_SECRET='$(generate_secret)'"
    } > "$SECRETS"
    chmod 600 "$SECRETS"
    FIRST_START=1
  fi
}

print_accounts() {
  # shellcheck disable=SC1090
  source "$SECRETS"
  cat <<EOF
==================== FaceTrust demo accounts (shown once; kept in $SECRETS, mode 0600) ====================
 Keycloak admin console  http://127.0.0.1:$PORT/admin/   user kcadmin      password $KC_BOOTSTRAP_ADMIN_PASSWORD
 realm facetrust         admin    (sysadmin, must set up OTP at first login)   password $FACETRUST_ADMIN_PASSWORD
                         operator (data operator)                              password $FACETRUST_OPERATOR_PASSWORD
                         auditor  (auditor)                                    password $FACETRUST_AUDITOR_PASSWORD
 client facetrust-console       (OIDC, confidential)  secret $FACETRUST_CONSOLE_CLIENT_SECRET
 client facetrust-internal-app  (client credentials; enrol, verify, identify)  secret $FACETRUST_INTERNAL_APP_SECRET
=============================================================================================================
EOF
}

wait_ready() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  while (( SECONDS < deadline )); do
    if curl -fsS -o /dev/null "$REALM_URL/.well-known/openid-configuration" 2>/dev/null; then
      log "ready: $REALM_URL"
      return 0
    fi
    if [[ -f "$PIDFILE" ]] && ! is_running; then
      log "Keycloak exited during start-up; last lines of $LOG:"
      tail -n 30 "$LOG" >&2 || true
      return 1
    fi
    sleep 1
  done
  log "not ready after ${WAIT_SECONDS}s; see $LOG"
  return 1
}

start() {
  if is_running; then
    log "already running (pid $(cat "$PIDFILE")) on port $PORT"
    wait_ready
    return
  fi
  FIRST_START=0
  prepare_instance
  rm -f "$PIDFILE"
  (
    set -a
    # shellcheck disable=SC1090
    source "$SECRETS"
    set +a
    export JAVA_OPTS_KC_HEAP="$HEAP" FACETRUST_KC_PIDFILE="$PIDFILE"
    cd "$SERVER"
    # setsid: Keycloak gets its own session and process group (its pid is the group id), so 'stop' ends exactly
    # this Keycloak and a Ctrl-C in the caller's terminal reaches the caller's trap (which calls 'stop') only.
    # kc.sh ends with 'exec java', so the pid written here is the server's.
    setsid bash -c 'echo $$ > "$FACETRUST_KC_PIDFILE"; exec "$@"' keycloak ./bin/kc.sh start-dev \
      --http-host=127.0.0.1 --http-port="$PORT" \
      --hostname="http://127.0.0.1:$PORT" \
      --import-realm \
      --health-enabled=false --metrics-enabled=false \
      >"$LOG" 2>&1 </dev/null &
  )
  for _ in $(seq 1 50); do [[ -s "$PIDFILE" ]] && break; sleep 0.1; done
  log "starting on http://127.0.0.1:$PORT (pid $(cat "$PIDFILE"), log $LOG)"
  wait_ready
  if [[ "$FIRST_START" == 1 ]]; then
    print_accounts
  else
    log "demo accounts: $SECRETS"
  fi
}

stop() {
  if ! is_running; then
    log "not running"
    rm -f "$PIDFILE"
    return 0
  fi
  local pid; pid="$(cat "$PIDFILE")"
  log "stopping pid $pid"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; log "stopped"; return 0; }
    sleep 1
  done
  log "still running after 30 s: killing"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  wait) wait_ready ;;
  status) if is_running; then echo running; else echo stopped; exit 3; fi ;;
  env) [[ -f "$SECRETS" ]] || { log "no secrets yet: run start first"; exit 2; }; grep -v '^#' "$SECRETS" ;;
  *) echo "usage: $0 start|stop|wait|status|env" >&2; exit 64 ;;
esac
