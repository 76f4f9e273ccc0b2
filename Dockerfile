# syntax=docker/dockerfile:1
# One image for every Weft process. The chart picks the process with the container command:
#   server node   node apps/server/src/main.ts        (= npm run server)
#   presence      node apps/presence/src/main.ts      (= npm run presence)
#   migrations    node packages/db/src/cli/migrate.ts (= npm run db:migrate)
# Node 24 runs the TypeScript sources directly (type stripping); the web apps are built by Vite
# into apps/<app>/dist and served by the server node.
# Where node:24-bookworm-slim cannot be pulled, scripts/image/build.sh passes a stand-in built
# from Debian packages and the pinned Node.js npm package (scripts/image/base.sh).
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: every dependency, the Prisma client, the web apps -------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NPM_CONFIG_UPDATE_NOTIFIER=false PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 \
  TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
COPY . .
# The postinstall script generates the Prisma client into packages/db/generated.
RUN npm ci --no-audit --no-fund
RUN node node_modules/turbo/bin/turbo run build --output-logs=errors-only

# --- runtime dependencies only --------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
COPY . .
# Production dependencies of the processes the image runs (server, presence, migrations) only:
# the web apps' libraries are already bundled into their dist/ by Vite. `--omit=optional
# --omit=peer` also drops what the lockfile marks devOptional (the prisma CLI with @prisma/dev,
# studio, effect; typescript): optional peers of @prisma/client that only `prisma generate` uses;
# without the CLI the postinstall skips generation (the build stage's client is copied in below).
# The Prisma client loads only the PostgreSQL query compiler (packages/db/generated), and reads its
# WebAssembly from a .wasm file written at generate (decision 0211), so the other databases'
# builds and every base64-embedded copy (14 MB) go; so do the workspaces that never run in
# production and their links, and the libraries' source maps (14 MiB; the node runs without
# --enable-source-maps).
RUN npm ci --omit=dev --omit=optional --omit=peer --no-audit --no-fund \
    -w apps/server -w apps/presence -w packages/db \
  && npm cache clean --force \
  && find node_modules/@prisma/client/runtime -name 'query_compiler_*' \( ! -name '*.postgresql.*' -o -name '*.wasm-base64.*' \) -delete \
  && rm -rf e2e bench docs packages/testkit node_modules/@types \
  && find node_modules -xtype l -print -delete \
  && find node_modules -name '*.map' -type f -delete
COPY --from=build /app/packages/db/generated ./packages/db/generated
COPY --from=build /app/apps ./apps-built
# Keep each app's Vite output (dist/) next to its sources.
RUN for dir in apps-built/*/dist; do app="$(basename "$(dirname "$dir")")"; cp -R "$dir" "apps/$app/dist"; done \
  && rm -rf apps-built
# The server's modules, type-stripped and compiled, in Node's compile cache (decision 0211): a node
# that finds every module there never loads Node's TypeScript stripper (≈ 25 MB of RSS a node).
# Filled here, at the path the node runs from, because the root filesystem is read-only where the
# image runs (a module missing from it is stripped as before; nothing fails).
RUN NODE_OPTIONS=--max-semi-space-size=16 NODE_COMPILE_CACHE=/app/.node-compile-cache \
    node apps/server/src/main.ts --warm-compile-cache

# --- runtime filesystem: the Node base minus what a running node never uses ------------------
FROM ${NODE_IMAGE} AS runtime-base
# npm, corepack and yarn, documentation and package lists stay out of the image; the final stage
# copies this filesystem into one layer, so removing them here really shrinks the image.
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
    /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-* /usr/local/include/node \
    /usr/share/doc /usr/share/man /usr/share/info /var/lib/apt/lists/* /var/cache/apt/* /var/cache/debconf/* \
  && groupadd --system --gid 10001 weft \
  && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin weft

# --- runtime ---------------------------------------------------------------------------------
FROM scratch
COPY --from=runtime-base / /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin NODE_ENV=production PORT=8080
# What an idle node holds (decision 0207): V8's young generation at 16 MB a semi-space, as Node
# sizes it in a 1 GiB pod, on any machine (Node grows it to 64 MB on hosts of 8 GB and more), and
# glibc's malloc arenas at 2. The chart sets both (server.nodeOptions, server.mallocArenaMax).
ENV NODE_OPTIONS=--max-semi-space-size=16 MALLOC_ARENA_MAX=2
# Where the node's transpiled modules were cached when the image was built (decision 0211);
# NODE_DISABLE_COMPILE_CACHE=1 turns it off.
ENV NODE_COMPILE_CACHE=/app/.node-compile-cache
WORKDIR /app
# Files stay owned by root and read-only for the process; the root filesystem can be mounted
# read-only (the chart mounts an emptyDir at /tmp). Numeric user so runAsNonRoot can verify it.
COPY --from=prod /app /app
USER 10001:10001
EXPOSE 8080
# No HEALTHCHECK: Kubernetes probes /healthz and /readyz. Node is PID 1 and handles SIGTERM itself.
CMD ["node", "apps/server/src/main.ts"]
