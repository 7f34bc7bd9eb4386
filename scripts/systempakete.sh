#!/usr/bin/env bash
# Installs the Debian packages the app and its browser tests need, if missing.
# Runs as root (CI, fresh machine); without root it only reports what is missing.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || need+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Fehlende Systempakete: ${need[*]} (bitte mit apt-get installieren)." >&2
  exit 0
fi
echo "Installiere Systempakete: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
