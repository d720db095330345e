#!/usr/bin/env bash
# System programs the tests drive: Debian's Chromium (browser tests) and Caddy (the TLS recipe's
# proxy). Install whichever is missing when we may.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium fonts-noto-core)
command -v caddy >/dev/null 2>&1 || need+=(caddy)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  exit 0
fi
echo "Missing: ${need[*]}. Install Debian's packages: sudo apt-get install ${need[*]}" >&2
exit 1
