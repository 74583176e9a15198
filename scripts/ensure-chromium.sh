#!/usr/bin/env bash
# Makes sure a Chromium for the browser tests exists. Uses $CHROMIUM_PATH or /usr/bin/chromium;
# when neither is there, installs Debian's chromium with apt-get (needs root or sudo).
# Never downloads a browser of its own (that fails on machines without general internet).
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then exit 0; fi
echo "ensure-chromium: $path not found; installing Debian's chromium with apt-get" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "ensure-chromium: need root or sudo to run apt-get; install chromium yourself or set CHROMIUM_PATH" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
[ -x "$path" ] || { echo "ensure-chromium: chromium still missing at $path" >&2; exit 1; }
