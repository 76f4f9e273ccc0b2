#!/usr/bin/env bash
# Installs actionlint (the GitHub Actions workflow linter) from the Go module proxy into
# $INSTALL_DIR (default /usr/local/bin). Idempotent: a binary that already reports the pinned
# version is kept. Needs `go` on PATH; no other download is made. The release-workflow test finds
# it through $ACTIONLINT_BIN or PATH.
set -euo pipefail

ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
INSTALL_DIR="${INSTALL_DIR:-/usr/local/bin}"

command -v go >/dev/null || { echo "install-actionlint: go is required (Go module proxy install)" >&2; exit 1; }
mkdir -p "$INSTALL_DIR"

if [ -x "$INSTALL_DIR/actionlint" ] && "$INSTALL_DIR/actionlint" -version 2>/dev/null | head -1 | grep -qxF "${ACTIONLINT_VERSION#v}"; then
  echo "install-actionlint: actionlint $ACTIONLINT_VERSION already at $INSTALL_DIR/actionlint"
  exit 0
fi
echo "install-actionlint: building actionlint $ACTIONLINT_VERSION (go install)"
# Release builds stamp the version with -X; go install does not, so stamp it the same way.
GOBIN="$INSTALL_DIR" CGO_ENABLED=0 GOFLAGS="${GOFLAGS:--buildvcs=false}" \
  go install -trimpath -ldflags "-s -w -X github.com/rhysd/actionlint.version=${ACTIONLINT_VERSION#v}" \
  "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
"$INSTALL_DIR/actionlint" -version | head -1
