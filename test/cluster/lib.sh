# Shared by test/cluster/run and bench/cluster: start extra PostgreSQL
# clusters (unix sockets in a mktemp dir only, no TCP) with the binaries of
# the PostgreSQL that segindex was built for, and stop them on exit.
#
#   shard_start N      starts N clusters; sets SHARD_DIR, SHARD_PORTS, SHARD_BIN
#   shard_psql I ...   psql on cluster I (1-based) as superuser postgres
#   shard_stop         stops them and removes SHARD_DIR (called by the trap)
#   citus_start [conf...]  three clusters with Citus preloaded: cluster 1 the
#                      coordinator, 2 and 3 its workers; citus and segindex in
#                      database postgres of each

: "${PG_CONFIG:=$(for c in /usr/lib/postgresql/15/bin/pg_config pg_config; do
	command -v "$c" >/dev/null 2>&1 && { echo "$c"; break; }; done)}"
SHARD_BIN=$("$PG_CONFIG" --bindir)
SHARD_DIR=""
SHARD_PORTS=""

# Clusters run as the current user, or as postgres when we are root.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A port no other server uses: ask the kernel for a free loopback port (the
# clusters listen on their socket only, but the number names the socket).
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

shard_stop() {
	[ -n "$SHARD_DIR" ] || return 0
	for d in "$SHARD_DIR"/c*; do
		[ -f "$d/PG_VERSION" ] && as_owner "$SHARD_BIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
	done
	rm -rf "$SHARD_DIR"
	SHARD_DIR=""
	SHARD_PORTS=""
}

# shard_start N [extra postgresql.conf line...]
shard_start() {
	n=$1; shift
	SHARD_DIR=$(mktemp -d "${TMPDIR:-/tmp}/segindex-cluster.XXXXXX")
	chmod 755 "$SHARD_DIR"
	[ "$(id -u)" -eq 0 ] && chown postgres "$SHARD_DIR"
	i=1
	while [ "$i" -le "$n" ]; do
		d=$SHARD_DIR/c$i
		port=$(free_port)
		as_owner "$SHARD_BIN/initdb" -U postgres -A trust -D "$d" >/dev/null
		{
			echo "port = $port"
			echo "listen_addresses = ''"
			echo "unix_socket_directories = '$SHARD_DIR'"
			echo "max_worker_processes = 16"
			echo "fsync = off"
			for line in "$@"; do echo "$line"; done
		} >>"$d/postgresql.conf"
		as_owner "$SHARD_BIN/pg_ctl" -D "$d" -l "$d/log" -w start >/dev/null
		SHARD_PORTS="$SHARD_PORTS $port"
		i=$((i + 1))
	done
}

shard_port() { echo $SHARD_PORTS | cut -d' ' -f"$1"; }

shard_psql() {
	i=$1; shift
	"$SHARD_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SHARD_DIR" -p "$(shard_port "$i")" -U postgres "$@"
}

citus_start() {
	shard_start 3 "shared_preload_libraries = 'citus'" "max_connections = 100" "$@"
	for i in 1 2 3; do
		# Citus connects to its own node too: by socket directory, not localhost.
		shard_psql "$i" -d postgres -c "SET client_min_messages = warning" \
			-c "CREATE EXTENSION citus" -c "CREATE EXTENSION segindex CASCADE" \
			-c "ALTER SYSTEM SET citus.local_hostname = '$SHARD_DIR'" \
			-c "SELECT pg_reload_conf()" >/dev/null
	done
	shard_psql 1 -d postgres -c "SET client_min_messages = warning" \
		-c "SELECT citus_set_coordinator_host('$SHARD_DIR', $(shard_port 1))" \
		-c "SELECT citus_add_node('$SHARD_DIR', $(shard_port 2))" \
		-c "SELECT citus_add_node('$SHARD_DIR', $(shard_port 3))" >/dev/null
}
