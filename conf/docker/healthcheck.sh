#!/usr/bin/env bash
# The image's HEALTHCHECK: healthy when GET /api/security/health on the admin port answers 200
# (serving; 503 while starting or draining). bash's /dev/tcp needs neither curl nor wget, which
# a JRE image need not have. WARDEN_ADMIN_PORT follows a changed admin.listen.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${WARDEN_ADMIN_PORT:-9090}"
printf 'GET /api/security/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r -t 2 _ status _ <&3
[[ $status == 200 ]]
