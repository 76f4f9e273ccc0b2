#!/usr/bin/env bash
# Imports an image from buildah's storage into the local cluster's containerd (tier 2), where the
# kubelet finds it with imagePullPolicy: Never. Usage: scripts/image/load.sh [image...]
# The OCI archive buildah writes is cached outside the checkout, keyed by the image's ID (a hash of
# its content): $WEFT_IMAGE_CACHE/oci/<name>-<id>.tar, one per image name, so a later cluster
# imports it without exporting it again.
set -euo pipefail
CLUSTER_DIR="${WEFT_CLUSTER_DIR:-${TMPDIR:-/tmp}/weft-cluster}"
CACHE="${WEFT_IMAGE_CACHE:-/var/cache/weft-images}/oci"
socket="$CLUSTER_DIR/containerd/containerd.sock"
[ -S "$socket" ] || { echo "image-load: no containerd at $socket (start one with WEFT_CLUSTER_TIER=2 npm run cluster -- up)" >&2; exit 1; }
[ "$#" -gt 0 ] || set -- localhost/weft:dev
mkdir -p "$CACHE"
for image in "$@"; do
  id="$(buildah inspect --type image --format '{{.FromImageID}}' "$image" | cut -c1-16)"
  name="$(printf '%s' "${image%:*}" | tr '/:' '__')"
  archive="$CACHE/$name-$id.tar"
  if [ ! -s "$archive" ]; then
    # One archive per image name: older content of the same name goes.
    rm -f "$CACHE/$name"-*.tar
    buildah push --quiet "$image" "oci-archive:$archive.partial:$image"
    mv "$archive.partial" "$archive"
  fi
  ctr --address "$socket" --namespace k8s.io images import --base-name "${image%:*}" "$archive" >/dev/null
  echo "image-load: $image ($id) -> $socket" >&2
done
