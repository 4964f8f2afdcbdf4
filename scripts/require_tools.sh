# Sourced by the benchmark scripts: installs a missing Debian tool (wrk, nginx, hyperfine,
# chromium, /usr/bin/time) so a benchmark runs on a fresh machine without manual set-up.
#   require_tool COMMAND DEBIAN_PACKAGE
require_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "bench: '$1' is missing; install the Debian package '$2' (apt-get install $2)" >&2
    exit 1
  fi
  echo "bench: installing $2 (for '$1')" >&2
  if [ -z "${REQUIRE_TOOLS_UPDATED:-}" ]; then
    apt-get update -qq >&2
    REQUIRE_TOOLS_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
}
