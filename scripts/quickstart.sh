#!/usr/bin/env bash
# Installs what a fresh Debian machine with Swift lacks, builds the CLI, and runs the filter
# with the default rule pack on a sample attack and a sample benign prompt.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pkg-config --exists libpcre2-8 2>/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpcre2-dev pkg-config >/dev/null
fi

swift build -c release --product parapet
bin=.build/release/parapet

echo "== attack:  $(cat examples/attack.txt)"
set +e
"$bin" scan examples/attack.txt; echo "   exit code $? (1 = blocked)"
echo "== benign:  $(cat examples/benign.txt)"
"$bin" scan examples/benign.txt; echo "   exit code $? (0 = allowed, text forwarded above)"
