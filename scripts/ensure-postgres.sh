#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries exist for the store tests: the tests' global setup
# (test/support/postgres-global-setup.ts) runs initdb and pg_ctl from /usr/lib/postgresql/*/bin
# on a throwaway cluster of its own. When none is there, installs Debian's postgresql with
# apt-get (needs root or sudo). Nothing to do when ACS_TEST_DATABASE_URL names a server to use.
# Never creates, starts, stops or changes a cluster itself (the package may set up Debian's
# default one; the tests never use it).
set -euo pipefail
if [ -n "${ACS_TEST_DATABASE_URL:-}" ]; then exit 0; fi
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then exit 0; fi
echo "ensure-postgres: no initdb under /usr/lib/postgresql/*/bin; installing Debian's postgresql with apt-get" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "ensure-postgres: need root or sudo to run apt-get; install postgresql yourself or set ACS_TEST_DATABASE_URL" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || {
  echo "ensure-postgres: initdb still missing under /usr/lib/postgresql/*/bin" >&2
  exit 1
}
