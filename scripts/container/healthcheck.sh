#!/bin/bash
# The image's HEALTHCHECK: GET /health on the port the server listens on ($PORT, else 8000);
# healthy on a 200 only (the server answers 503 while no model is loaded). Uses bash's /dev/tcp,
# so the runtime image needs no HTTP client. scripts/container/check.sh runs this very file.
exec 3<>"/dev/tcp/127.0.0.1/${PORT:-8000}" || exit 1
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 2 status <&3 || exit 1
case "$status" in
  "HTTP/1."?" 200 "*) exit 0 ;;
  *) echo "unhealthy: $status" >&2; exit 1 ;;
esac
