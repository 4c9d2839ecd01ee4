#!/bin/sh
# install-deps.sh [--if-missing] - installs the Debian packages accusegraph builds and tests with,
# and the npm packages the tests read our outputs with (graphology, graphology-graphml,
# graphology-gexf) into tests/node/node_modules (ignored by git), when npm is there.
# parallel and python3-distributed are for the cluster tests only (t0700 skips without them).
# Idempotent: does nothing when everything is already installed. Uses sudo only when not root.
set -e
npm_deps() {
  [ -d tests/node/node_modules/graphology-gexf ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: no npm: the graphology tests will be skipped" >&2
    return 0
  fi
  echo "install-deps: installing graphology, graphology-graphml, graphology-gexf into tests/node" >&2
  mkdir -p tests/node
  (cd tests/node && npm install --no-save --no-audit --no-fund --loglevel=error \
    graphology@0.26 graphology-graphml@0.5 graphology-gexf@0.13) ||
    echo "install-deps: npm install failed: the graphology tests will be skipped" >&2
}
PKGS="build-essential pkg-config libigraph-dev libcjson-dev libcsv-dev libutf8proc-dev libgraphviz-dev graphviz
libxlsxwriter-dev libminizip-dev libxml2-dev libxml2-utils python3 python3-networkx python3-igraph python3-openpyxl libreoffice-calc-nogui
fonts-dejavu-core clang parallel python3-distributed"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then npm_deps; exit 0; fi
echo "install-deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
npm_deps
