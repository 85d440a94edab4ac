#!/usr/bin/env bash
# Source it (`. scripts/use-node22.sh`): afterwards `node` on PATH is Node >= 22.12, which the
# desktop tooling declares (electron 45, and @electron/rebuild + node-abi under
# electron-builder). When the machine's node is older (Debian 12 machines here have Node 20),
# Node 22 comes from the npm registry, the one place the project installs from: the
# node-linux-<arch> package (npm checks it against the registry's integrity hash), once,
# into .tools/node22. Native modules (better-sqlite3) then build against its own headers.
# See docs/decisions/0013-electron-45-node-22-fuses.md.
SAPA_NODE22_VERSION=22.23.5

sapa_node_is_22() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}

if ! sapa_node_is_22; then
  case "$(uname -m)" in
    x86_64) sapa_node_arch=x64 ;;
    aarch64 | arm64) sapa_node_arch=arm64 ;;
    *) echo "no Node 22 package for $(uname -m): install Node >= 22.12 yourself" >&2; return 1 ;;
  esac
  sapa_node_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node22"
  sapa_node_pkg="$sapa_node_dir/node_modules/node-linux-$sapa_node_arch"
  if [ "$("$sapa_node_pkg/bin/node" --version 2>/dev/null)" != "v$SAPA_NODE22_VERSION" ]; then
    echo "== installing Node $SAPA_NODE22_VERSION (node-linux-$sapa_node_arch from the npm registry) into .tools/node22"
    mkdir -p "$sapa_node_dir"
    npm install --prefix "$sapa_node_dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node-linux-$sapa_node_arch@$SAPA_NODE22_VERSION" || return 1
  fi
  export PATH="$sapa_node_pkg/bin:$PATH"
  # Overrides a machine-wide nodedir (here /root/.npmrc says /usr, Node 20's headers).
  export npm_config_nodedir="$sapa_node_pkg"
  sapa_node_is_22 || { echo "Node $SAPA_NODE22_VERSION did not start" >&2; return 1; }
fi
echo "== node $(node --version)"
