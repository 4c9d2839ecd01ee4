#!/bin/sh
# install-deps.sh [--if-missing] - installs the Debian packages accusegraph builds and tests with.
# parallel and python3-distributed are for the cluster tests only (t0700 skips without them).
# Idempotent: does nothing when every package is already installed. Uses sudo only when not root.
set -e
PKGS="build-essential pkg-config libigraph-dev libcjson-dev libcsv-dev libutf8proc-dev libgraphviz-dev graphviz
libxlsxwriter-dev libxml2-utils python3 python3-networkx python3-igraph python3-openpyxl libreoffice-calc-nogui
fonts-dejavu-core clang parallel python3-distributed"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
