#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1 for the PostgreSQL store tests, and prints on stdout the line
# that exports ECSLOCAL_TEST_POSTGRES. Progress goes to stderr. Installs Debian's postgresql package when no server
# binaries are present (needs root). Running it again while the cluster is up only prints the line again.
#
#   eval "$(bash .ci/postgres.sh)"     start (or reuse) the cluster and export the variable
#   bash .ci/postgres.sh stop          stop the cluster and delete its directory
#
# ECSLOCAL_POSTGRES_PORT sets the port (default 55432). The cluster lives in ${TMPDIR:-/tmp}/ecslocal-postgres-PORT
# and is owned by the postgres system user when the script runs as root, because the server refuses to run as root.
set -euo pipefail

port=${ECSLOCAL_POSTGRES_PORT:-55432}
state_dir="${TMPDIR:-/tmp}/ecslocal-postgres-$port"
data_dir="$state_dir/data"
socket_dir="$state_dir/socket"
log_file="$state_dir/server.log"
start_timeout_seconds=30
role=ecslocal
password=ecslocal

log() {
  echo "postgres.sh: $*" >&2
}

find_bin_dir() {
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
  fi
}

install_server() {
  if [[ $(id -u) -ne 0 ]]; then
    log "PostgreSQL is not installed and installing it needs root; run 'apt-get install -y postgresql' as root first."
    exit 1
  fi

  log "installing Debian's postgresql package"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# Runs a command as the owner of the cluster: the postgres user under root, the current user otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

print_export() {
  echo "export ECSLOCAL_TEST_POSTGRES=\"Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=postgres\""
}

is_ready() {
  "$bin_dir/pg_isready" -q -h 127.0.0.1 -p "$port"
}

stop_cluster() {
  if [[ -f "$data_dir/PG_VERSION" ]] && [[ -n "$bin_dir" ]]; then
    as_owner "$bin_dir/pg_ctl" -D "$data_dir" -m fast -w stop >&2 || log "the cluster in $data_dir was not running"
  fi

  rm -rf "$state_dir"
  log "stopped and removed $state_dir"
}

create_cluster() {
  rm -rf "$state_dir"
  mkdir -p "$data_dir" "$socket_dir"
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres:postgres "$state_dir"
  fi

  chmod 700 "$data_dir"
  log "creating a cluster in $data_dir"
  as_owner "$bin_dir/initdb" -D "$data_dir" -U postgres --encoding=UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 >"$state_dir/initdb.log" 2>&1 || {
    cat "$state_dir/initdb.log" >&2
    exit 1
  }
}

# fsync and full-page writes are off because the cluster holds only test data and is deleted after the run.
start_cluster() {
  local options="-c listen_addresses=127.0.0.1 -p $port -k $socket_dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
  log "starting PostgreSQL on 127.0.0.1:$port"
  as_owner "$bin_dir/pg_ctl" -D "$data_dir" -l "$log_file" -o "$options" -w -t "$start_timeout_seconds" start >&2 || {
    log "the server did not start within $start_timeout_seconds s; its log follows"
    cat "$log_file" >&2 || true
    exit 1
  }
}

wait_until_ready() {
  local deadline=$((SECONDS + start_timeout_seconds))
  until is_ready; do
    if ((SECONDS >= deadline)); then
      log "the server on 127.0.0.1:$port did not accept connections within $start_timeout_seconds s"
      exit 1
    fi
    sleep 0.5
  done
}

create_role() {
  as_owner "$bin_dir/psql" -h "$socket_dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
SQL
}

bin_dir=$(find_bin_dir)

if [[ "${1:-start}" == "stop" ]]; then
  stop_cluster
  exit 0
fi

if [[ "${1:-start}" != "start" ]]; then
  log "unknown command '$1'; use 'start' (the default) or 'stop'"
  exit 2
fi

if [[ -z "$bin_dir" ]]; then
  install_server
  bin_dir=$(find_bin_dir)
fi

if [[ -z "$bin_dir" ]]; then
  log "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin after the install"
  exit 1
fi

if is_ready; then
  log "a server already accepts connections on 127.0.0.1:$port; reusing it"
  print_export
  exit 0
fi

create_cluster
start_cluster
wait_until_ready
create_role
log "ready; stop it with 'bash .ci/postgres.sh stop'"
print_export
