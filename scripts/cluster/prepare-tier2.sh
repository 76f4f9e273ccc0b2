#!/usr/bin/env bash
# Builds what the tier-2 cluster stage needs beyond Kubernetes, each cached outside the checkout:
# CoreDNS (by version), the stand-in Node base and the dev Redis/Postgres images (by version), and
# the app image of this checkout (by content). .ci/run runs it in the background after
# build-k8s.sh, beside lint, typecheck and the other suites; it holds $WEFT_K8S_CACHE/.tier2.lock
# while it works, so `npm test` (scripts/cluster/tier.ts) can tell "still building" from "missing".
# Every step is a no-op when its result is cached.
set -euo pipefail
cd "$(dirname "$0")/../.."

CACHE_ROOT="${WEFT_K8S_CACHE:-/var/cache/weft-k8s}"
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.tier2.lock"
flock 9
log() { echo "prepare-tier2: $* ($(date -u +%T))"; }

log "CoreDNS"
scripts/cluster/build-coredns.sh
log "dev Redis and Postgres images"
scripts/image/dev-deps.sh
# The same base the chart suite asks for (chart.test.ts: NODE_IMAGE defaults to the stand-in), so
# the content-hash tag it looks for is the one built here.
log "app image"
NODE_IMAGE="${NODE_IMAGE:-standin}" scripts/image/build.sh
log "done"
