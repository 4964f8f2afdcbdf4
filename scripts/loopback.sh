# Sourced by the scripts that start servers on this machine (bench_serve.sh, soak.sh,
# replicas.sh, profile_request.sh): a free loopback port, waiting until a server answers on one,
# and stopping the servers a script started (each one's pid goes into PIDS).

PIDS=()
stop_servers() { for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() {  # wait_http PORT: until something answers on 127.0.0.1:PORT (at most 30 s)
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$(basename "$0"): nothing answered on port $1" >&2; exit 1
}
