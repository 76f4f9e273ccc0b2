#!/usr/bin/env bash
# `npm run image:build`: builds the repository's Dockerfile without a daemon (buildah, chroot
# isolation, host network) into buildah's local storage as $IMAGE (default localhost/weft:dev),
# then prints its size and the size of /app. The base is node:24-bookworm-slim when it can be
# pulled; otherwise (or with NODE_IMAGE=standin) the Debian + Node.js stand-in from base.sh.
# With --load, the image is also imported into the local cluster's containerd (tier 2).
#
# Cached by content: the image is also tagged localhost/weft:ctx-<hash>, the hash of every file of
# the build context (what .dockerignore lets through, tracked or not), the Dockerfile and the base
# image's ID. When that tag exists in buildah's storage (outside the checkout) nothing is built;
# only $IMAGE is pointed at it. WEFT_IMAGE_REBUILD=1 builds anyway.
set -euo pipefail
cd "$(dirname "$0")/../.."

IMAGE="${IMAGE:-localhost/weft:dev}"
PUBLIC_BASE="docker.io/library/node:24-bookworm-slim"
log() { echo "image-build: $*" >&2; }
command -v buildah >/dev/null || { log "buildah is required (apt-get install buildah)"; exit 1; }

base="${NODE_IMAGE:-}"
if [ -z "$base" ]; then
  if timeout 60 buildah pull --quiet "$PUBLIC_BASE" >/dev/null 2>&1; then
    base="$PUBLIC_BASE"
  else
    log "$PUBLIC_BASE cannot be pulled here; using the Debian stand-in"
    base=standin
  fi
fi
if [ "$base" = standin ]; then base="$(scripts/image/base.sh | tail -1)"; fi

# Same exclusions as .dockerignore (root-level *.md, charts, k8s, docs, the cluster and image
# scripts); generated and dependency folders are git-ignored already.
context_hash() {
  {
    buildah inspect --type image --format '{{.FromImageID}}' "$base" 2>/dev/null || echo "$base"
    git ls-files -co --exclude-standard -z \
      | grep -zvE '^(charts|k8s|docs|scripts/cluster|scripts/image|\.ci)/|^[^/]*\.md$' \
      | sort -z | xargs -0 sha256sum 2>/dev/null
  } | sha256sum | cut -c1-16
}
cached="${IMAGE%:*}:ctx-$(context_hash)"
if [ "${WEFT_IMAGE_REBUILD:-0}" != 1 ] && buildah inspect --type image "$cached" >/dev/null 2>&1; then
  log "$cached already built from this content; tagging $IMAGE"
  buildah tag "$cached" "$IMAGE"
else
  log "building $IMAGE ($cached) from $base"
  start=$(date +%s)
  buildah bud --isolation chroot --network host --layers --quiet \
    --build-arg NODE_IMAGE="$base" -t "$IMAGE" -t "$cached" -f Dockerfile . >/dev/null
  log "built in $(( $(date +%s) - start )) s"
fi

size=$(buildah images --noheading --format "{{.Size}}" "$IMAGE" | awk 'NR == 1')
ctr="$(buildah from --quiet "$IMAGE")"
mnt="$(buildah mount "$ctr")"
app=$(du -sh "$mnt/app" | cut -f1)
rootfs=$(du -sh "$mnt" | cut -f1)
buildah umount "$ctr" >/dev/null; buildah rm "$ctr" >/dev/null
log "$IMAGE: image $size (unpacked $rootfs), /app $app"

if [ "${1:-}" = "--load" ]; then scripts/image/load.sh "$IMAGE"; fi
echo "$IMAGE"
