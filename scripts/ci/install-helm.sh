#!/usr/bin/env bash
# Installs the chart tooling (helm, helm-docs) from the Go module proxy into $INSTALL_DIR
# (default /usr/local/bin). Idempotent: a binary that already reports the pinned version is
# kept. Needs `go` on PATH; no other download is made. The chart tests find helm through
# $HELM_BIN or PATH, and helm-docs through $HELM_DOCS_BIN or PATH.
set -euo pipefail

HELM_VERSION="${HELM_VERSION:-v3.22.0}"
HELM_DOCS_VERSION="${HELM_DOCS_VERSION:-v1.14.2}"
# Kubernetes minor of the k8s.io/* modules helm $HELM_VERSION is built with (k8s.io/api v0.37 →
# 1.37): the default cluster version of `helm template`/`helm lint`, stamped like release builds.
HELM_K8S_MINOR="${HELM_K8S_MINOR:-37}"
INSTALL_DIR="${INSTALL_DIR:-/usr/local/bin}"

command -v go >/dev/null || { echo "install-helm: go is required (Go module proxy install)" >&2; exit 1; }
mkdir -p "$INSTALL_DIR"

# go_install <module/cmd path> <version> <binary name> <extra -X ldflags> <version probe args...>
go_install() {
  local pkg="$1" version="$2" bin="$3" xflags="$4"
  shift 4
  if [ -x "$INSTALL_DIR/$bin" ] && "$INSTALL_DIR/$bin" "$@" 2>/dev/null | grep -qF "${version#v}"; then
    echo "install-helm: $bin $version already at $INSTALL_DIR/$bin"
    return
  fi
  echo "install-helm: building $bin $version (go install, may take a few minutes)"
  GOBIN="$INSTALL_DIR" CGO_ENABLED=0 GOFLAGS="${GOFLAGS:--buildvcs=false}" \
    go install -trimpath -ldflags "-s -w $xflags" "$pkg@$version"
  "$INSTALL_DIR/$bin" "$@"
}

# Release builds stamp the version with -X; go install does not, so stamp it the same way.
go_install helm.sh/helm/v3/cmd/helm "$HELM_VERSION" helm \
  "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION \
   -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$HELM_K8S_MINOR \
   -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$HELM_K8S_MINOR" \
  version --template '{{.Version}}'
echo
go_install github.com/norwoodj/helm-docs/cmd/helm-docs "$HELM_DOCS_VERSION" helm-docs \
  "-X main.version=${HELM_DOCS_VERSION#v}" --version
