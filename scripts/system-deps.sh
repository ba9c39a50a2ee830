#!/usr/bin/env bash
# Install the Debian packages the project needs and a fresh machine lacks.
#   scripts/system-deps.sh           runtime: WeasyPrint's libraries and fonts (Latin, Cyrillic
#                                    and Arabic: fonts-noto-core; Chinese: fonts-noto-cjk),
#                                    gettext (msgfmt compiles the French and Arabic catalogues)
#   scripts/system-deps.sh test      also: Debian's headless chromium for the browser tests, poppler,
#                                    a Java runtime for veraPDF (PDF/A, PDF/UA checks) and
#                                    redis-server (the cache-outage drill starts its own)
# As root it installs them; otherwise it prints the exact apt-get line to run. Missing
# runtime packages stop the command; missing test-only ones only warn (the browser tests
# then skip with their reason, unless LMS_REQUIRE_SERVICES=1).
set -euo pipefail

runtime=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-dejavu-core
  gettext fonts-noto-cjk)
test_only=()
if [ "${1:-}" = "test" ]; then
  test_only=(chromium-headless-shell poppler-utils default-jre-headless redis-server)
fi

# One dpkg-query for all the packages (it reports the ones it does not know on stderr).
missing_from() {
  [ $# -eq 0 ] && return
  local installed
  # dpkg-query exits 1 when a package is unknown; under `set -e -o pipefail` that would end
  # this function before it printed anything, and a fresh machine would install nothing.
  installed=$'\n'$({ dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true; } |
    sed -n 's/ install ok installed$//p')$'\n'
  for pkg in "$@"; do
    [[ $installed == *$'\n'"$pkg"$'\n'* ]] || echo "$pkg"
  done
}
mapfile -t missing_runtime < <(missing_from "${runtime[@]}")
mapfile -t missing_test < <(missing_from "${test_only[@]}")
missing=("${missing_runtime[@]}" "${missing_test[@]}")
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "Missing system packages: ${missing[*]}" >&2
echo "Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
if [ ${#missing_runtime[@]} -gt 0 ] || [ "${LMS_REQUIRE_SERVICES:-0}" = "1" ]; then
  exit 1
fi
echo "Continuing: the tests that need them will say why they skip." >&2
