#!/usr/bin/env bash
# Builds the pinned Kubernetes components (kube-apiserver, kube-controller-manager, kube-scheduler,
# kubelet, kube-proxy, kubectl) and etcd from the Go module proxy, once, into a cache outside the checkout keyed
# by version: $WEFT_K8S_CACHE/$K8S_VERSION/bin (default /var/cache/weft-k8s/v1.36.3/bin).
# Idempotent: when every binary is there and reports the pinned version, nothing is rebuilt; when
# only some are missing (a cache from before kube-proxy joined the list), only those are built.
#
# Why a module of our own: `go install k8s.io/kubernetes/cmd/...@vX` is refused because
# k8s.io/kubernetes's go.mod replaces its staging modules with local directories. A module that
# requires k8s.io/kubernetes and replaces every staging module k8s.io/X with its published
# v0.<minor>.<patch> tag builds the same code. etcd comes from the same module graph
# (go.etcd.io/etcd/server/v3, the version kube-apiserver is tested against) through etcdmain.Main.
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-v1.36.3}"
CACHE_ROOT="${WEFT_K8S_CACHE:-/var/cache/weft-k8s}"
DIR="$CACHE_ROOT/$K8S_VERSION"
BIN="$DIR/bin"
COMPONENTS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)

command -v go >/dev/null || { echo "build-k8s: go is required (Go module proxy build)" >&2; exit 1; }

# One build at a time per version: a second caller (e.g. `cluster up` while .ci/run's background
# build is still compiling) waits here, then finds the binaries built.
mkdir -p "$DIR"
exec 9>"$DIR/.lock"
if ! flock -n 9; then
  echo "build-k8s: another build of $K8S_VERSION is running; waiting for it" >&2
  flock 9
fi

# A binary counts as built when it is there and (for the Kubernetes ones) reports the pinned version.
version_of() { if [ "$1" = kubectl ]; then "$BIN/kubectl" version --client 2>/dev/null; else "$BIN/$1" --version 2>/dev/null; fi; }
missing=()
for c in "${COMPONENTS[@]}"; do
  # Read whole before matching: `grep -q` closing the pipe early would fail it under pipefail.
  reported="$(version_of "$c" || true)"
  [[ "$reported" == *"$K8S_VERSION"* ]] || missing+=("$c")
done
[ -x "$BIN/etcd" ] || missing+=(etcd)
if [ "${#missing[@]}" -eq 0 ]; then
  echo "build-k8s: $K8S_VERSION already built in $BIN"
  exit 0
fi

minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
staging_version="v0.${K8S_VERSION#v1.}"
src="$DIR/src"
mkdir -p "$src/etcd" "$BIN"
cd "$src"

echo "build-k8s: resolving k8s.io/kubernetes@$K8S_VERSION"
# The staging module list is read from k8s.io/kubernetes's own go.mod (its `=> ./staging/...` lines).
kube_gomod="$(GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",\?$/\1/p')"
[ -f "$kube_gomod" ] || { echo "build-k8s: could not download k8s.io/kubernetes@$K8S_VERSION" >&2; exit 1; }
mapfile -t staging < <(sed -n 's#^\s*\(k8s\.io/[A-Za-z0-9._/-]*\) => \./staging/.*#\1#p' "$kube_gomod" | sort -u)
[ "${#staging[@]}" -gt 10 ] || { echo "build-k8s: no staging modules found in $kube_gomod" >&2; exit 1; }

{
  echo "module weft.local/k8sbuild"
  echo
  sed -n 's/^go \([0-9.]*\)$/go \1/p' "$kube_gomod" | head -1
  echo
  echo "require k8s.io/kubernetes $K8S_VERSION"
  echo
  for m in "${staging[@]}"; do echo "replace $m => $m $staging_version"; done
} >go.mod

cat >tools.go <<'GO'
//go:build tools

// Package tools pins the commands built from this module.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubelet"
	_ "k8s.io/kubernetes/cmd/kube-proxy"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
cat >etcd/main.go <<'GO'
// Command etcd runs the etcd server kube-apiserver's module graph pins.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO

echo "build-k8s: go mod tidy"
go mod tidy

ver_pkg=k8s.io/component-base/version
ldflags="-s -w -X $ver_pkg.gitVersion=$K8S_VERSION -X $ver_pkg.gitMajor=1 -X $ver_pkg.gitMinor=$minor \
  -X $ver_pkg.gitTreeState=clean -X $ver_pkg.buildDate=1970-01-01T00:00:00Z \
  -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1 \
  -X k8s.io/client-go/pkg/version.gitMinor=$minor"
pkgs=()
for c in "${missing[@]}"; do
  if [ "$c" = etcd ]; then pkgs+=(./etcd); else pkgs+=("k8s.io/kubernetes/cmd/$c"); fi
done
echo "build-k8s: go build ${missing[*]} (long: about 25 minutes on 2 busy cores for all of them)"
start=$(date +%s)
CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath -tags tools -ldflags "$ldflags" -o "$BIN/" "${pkgs[@]}"
echo "build-k8s: built in $(( $(date +%s) - start )) s"
for c in "${COMPONENTS[@]}"; do printf '%s: %s\n' "$c" "$(version_of "$c" | sed -n 1p)"; done
"$BIN/etcd" --version | sed -n 1p
