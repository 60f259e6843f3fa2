#!/usr/bin/env bash
# FaceTrust: build everything, then run Keycloak and WildFly (with the application) on 127.0.0.1.
# Ctrl-C (or SIGTERM) stops both servers cleanly.
#
#   ./server-config/run.sh              build (models fetched, server provisioned, EAR) and run
#   ./server-config/run.sh --no-build   run what was built last time
#
# Environment (all optional; see docs/operations.md):
#   FACETRUST_PORT_OFFSET   added to every WildFly port (default 0: HTTP 8080, HTTPS 8443, management 9990)
#   FACETRUST_KC_PORT       Keycloak port (default 8180; read by keycloak.sh too)
#   FACETRUST_WILDFLY_BASE  WildFly base directory: configuration, H2 stores, logs (default <project>/var/wildfly)
#   FACETRUST_WILDFLY_HEAP  WildFly heap options (default "-Xms256m -Xmx2g")
#   FACETRUST_WAIT_SECONDS  how long to wait for WildFly to become ready (default 600)
#   FACETRUST_KC_WAIT_SECONDS  same for Keycloak (default 600 here; a first start on a busy 2-core machine took 140 s)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

OFFSET="${FACETRUST_PORT_OFFSET:-0}"
KC_PORT="${FACETRUST_KC_PORT:-8180}"
export FACETRUST_KC_PORT="$KC_PORT"
BASE="${FACETRUST_WILDFLY_BASE:-$ROOT/var/wildfly}"
HEAP="${FACETRUST_WILDFLY_HEAP:--Xms256m -Xmx2g}"
WAIT_SECONDS="${FACETRUST_WAIT_SECONDS:-600}"
export FACETRUST_KC_WAIT_SECONDS="${FACETRUST_KC_WAIT_SECONDS:-600}"

SERVER="$ROOT/server-config/target/server"
KEYCLOAK="$ROOT/server-config/src/main/keycloak/keycloak.sh"
EAR="$ROOT/ear/target/facetrust.ear"
CONSOLE_WAR="$ROOT/web/console/target/facetrust-console.war"
PIDFILE="$BASE/wildfly.pid"

HTTP_PORT=$((8080 + OFFSET))
HTTPS_PORT=$((8443 + OFFSET))
MGMT_PORT=$((9990 + OFFSET))
REALM_URL="http://127.0.0.1:$KC_PORT/realms/facetrust"

log() { echo "[facetrust] $*" >&2; }

build() {
  log "building (first run downloads dependencies, npm models and WildFly: several minutes)"
  # Tests are not run here: 'mvn verify' is the test command. maven.test.skip also skips test compilation.
  mvn -B -ntp -q package -Dmaven.test.skip=true
}

# The base directory keeps what belongs to this installation (H2 stores, generated TLS key store, logs) and takes
# everything else fresh from the provisioned server at every start: the server configuration is code.
prepare_base() {
  [[ -x "$SERVER/bin/standalone.sh" ]] || { log "no provisioned server at $SERVER: run without --no-build"; exit 2; }
  [[ -f "$EAR" ]] || { log "no EAR at $EAR: run without --no-build"; exit 2; }
  mkdir -p "$BASE/configuration" "$BASE/deployments" "$BASE/data" "$BASE/log"
  chmod 700 "$BASE"
  local f
  for f in "$SERVER"/standalone/configuration/*; do
    case "$(basename "$f")" in
      application.keystore | standalone_xml_history) ;;
      *) cp -r "$f" "$BASE/configuration/" ;;
    esac
  done
  # One deployment method only (deployment scanner at boot); stale markers from an earlier run are cleared so the
  # current build is what gets deployed.
  rm -f "$BASE"/deployments/*.{deployed,failed,undeployed,pending,isdeploying,isundeploying,skipdeploy,dodeploy}
  cp "$EAR" "$BASE/deployments/facetrust.ear"
  if [[ -f "$CONSOLE_WAR" ]]; then
    cp "$CONSOLE_WAR" "$BASE/deployments/facetrust-console.war"
  else
    rm -f "$BASE/deployments/facetrust-console.war"
    log "console WAR not built ($CONSOLE_WAR): starting without the console"
  fi
}

wildfly_running() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

start_wildfly() {
  if wildfly_running; then
    log "WildFly already running (pid $(cat "$PIDFILE")); stop it first"
    exit 1
  fi
  rm -f "$PIDFILE"
  log "starting WildFly (base $BASE, log $BASE/log/server.log)"
  # setsid: WildFly gets its own process group; Ctrl-C reaches this script's trap, which shuts WildFly down in order.
  # The console's client secret stays in the environment (not on the command line, not visible in ps).
  FACETRUST_CONSOLE_CLIENT_SECRET="${FACETRUST_CONSOLE_CLIENT_SECRET:-}" \
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$PIDFILE" JAVA_OPTS="$HEAP -Djava.net.preferIPv4Stack=true" \
    setsid "$SERVER/bin/standalone.sh" \
      -Djboss.server.base.dir="$BASE" \
      -Djboss.socket.binding.port-offset="$OFFSET" \
      -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 \
      -Dmp.jwt.verify.publickey.location="$REALM_URL/protocol/openid-connect/certs" \
      -Dmp.jwt.verify.issuer="$REALM_URL" \
      -Dfacetrust.oidc.provider-url="$REALM_URL" \
      >"$BASE/log/console.out" 2>&1 </dev/null &
  for _ in $(seq 1 100); do [[ -s "$PIDFILE" ]] && break; sleep 0.1; done
}

wait_wildfly() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  while ((SECONDS < deadline)); do
    local failed
    for failed in "$BASE"/deployments/*.failed; do
      [[ -f "$failed" ]] || continue
      log "deployment failed: $(basename "$failed" .failed): $(head -c 600 "$failed")"
      return 1
    done
    if [[ -f "$BASE/deployments/facetrust.ear.deployed" ]] &&
      curl -fsS "http://127.0.0.1:$MGMT_PORT/health/ready" 2>/dev/null | grep -q '"status":"UP"'; then
      return 0
    fi
    if ! wildfly_running && ((SECONDS > 5)); then
      log "WildFly exited during start-up; last lines of $BASE/log/console.out:"
      tail -n 30 "$BASE/log/console.out" >&2 || true
      return 1
    fi
    sleep 1
  done
  log "WildFly not ready after ${WAIT_SECONDS}s; see $BASE/log/server.log"
  return 1
}

stop_wildfly() {
  wildfly_running || { rm -f "$PIDFILE"; return 0; }
  local pid; pid="$(cat "$PIDFILE")"
  log "stopping WildFly (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true # WildFly shuts down gracefully on SIGTERM
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; log "WildFly stopped"; return 0; }
    sleep 1
  done
  log "WildFly still running after 60 s: killing"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
}

STOPPING=0
shutdown() {
  ((STOPPING)) && return
  STOPPING=1
  trap '' INT TERM
  echo >&2
  stop_wildfly
  "$KEYCLOAK" stop || true
  log "all stopped"
}

main() {
  if [[ "${1:-}" != "--no-build" ]]; then build; fi
  prepare_base

  trap 'shutdown; exit 130' INT
  trap 'shutdown; exit 143' TERM

  # Keycloak and WildFly start side by side: keycloak.sh writes the generated secrets first, then boots; WildFly only
  # needs the console client's secret (MP-JWT and OIDC fetch Keycloak's keys lazily).
  "$KEYCLOAK" start &
  local kc_start=$!
  local secrets="${FACETRUST_KC_INSTANCE:-$ROOT/var/keycloak}/demo-accounts.env"
  # keycloak.sh writes the file line by line: wait for its last key, not just for the file.
  for _ in $(seq 1 600); do grep -q '^FACETRUST_INTERNAL_APP_SECRET=' "$secrets" 2>/dev/null && break; sleep 0.1; done
  set -a
  # shellcheck disable=SC1090
  eval "$("$KEYCLOAK" env)"
  set +a

  local started=$SECONDS
  start_wildfly
  if ! wait "$kc_start"; then
    log "Keycloak did not start"
    shutdown
    exit 1
  fi
  if ! wait_wildfly; then
    shutdown
    exit 1
  fi

  cat <<EOF

==================== FaceTrust is running on 127.0.0.1 (ready after $((SECONDS - started)) s) ====================
 REST API      https://127.0.0.1:$HTTPS_PORT/facetrust/api/v1/   (self-signed certificate: curl -k)
               http://127.0.0.1:$HTTP_PORT/facetrust/api/v1/     (loopback only)
 Console       https://127.0.0.1:$HTTPS_PORT/facetrust-console/
 OpenAPI       http://127.0.0.1:$HTTP_PORT/openapi
 Health        http://127.0.0.1:$MGMT_PORT/health/ready  (management interface, loopback only)
 Keycloak      http://127.0.0.1:$KC_PORT/admin/   realm: $REALM_URL
 Accounts      realm facetrust: admin (sysadmin, OTP at first login), operator, auditor;
               Keycloak admin: kcadmin; client facetrust-internal-app (client credentials)
               passwords and secrets: $secrets (mode 0600; printed above on the first run only)
 Logs          $BASE/log/server.log, $BASE/log/facetrust.log, ${FACETRUST_KC_INSTANCE:-$ROOT/var/keycloak}/keycloak.log
 Stop          Ctrl-C
==========================================================================================================
EOF

  # Stay in the foreground until WildFly ends (or Ctrl-C runs the trap).
  while wildfly_running; do sleep 1; done
  if ((!STOPPING)); then
    log "WildFly ended on its own; stopping Keycloak"
    "$KEYCLOAK" stop || true
    exit 1
  fi
}

main "$@"
