#!/usr/bin/env bash
# Install the Debian packages the project needs and a fresh machine lacks.
#   scripts/system-deps.sh           runtime: WeasyPrint's libraries and fonts (Latin + Arabic)
#   scripts/system-deps.sh test      also: Debian's chromium for the browser tests, poppler
# As root it installs them; otherwise it prints the exact apt-get line to run.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-dejavu-core)
if [ "${1:-}" = "test" ]; then
  packages+=(chromium poppler-utils)
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
