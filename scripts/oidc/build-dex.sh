#!/usr/bin/env bash
# Builds Dex (the OpenID Connect provider the OIDC sign-in tests run against) from the Go module
# proxy, once, into a cache outside the checkout keyed by version:
# $WEFT_DEX_CACHE/$DEX_VERSION/bin/dex (default /var/cache/weft-dex/<version>/bin/dex).
# Idempotent: a cached binary is kept; a missing one is rebuilt. Prints the binary's path last.
#
# Why a module of our own, and one patch: Dex's go.mod replaces github.com/dexidp/dex/api/v2 (its
# gRPC admin API) with a local directory, so `go install github.com/dexidp/dex/cmd/dex@<version>`
# is refused, and the proxy serves only api/v2 v2.4.0, older than that API at this commit. The
# proxy serves Dex itself only as pseudo-versions (its v2.x tags lack a /v2 module path), so the
# version is a commit. The build copies Dex's module source and removes the one line of
# cmd/dex/serve.go that registers the gRPC admin API (enabled only by a `grpc:` config section,
# which the tests never set); the OpenID Connect provider, its storage and its login pages are
# built unchanged. The tests drive only the provider.
set -euo pipefail

DEX_VERSION="${DEX_VERSION:-v0.0.0-20260806151424-ab64ed778070}"
CACHE_ROOT="${WEFT_DEX_CACHE:-/var/cache/weft-dex}"
DIR="$CACHE_ROOT/$DEX_VERSION"
BIN="$DIR/bin/dex"

command -v go >/dev/null || { echo "build-dex: go is required (Go module proxy build)" >&2; exit 1; }
mkdir -p "$DIR/bin" "$DIR/src"
# One build at a time per version: a second caller waits, then finds the binary built.
exec 9>"$DIR/.lock"
if ! flock -n 9; then
  echo "build-dex: another build of $DEX_VERSION is running; waiting for it" >&2
  flock 9
fi
if [ -x "$BIN" ]; then
  echo "build-dex: $DEX_VERSION already built" >&2
  echo "$BIN"
  exit 0
fi

start=$(date +%s)
echo "build-dex: downloading github.com/dexidp/dex@$DEX_VERSION" >&2
src_dir="$(cd "$DIR" && GOFLAGS=-mod=mod go mod download -json "github.com/dexidp/dex@$DEX_VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",\?$/\1/p')"
[ -d "$src_dir" ] || { echo "build-dex: could not download github.com/dexidp/dex@$DEX_VERSION" >&2; exit 1; }
rm -rf "$DIR/src"
mkdir -p "$DIR/src"
cp -R "$src_dir" "$DIR/src/dex"
chmod -R u+w "$DIR/src/dex"
serve="$DIR/src/dex/cmd/dex/serve.go"
grep -q 'api.RegisterDexServer(grpcSrv, apiserver.NewAPI' "$serve" ||
  { echo "build-dex: cmd/dex/serve.go is not the expected one; update the patch for $DEX_VERSION" >&2; exit 1; }
sed -i -e 's#^\(\s*\)api.RegisterDexServer(grpcSrv, apiserver.NewAPI(.*#\1_ = version // gRPC admin API left out: see scripts/oidc/build-dex.sh#' \
  -e '\#"github.com/dexidp/dex/api/v2"#d' -e '\#"github.com/dexidp/dex/server/apiserver"#d' "$serve"
cd "$DIR/src/dex"
# The replaced directory is not part of the module's download; nothing built imports it now.
go mod edit -dropreplace github.com/dexidp/dex/api/v2
echo "build-dex: building dex (CGO for its SQLite storage)" >&2
GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$BIN.tmp" ./cmd/dex >&2
mv "$BIN.tmp" "$BIN"
echo "build-dex: built in $(( $(date +%s) - start ))s" >&2
echo "$BIN"
