#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite (ctest starts and stops it as a fixture):
#
#   server.sh start STATE   initdb into a new temporary folder, start postgres on 127.0.0.1 (a
#                           free port; its unix socket in that folder), create the roles of
#                           docs/postgres.md (plantrack_owner, which runs the migrations, and
#                           plantrack, which only reads and appends) and the database plantrack;
#                           write STATE/env, which exports the URLs the suites connect with
#   server.sh stop STATE    stop it and remove the folder (also what start does first, for a
#                           server a killed run left behind)
#   server.sh restart STATE stop it (fast: connections are cut) and start it again, same port
#
# As root it runs the server as the system user postgres (Debian's postgresql package makes
# it), or else as a system user plantrack-pg it creates; as anyone else, as that user.
set -euo pipefail

cmd=${1:?usage: server.sh start|stop|restart STATE}
state=${2:?usage: server.sh start|stop|restart STATE}
mkdir -p "$state"

if [[ -z ${PLANTRACK_PG_BINDIR:-} ]]; then
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [[ -x $dir/initdb ]]; then PLANTRACK_PG_BINDIR=$dir; break; fi
  done
fi
bin=${PLANTRACK_PG_BINDIR:?no PostgreSQL server found under /usr/lib/postgresql; run: bash .ci/setup test}

as_user() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u "$(cat "$state/user")" -- "$@"; else "$@"; fi
}

stop() {
  [[ -f $state/dir ]] || return 0
  local dir
  dir=$(cat "$state/dir")
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$state/dir" "$state/env" "$state/user"
}

start() {
  stop
  local user dir port owner_pw app_pw
  if [[ $(id -u) -eq 0 ]]; then
    user=postgres
    if ! id -u "$user" >/dev/null 2>&1; then
      user=plantrack-pg
      id -u "$user" >/dev/null 2>&1 ||
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
    fi
  else
    user=$(id -un)
  fi
  echo "$user" >"$state/user"
  # As root, in /tmp: the server's user must reach it, and root's TMPDIR may be private.
  if [[ $(id -u) -eq 0 ]]; then
    dir=$(mktemp -d /tmp/plantrack-pg.XXXXXX)
  else
    dir=$(mktemp -d "${TMPDIR:-/tmp}/plantrack-pg.XXXXXX")
  fi
  echo "$dir" >"$state/dir"
  [[ $(id -u) -eq 0 ]] && chown "$user" "$dir"
  chmod 700 "$dir"
  # A free port: the kernel picks one, the server takes it right after.
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  owner_pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  app_pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')

  as_user "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C --auth-local=trust \
    --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # Throwaway data: no fsync. Loopback only; the socket in the folder only its user can enter.
  as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  as_user "$bin/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -v owner_pw="$owner_pw" -v app_pw="$app_pw" <<'SQL'
CREATE ROLE plantrack_owner LOGIN CREATEDB CREATEROLE PASSWORD :'owner_pw';
CREATE ROLE plantrack LOGIN PASSWORD :'app_pw';
CREATE DATABASE plantrack OWNER plantrack_owner;
SQL
  cat >"$state/env" <<ENV
export PLANTRACK_TEST_POSTGRES='postgresql://plantrack_owner:$owner_pw@127.0.0.1:$port/plantrack'
export PLANTRACK_TEST_POSTGRES_APP='postgresql://plantrack:$app_pw@127.0.0.1:$port/plantrack'
export PLANTRACK_PG_BINDIR='$bin'
ENV
  chmod 600 "$state/env"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir"
}

# Restart it on the same port and data (a fault under load: bench/http.sh --at S --run ...).
restart() {
  local dir
  dir=$(cat "$state/dir")
  as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
}

case $cmd in
start) start ;;
restart) restart; echo "restarted" ;;
stop) stop; echo "stopped" ;;
*) echo "usage: server.sh start|stop|restart STATE" >&2; exit 2 ;;
esac
