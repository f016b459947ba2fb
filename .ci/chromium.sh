#!/usr/bin/env bash
# Installs Debian's Chromium for the web console tests when /usr/bin/chromium is missing. The tests
# drive it headless through playwright-core. Playwright's own browser download needs hosts that the
# test machines cannot reach, so the browser comes from the distribution's packages.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "Chromium is missing at /usr/bin/chromium; install Debian's 'chromium' package as root." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
test -x /usr/bin/chromium
