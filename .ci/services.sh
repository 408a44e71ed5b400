# shellcheck shell=bash
# .ci/services.sh: start PostgreSQL and a NATS server (JetStream) on
# loopback for the store and queue tests. Source it:
#
#	. .ci/services.sh            # then go test ./...
#	sitrep_services_stop         # when done (stops both, removes the data)
#
# On success it exports
#	SITREP_TEST_POSTGRES    postgres://postgres@127.0.0.1:PORT/sitrep_test?sslmode=disable
#	SITREP_TEST_NATS        nats://127.0.0.1:PORT
#	SITREP_TEST_PG_RESTART  a shell command that restarts a second PostgreSQL,
#	                        for the fault tests only, whose URL is in
#	SITREP_TEST_PG_RESTART_URL
# Anything that fails is reported on stderr and leaves its variables unset,
# so that the tests that need the service skip instead of failing CI: this
# file never exits and never returns an error, even under set -euo pipefail.
#
# PostgreSQL: the newest server under /usr/lib/postgresql/*/bin (Debian's
# postgresql package, installed with apt-get when missing and running as
# root), run with initdb into a temporary directory, trust authentication,
# listening on 127.0.0.1 only, on a free port; as root it runs as the user
# postgres (or sitrepci, created when needed).
# NATS: nats-server from PATH, else v2.15.2 built with go from the module
# cache into ~/.cache/sitrep (the version the tests embed), else Debian's
# nats-server package.
#
# Variables: SITREP_SERVICES_DIR (where the data goes; a new temp dir by
# default), SITREP_SERVICES_NO_PG=1 / SITREP_SERVICES_NO_NATS=1 to skip one.

_sitrep_say() { echo "services: $*" >&2; }

# _sitrep_port_free PORT: nothing listens on 127.0.0.1:PORT.
_sitrep_port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# _sitrep_free_port: print a port nothing listens on.
_sitrep_free_port() {
	local i p
	for i in $(seq 1 50); do
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		if _sitrep_port_free "$p"; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# _sitrep_wait_port PORT SECONDS: wait until something listens on PORT.
_sitrep_wait_port() {
	local i
	for i in $(seq 1 $(($2 * 10))); do
		if ! _sitrep_port_free "$1"; then
			return 0
		fi
		sleep 0.1
	done
	return 1
}

_sitrep_pg_bindir() {
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return 0
		fi
	done
	if command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir 2>/dev/null)
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return 0
		fi
	fi
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
		return 0
	fi
	return 1
}

_sitrep_apt_install() {
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		return 1
	fi
	_sitrep_say "installing $* with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 && return 0
	apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1
}

# _sitrep_pg_user: set runas (empty unless root) to run PostgreSQL as a
# user other than root.
_sitrep_pg_user() {
	local user
	runas=""
	if [ "$(id -u)" != 0 ]; then
		return 0
	fi
	# PostgreSQL refuses to run as root.
	user=postgres
	if ! id "$user" >/dev/null 2>&1; then
		user=sitrepci
		id "$user" >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin "$user" >/dev/null 2>&1 || {
			_sitrep_say "cannot create a user to run PostgreSQL as"
			return 1
		}
	fi
	if command -v runuser >/dev/null 2>&1; then
		runas="runuser -u $user --"
	else
		_sitrep_say "runuser missing: cannot run PostgreSQL as $user"
		return 1
	fi
	chown "$user" "$SITREP_SERVICES_DIR"
}

# _sitrep_pg_cluster NAME: initdb and start a cluster in
# $SITREP_SERVICES_DIR/NAME on a free port; sets pg_url and pg_restart.
_sitrep_pg_cluster() {
	local name=$1 port data log
	port=$(_sitrep_free_port) || { _sitrep_say "no free port for PostgreSQL"; return 1; }
	data="$SITREP_SERVICES_DIR/$name"
	log="$SITREP_SERVICES_DIR/$name.log"
	if [ -f "$data/PG_VERSION" ]; then
		: # a cluster from an earlier run in this SITREP_SERVICES_DIR: reuse it
	elif ! $runas "$bindir/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C --no-sync >"$SITREP_SERVICES_DIR/initdb-$name.log" 2>&1; then
		_sitrep_say "initdb failed:"
		tail -5 "$SITREP_SERVICES_DIR/initdb-$name.log" >&2
		return 1
	fi
	if ! $runas "$bindir/pg_ctl" -D "$data" -w -t 60 -l "$log" \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $SITREP_SERVICES_DIR -c max_connections=300 -c shared_buffers=128MB" \
		start >/dev/null 2>&1; then
		_sitrep_say "PostgreSQL did not start:"
		tail -5 "$log" >&2
		return 1
	fi
	_SITREP_PG_STOP="${_SITREP_PG_STOP:-}${_SITREP_PG_STOP:+;}$runas $bindir/pg_ctl -D $data -w -m fast stop"
	if ! "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'sitrep_test'" 2>/dev/null | grep -q 1 &&
		! "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE sitrep_test" >/dev/null 2>&1; then
		_sitrep_say "cannot create database sitrep_test"
		return 1
	fi
	pg_url="postgres://postgres@127.0.0.1:$port/sitrep_test?sslmode=disable"
	pg_restart="$runas $bindir/pg_ctl -D $data -w -t 60 -m fast -l $log restart"
	_sitrep_say "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($name)"
}

# _sitrep_start_pg starts two clusters: one the tests share, and one that
# the fault tests restart (restarting the shared one would break the tests
# of other packages that go test runs at the same time).
_sitrep_start_pg() {
	local bindir runas pg_url pg_restart
	bindir=$(_sitrep_pg_bindir) || {
		_sitrep_apt_install postgresql && bindir=$(_sitrep_pg_bindir)
	} || {
		_sitrep_say "no PostgreSQL server binaries (initdb, pg_ctl) and apt-get could not install them; SITREP_TEST_POSTGRES stays unset"
		return 1
	}
	_sitrep_pg_user || return 1
	_sitrep_pg_cluster pg || return 1
	export SITREP_TEST_POSTGRES="$pg_url"
	if _sitrep_pg_cluster pgr; then
		export SITREP_TEST_PG_RESTART_URL="$pg_url"
		export SITREP_TEST_PG_RESTART="$pg_restart"
	else
		_sitrep_say "the PostgreSQL restart test will skip"
	fi
}

_sitrep_nats_bin() {
	local cache bin root
	if command -v nats-server >/dev/null 2>&1; then
		command -v nats-server
		return 0
	fi
	cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/sitrep"
	bin="$cache/nats-server-v2.15.2"
	if [ -x "$bin" ]; then
		echo "$bin"
		return 0
	fi
	root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	if command -v go >/dev/null 2>&1 && mkdir -p "$cache"; then
		_sitrep_say "building nats-server v2.15.2 into $cache"
		# The module is a test dependency of sitrep: go.mod pins it.
		if (cd "$root" && CGO_ENABLED=0 go build -o "$bin.tmp" github.com/nats-io/nats-server/v2) >"$cache/build.log" 2>&1 ||
			(cd "$cache" && CGO_ENABLED=0 GOFLAGS= GOBIN="$cache/gobin" go install github.com/nats-io/nats-server/v2@v2.15.2 &&
				mv "$cache/gobin/nats-server" "$bin.tmp") >>"$cache/build.log" 2>&1; then
			mv "$bin.tmp" "$bin" && echo "$bin" && return 0
		fi
		_sitrep_say "building nats-server failed (see $cache/build.log)"
	fi
	if _sitrep_apt_install nats-server && command -v nats-server >/dev/null 2>&1; then
		command -v nats-server
		return 0
	fi
	return 1
}

_sitrep_start_nats() {
	local bin port
	bin=$(_sitrep_nats_bin) || {
		_sitrep_say "no nats-server (not in PATH, go build and apt-get failed); SITREP_TEST_NATS stays unset"
		return 1
	}
	port=$(_sitrep_free_port) || { _sitrep_say "no free port for NATS"; return 1; }
	mkdir -p "$SITREP_SERVICES_DIR/nats" || return 1
	"$bin" -a 127.0.0.1 -p "$port" -js -sd "$SITREP_SERVICES_DIR/nats" -l "$SITREP_SERVICES_DIR/nats.log" \
		-P "$SITREP_SERVICES_DIR/nats.pid" </dev/null >/dev/null 2>&1 &
	_SITREP_NATS_PID=$!
	if ! _sitrep_wait_port "$port" 20; then
		_sitrep_say "nats-server did not start:"
		tail -5 "$SITREP_SERVICES_DIR/nats.log" >&2
		kill "$_SITREP_NATS_PID" 2>/dev/null
		_SITREP_NATS_PID=""
		return 1
	fi
	export SITREP_TEST_NATS="nats://127.0.0.1:$port"
	_sitrep_say "nats-server $("$bin" --version 2>/dev/null | awk '{print $NF}') on 127.0.0.1:$port"
}

# sitrep_services_stop stops what this file started and removes its data.
sitrep_services_stop() {
	if [ -n "${_SITREP_PG_STOP:-}" ]; then
		local cmd
		while IFS= read -r -d ';' cmd || [ -n "$cmd" ]; do
			$cmd >/dev/null 2>&1 || true
		done <<<"$_SITREP_PG_STOP"
		_SITREP_PG_STOP=""
	fi
	if [ -n "${_SITREP_NATS_PID:-}" ]; then
		kill "$_SITREP_NATS_PID" 2>/dev/null || true
		wait "$_SITREP_NATS_PID" 2>/dev/null || true
		_SITREP_NATS_PID=""
	fi
	if [ -n "${_SITREP_SERVICES_OWN_DIR:-}" ] && [ -d "$_SITREP_SERVICES_OWN_DIR" ]; then
		rm -rf "$_SITREP_SERVICES_OWN_DIR"
		_SITREP_SERVICES_OWN_DIR=""
	fi
	unset SITREP_TEST_POSTGRES SITREP_TEST_NATS SITREP_TEST_PG_RESTART SITREP_TEST_PG_RESTART_URL
	return 0
}

_sitrep_services_main() {
	# Sourced twice: stop what the first time started.
	if [ -n "${_SITREP_PG_STOP:-}${_SITREP_NATS_PID:-}" ]; then
		sitrep_services_stop
	fi
	unset SITREP_TEST_POSTGRES SITREP_TEST_NATS SITREP_TEST_PG_RESTART SITREP_TEST_PG_RESTART_URL
	if [ -z "${SITREP_SERVICES_DIR:-}" ]; then
		SITREP_SERVICES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-services.XXXXXX") || return 1
		_SITREP_SERVICES_OWN_DIR=$SITREP_SERVICES_DIR
	fi
	mkdir -p "$SITREP_SERVICES_DIR" && chmod 755 "$SITREP_SERVICES_DIR" || return 1
	if [ "${SITREP_SERVICES_NO_PG:-}" != 1 ]; then
		_sitrep_start_pg || _sitrep_say "PostgreSQL tests will skip"
	fi
	if [ "${SITREP_SERVICES_NO_NATS:-}" != 1 ]; then
		_sitrep_start_nats || _sitrep_say "external-NATS tests will skip (in-process NATS tests still run)"
	fi
	return 0
}

# Under `set -e` a failure inside a function called from an || list does
# not exit the shell, so this line is safe in .ci/run.
_sitrep_services_main || _sitrep_say "could not set up services; their tests will skip"
