#!/usr/bin/env bash
# Builds the cluster DNS server of tier 2, CoreDNS, from the Go module proxy, once, into a cache
# outside the checkout keyed by version: $WEFT_K8S_CACHE/coredns/$COREDNS_VERSION/coredns (default
# /var/cache/weft-k8s/coredns/v1.15.0/coredns). Idempotent: nothing is rebuilt when the binary is
# there and reports the pinned version.
#
# Why a module of our own: CoreDNS's own main links every plugin (route53, azure, etcd, ...), which
# pulls in cloud SDKs the local cluster never uses. CoreDNS supports a main of its own that sets
# dnsserver.Directives and imports only the plugins it lists; this one serves the cluster zone from
# the API (kubernetes), with bind, ready, errors and cache. No forward plugin: nothing outside the
# machine is reachable, so names outside cluster.local answer SERVFAIL at once.
set -euo pipefail

COREDNS_VERSION="${COREDNS_VERSION:-v1.15.0}"
CACHE_ROOT="${WEFT_K8S_CACHE:-/var/cache/weft-k8s}"
DIR="$CACHE_ROOT/coredns/$COREDNS_VERSION"
BIN="$DIR/coredns"

command -v go >/dev/null || { echo "build-coredns: go is required (Go module proxy build)" >&2; exit 1; }
mkdir -p "$DIR"
exec 9>"$DIR/.lock"
if ! flock -n 9; then
  echo "build-coredns: another build of $COREDNS_VERSION is running; waiting for it" >&2
  flock 9
fi
if "$BIN" -version 2>/dev/null | grep -qF "CoreDNS-${COREDNS_VERSION#v}"; then
  echo "build-coredns: $COREDNS_VERSION already built: $BIN"
  exit 0
fi

src="$DIR/src"
mkdir -p "$src"
cd "$src"
cat >go.mod <<EOF
module weft.local/corednsbuild

go 1.26.0

require github.com/coredns/coredns $COREDNS_VERSION
EOF
cat >main.go <<'GO'
// Command coredns is CoreDNS with only the plugins the local cluster's DNS uses.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/ready"
)

func main() {
	// Order matters: the same relative order as CoreDNS's own plugin.cfg.
	dnsserver.Directives = []string{"bind", "ready", "errors", "cache", "kubernetes"}
	coremain.Run()
}
GO
echo "build-coredns: go mod tidy"
go mod tidy
echo "build-coredns: go build (a few minutes on 2 busy cores)"
start=$(date +%s)
CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath -ldflags "-s -w" -o "$BIN.partial" .
mv "$BIN.partial" "$BIN"
echo "build-coredns: built in $(( $(date +%s) - start )) s"
"$BIN" -version
