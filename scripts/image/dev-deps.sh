#!/usr/bin/env bash
# Builds the images of the development Redis and Postgres the cluster tests run (k8s/dev), from
# Debian bookworm packages with mmdebstrap, the same way as the Node base (base.sh): rootfs
# tarballs cached in $WEFT_IMAGE_CACHE keyed by suite and package, images committed to buildah's
# storage. Both run as UID/GID 999, which the k8s/dev manifests ask for. Prints the image names.
set -euo pipefail
cd "$(dirname "$0")"

SUITE="${DEBIAN_SUITE:-bookworm}"
CACHE="${WEFT_IMAGE_CACHE:-/var/cache/weft-images}"
REDIS_IMAGE="${REDIS_IMAGE:-localhost/weft-dev-redis:$SUITE}"
POSTGRES_IMAGE="${POSTGRES_IMAGE:-localhost/weft-dev-postgres:15-$SUITE}"
log() { echo "image-dev-deps: $*" >&2; }
mkdir -p "$CACHE"
mirror="$(sed -n 's/^URIs: \(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"

rootfs() { # <name> <packages> -> path of the cached tarball
  local tar="$CACHE/debian-$SUITE-$1-slim.tar"
  if [ ! -s "$tar" ]; then
    log "mmdebstrap $SUITE + $2 -> $tar"
    mmdebstrap --variant=minbase --format=tar --include="usr-is-merged,$2" --quiet \
      --aptopt='APT::Install-Recommends "false"' \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
      "$SUITE" "$tar.partial" "${mirror:-http://deb.debian.org/debian}"
    mv "$tar.partial" "$tar"
  fi
  echo "$tar"
}

build() { # <image> <rootfs tar> <setup script> <buildah config args...>
  local image="$1" tar="$2" setup="$3"
  shift 3
  if buildah inspect --type image "$image" >/dev/null 2>&1; then log "$image already built"; echo "$image"; return; fi
  local ctr
  ctr="$(buildah from scratch)"
  buildah add --quiet "$ctr" "$tar" / >/dev/null
  buildah run --isolation chroot "$ctr" -- sh -ec "$setup" >&2
  buildah config "$@" "$ctr"
  buildah commit --quiet --rm "$ctr" "$image" >/dev/null
  echo "$image"
}

# Redis: listens on every interface of the pod, no persistence unless asked (args append).
build "$REDIS_IMAGE" "$(rootfs redis redis-server)" '
  groupadd --gid 999 weft-redis && useradd --uid 999 --gid 999 --home-dir /data --no-create-home weft-redis
  mkdir -p /data && chown 999:999 /data
  rm -rf /var/lib/apt/lists/* /var/cache/apt/*' \
  --user 999:999 --workingdir /data --port 6379 \
  --entrypoint '["redis-server","--bind","0.0.0.0","--protected-mode","no","--dir","/data"]' --cmd '[]'

# Postgres 15 (bookworm's): initialises $PGDATA on first start with POSTGRES_USER, POSTGRES_PASSWORD
# and POSTGRES_DB (like the public image), password authentication from the pod network.
build "$POSTGRES_IMAGE" "$(rootfs postgres postgresql-15)" "
  groupadd --gid 999 weft-pg && useradd --uid 999 --gid 999 --home-dir /var/lib/postgresql --no-create-home weft-pg
  mkdir -p /var/lib/postgresql/data /var/run/postgresql && chown -R 999:999 /var/lib/postgresql /var/run/postgresql
  rm -rf /var/lib/apt/lists/* /var/cache/apt/*
  cat >/usr/local/bin/weft-postgres <<'SH'
#!/bin/sh
set -eu
: \"\${PGDATA:=/var/lib/postgresql/data/pgdata}\" \"\${POSTGRES_USER:=postgres}\" \"\${POSTGRES_DB:=\$POSTGRES_USER}\"
export PGDATA
bin=/usr/lib/postgresql/15/bin
if [ ! -s \"\$PGDATA/PG_VERSION\" ]; then
  pw=\"\$(mktemp)\"; printf '%s' \"\${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}\" >\"\$pw\"
  \"\$bin/initdb\" --username=\"\$POSTGRES_USER\" --pwfile=\"\$pw\" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f \"\$pw\"
  echo 'host all all 0.0.0.0/0 scram-sha-256' >>\"\$PGDATA/pg_hba.conf\"
  if [ \"\$POSTGRES_DB\" != postgres ]; then
    \"\$bin/postgres\" -c listen_addresses= -k /var/run/postgresql & pid=\$!
    until \"\$bin/pg_isready\" -q -h /var/run/postgresql; do sleep 0.2; done
    \"\$bin/createdb\" -h /var/run/postgresql -U \"\$POSTGRES_USER\" \"\$POSTGRES_DB\"
    kill \$pid; wait \$pid || true
  fi
fi
exec \"\$bin/postgres\" -c listen_addresses='*' -k /var/run/postgresql \"\$@\"
SH
  chmod 755 /usr/local/bin/weft-postgres
  ln -s /usr/lib/postgresql/15/bin/pg_isready /usr/local/bin/pg_isready" \
  --user 999:999 --port 5432 --env PGDATA=/var/lib/postgresql/data/pgdata \
  --entrypoint '["/usr/local/bin/weft-postgres"]' --cmd '[]'
