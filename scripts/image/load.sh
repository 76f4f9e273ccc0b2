#!/usr/bin/env bash
# Imports an image from buildah's storage into the local cluster's containerd (tier 2), where the
# kubelet finds it with imagePullPolicy: Never. Usage: scripts/image/load.sh [image...]
set -euo pipefail
CLUSTER_DIR="${WEFT_CLUSTER_DIR:-${TMPDIR:-/tmp}/weft-cluster}"
socket="$CLUSTER_DIR/containerd/containerd.sock"
[ -S "$socket" ] || { echo "image-load: no containerd at $socket (start one with WEFT_CLUSTER_TIER=2 npm run cluster -- up)" >&2; exit 1; }
[ "$#" -gt 0 ] || set -- localhost/weft:dev
for image in "$@"; do
  archive="$(mktemp --suffix=.tar)"
  rm -f "$archive"
  buildah push --quiet "$image" "oci-archive:$archive:$image"
  ctr --address "$socket" --namespace k8s.io images import --base-name "${image%:*}" "$archive" >/dev/null
  rm -f "$archive"
  echo "image-load: $image -> $socket" >&2
done
